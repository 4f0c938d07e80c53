// Test support: small courses built in code, and the bundled courses as learners get
// them: packed and signed with the package tests' publisher key, which the players in
// these tests trust.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../package/fixture_keys.hpp"
#include "waymark/core/ids.hpp"
#include "waymark/course/course.hpp"
#include "waymark/course/load.hpp"
#include "waymark/package/package.hpp"
#include "waymark/player/library.hpp"

namespace waymark::test {

// A course with `pages_per_module[i]` pages in module i; modules are "m1", "m2", ...
inline course::Course course_with_pages(std::initializer_list<std::size_t> pages_per_module) {
    course::Course c;
    c.id = "built";
    c.version = "1.0.0";
    c.title = "Built course";
    int m = 0;
    for (auto pages : pages_per_module) {
        course::Module mod;
        mod.id = "m" + std::to_string(++m);
        mod.title = "Module " + std::to_string(m);
        mod.file = "modules/" + mod.id + ".md";
        for (std::size_t p = 0; p < pages; ++p) {
            content::Page page;
            page.title = "Page " + std::to_string(p + 1);
            page.anchor = "page-" + std::to_string(p + 1);
            mod.pages.push_back(page);
        }
        c.modules.push_back(mod);
    }
    return c;
}

inline std::filesystem::path course_folder(const std::string& id) {
    return std::filesystem::path(WAYMARK_SOURCE_DIR) / "courses" / id;
}

// Packs and signs the course folder `folder` into `out`, as `waymark pack` does.
inline void pack_course(const std::filesystem::path& folder, const Ed25519SecretKey& key,
                        const std::filesystem::path& out) {
    Diagnostics listing;
    const course::FolderFiles files(folder, listing);
    const course::LoadedCourse loaded = course::load_course(files);
    ASSERT_FALSE(loaded.diagnostics.has_errors()) << folder;
    package::CourseSummary summary;
    summary.id = loaded.course.id;
    summary.version = loaded.course.version;
    summary.title = loaded.course.title;
    auto written = package::write_package(folder, loaded.course.files, summary, key, out);
    ASSERT_TRUE(written) << written.error().describe();
}

// The players in these tests trust the package tests' publisher key, and no other.
inline package::TrustStore test_trust() {
    package::TrustStore trust;
    trust.add(package::testing::publisher_key().public_key);
    return trust;
}

// The course folder `folder` packed and signed by `signer`, then opened as the player
// opens a package, against test_trust(). The package file is gone by then: the player
// keeps a package's files in memory.
inline player::LibraryCourse packed_course(
    const std::filesystem::path& folder,
    const Ed25519KeyPair& signer = package::testing::publisher_key()) {
    const auto file = std::filesystem::path(::testing::TempDir()) /
                      ("waymark-player-" + Uuid::random().str() + ".wmpkg");
    pack_course(folder, signer.secret_key, file);
    auto entry = player::load_course_package(file, test_trust());
    std::error_code ec;
    std::filesystem::remove(file, ec);
    return entry;
}

// The sample course as learners get it: a package signed by a trusted publisher.
inline player::LibraryCourse sample_course() {
    static const player::LibraryCourse packed = packed_course(course_folder("waymark-sample"));
    return packed;
}

// The bundled Prevent duty course, packed and signed: long titles and a pinned contact.
inline player::LibraryCourse prevent_course() {
    static const player::LibraryCourse packed = packed_course(course_folder("prevent-duty"));
    return packed;
}

// The sample course's source folder, as an author previews it: never trusted.
inline player::LibraryCourse sample_folder() {
    return player::load_course_folder(course_folder("waymark-sample"));
}

}  // namespace waymark::test
