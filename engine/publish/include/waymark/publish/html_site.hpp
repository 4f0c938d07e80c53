// waymark/publish/html_site.hpp: a course published as a folder of static HTML pages.
//
// render_html_site() turns a loaded course into files: index.html (the course's contents),
// one file per page, contacts.html, assessment.html, the web runtime (waymark.css and
// waymark.js from assets/web, and the engine's assessment.js, all built in) and the
// images the pages show. The folder opens from disk (file://) in any current browser,
// with no server and no network request of any kind: each page carries a
// Content-Security-Policy that allows only its own files.
//
// Every page is built to WCAG 2.2 AA: a language, a skip link, banner, navigation, main
// and contentinfo landmarks, one h1 with headings in order, and the course's pinned
// contact (its emergency number) in the banner of every page. Knowledge checks and the
// assessment (assessment.html) are forms marked by the engine's own assessment code,
// compiled to WebAssembly (assessment.js, engine/publish/wasm); waymark.js keeps the
// learner's progress in localStorage, or hands it to a SCORM or cmi5 launch page.
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

// The file of page `page` (from 0) of module `module` (from 0): "module-1-page-1.html".
std::string page_file(std::size_t module, std::size_t page);

// The whole course as a site. `files` are the course's own files (a source folder or an
// opened package), from which the images are copied. The course should be one that
// load_course() passed without errors.
Result<Site> render_html_site(const course::Course& course, const course::CourseFiles& files);

// Writes `site` into the folder `out`. The folder must not exist, be empty, or hold an
// earlier publication (it has index.html and waymark.js), which is replaced whole. The new
// folder is written beside it and renamed into place, so a failure leaves what was there.
Result<void> write_site(const Site& site, const std::filesystem::path& out);

}  // namespace waymark::publish
