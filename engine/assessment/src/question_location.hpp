// Where a question was defined, for the `where` of an Error: "file:line", "file" or "".
#pragma once

#include <string>

#include "waymark/content/question.hpp"

namespace waymark::assessment {

inline std::string location_of(const content::Question& q) {
    if (q.file.empty())
        return {};
    return q.line > 0 ? q.file + ":" + std::to_string(q.line) : q.file;
}

// `question "id"` for messages.
inline std::string named(const content::Question& q) {
    return "question \"" + q.id + "\"";
}

}  // namespace waymark::assessment
