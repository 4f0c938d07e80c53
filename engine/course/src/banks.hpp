// Internal: loading one question bank by its file type.
#pragma once

#include <string>

#include "waymark/content/question.hpp"
#include "waymark/core/diagnostics.hpp"

namespace waymark::course {

// ".json" banks are Waymark's format, ".gift" banks Moodle's; anything else is reported.
content::QuestionBank read_bank(std::string_view text, const std::string& file, Diagnostics& out);

bool is_bank_file(std::string_view file);

}  // namespace waymark::course
