// waymark/course/load.hpp: loading and checking a course.
//
// load_course() reads course.json and everything it names, converts the pages, loads the
// question banks (Waymark JSON or Moodle GIFT) and checks the whole course, collecting
// every problem as a Diagnostic with its file, line and column. A course with errors
// must not be packed or played; warnings are style issues that do not stop anything.
#pragma once

#include <cstdint>

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

}  // namespace waymark::course
