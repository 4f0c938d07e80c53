// Internal: checks that everything one part of a course names exists in another part.
#pragma once

#include <set>
#include <string>

#include "waymark/core/diagnostics.hpp"
#include "waymark/course/course.hpp"
#include "waymark/course/files.hpp"

namespace waymark::course {

// Images, links, contact cards and knowledge checks on every page. Adds every course file
// a page uses to `used`.
void check_page_references(const Course& course, const CourseFiles& files,
                           std::set<std::string>& used, Diagnostics& out);

// Question ids, modules and sources of questions; quotas and the draw count.
void check_question_references(const Course& course, Diagnostics& out);

}  // namespace waymark::course
