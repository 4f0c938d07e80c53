// waymark/course/load.hpp: loading and checking a course.
//
// load_course() reads course.json and everything it names, converts the pages, loads the
// question banks (Waymark JSON or Moodle GIFT) and checks the whole course, collecting
// every problem as a Diagnostic with its file, line and column. A course with errors
// must not be packed or played; warnings are style issues that do not stop anything,
// and facts that may have gone out of date: a contact not checked within the course's
// "review_months", a phone number or email address in a page or question that is not in
// the contacts file, a short-answer pattern such as "*share*" that also accepts wrong
// answers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "waymark/core/diagnostics.hpp"
#include "waymark/course/course.hpp"
#include "waymark/course/files.hpp"

namespace waymark::course {

struct LoadLimits {
    std::uintmax_t max_text_bytes = 4u * 1024 * 1024;    // course.json, pages, banks
    std::uintmax_t max_asset_bytes = 32u * 1024 * 1024;  // images
};

struct LoadedCourse {
    Course course;
    Diagnostics diagnostics;  // sorted by file, line, column
    bool ok() const { return !diagnostics.has_errors(); }
};

LoadedCourse load_course(const CourseFiles& files, const LoadLimits& limits = {});

// A course source folder loaded and checked, with the files it was read from (for its
// images). What `waymark check`, `waymark publish`, the player's library and the xAPI
// mapping load from a folder: the diagnostics include the folder listing's own problems
// (symbolic links, unreadable entries), sorted with the rest.
struct LoadedFolder {
    std::shared_ptr<const FolderFiles> files;
    LoadedCourse loaded;
};
LoadedFolder load_source_folder(const std::filesystem::path& folder, const LoadLimits& limits = {});

// The same problems with every warning made an error (`waymark check --strict`): a
// course that passes has no warnings either. The bundled courses are held to this.
Diagnostics strict(const Diagnostics& diagnostics);

}  // namespace waymark::course
