// Bundled courses loaded from the source tree and published in memory, for the site tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "waymark/course/load.hpp"
#include "waymark/publish/html_site.hpp"

namespace waymark::publish::testing {

struct PublishedCourse {
    std::unique_ptr<course::FolderFiles> files;
    course::LoadedCourse loaded;
    Site site;
};

// courses/<name>, loaded (it must have no errors) and published.
inline PublishedCourse publish_bundled(const std::string& name) {
    PublishedCourse p;
    Diagnostics listing;
    p.files = std::make_unique<course::FolderFiles>(
        std::filesystem::path(WAYMARK_SOURCE_DIR) / "courses" / name, listing);
    p.loaded = course::load_course(*p.files);
    EXPECT_TRUE(p.loaded.ok()) << name << " has errors";
    auto site = render_html_site(p.loaded.course, *p.files);
    EXPECT_TRUE(site) << (site ? "" : site.error().describe());
    if (site)
        p.site = std::move(*site);
    return p;
}

inline bool is_page(const PublishedFile& f) {
    return f.path.ends_with(".html");
}

inline std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

}  // namespace waymark::publish::testing
