// Internal: course.json and contacts.json into the model, with diagnostics.
#pragma once

#include <string>
#include <string_view>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/json.hpp"
#include "waymark/course/course.hpp"

namespace waymark::course {

inline constexpr const char* kCourseFile = "course.json";

void read_course_json(const JsonValue& root, Course& course, Diagnostics& out);
void read_contacts_json(const JsonValue& root, const std::string& file, Course& course,
                        Diagnostics& out);

bool is_slug(std::string_view s);
bool is_semver(std::string_view s);
bool is_language_tag(std::string_view s);

}  // namespace waymark::course
