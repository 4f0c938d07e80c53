// waymark/publish/html_site.hpp: a course published as a folder of static HTML pages.
//
// render_html_site() turns a loaded course into files: index.html (the course's contents),
// one file per page, contacts.html, assessment.html, the web runtime (waymark.css and
// waymark.js, built in from assets/web) and the images the pages show. The folder opens
// from disk (file://) in any current browser, with no server and no network request of
// any kind: each page carries a Content-Security-Policy that allows only its own files.
//
// Every page is built to WCAG 2.2 AA: a language, a skip link, banner, navigation, main
// and contentinfo landmarks, one h1 with headings in order, and the course's pinned
// contact (its emergency number) in the banner of every page. Until the engine's
// assessment runs in the browser, assessment.html says plainly where the assessment is
// taken; no form is offered that could not be scored.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/course/course.hpp"
#include "waymark/course/files.hpp"

namespace waymark::publish {

struct PublishedFile {
    std::string path;  // relative, forward slashes: "index.html", "media/assets/x.png"
    std::string bytes;
};

struct Site {
    std::vector<PublishedFile> files;  // in path order

    const PublishedFile* find(std::string_view path) const;
    std::uintmax_t total_bytes() const;
};

// The whole course as a site. `files` are the course's own files (a source folder or an
// opened package), from which the images are copied. The course should be one that
// load_course() passed without errors.
Result<Site> render_html_site(const course::Course& course, const course::CourseFiles& files);

// Writes `site` into the folder `out`. The folder must not exist, be empty, or hold an
// earlier publication (it has index.html and waymark.js), which is replaced whole. The new
// folder is written beside it and renamed into place, so a failure leaves what was there.
Result<void> write_site(const Site& site, const std::filesystem::path& out);

}  // namespace waymark::publish
