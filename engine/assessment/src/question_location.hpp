// Where a question was defined, for the `where` of an Error: "file:line", "file" or "";
// and the error about a question that names it and says where.
#pragma once

#include <string>
#include <utility>

#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"

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

// ErrorCode::invalid about question q: its name, the message, and where it was defined.
inline Error invalid_question(const content::Question& q, std::string message) {
    return make_error(ErrorCode::invalid, named(q) + ": " + std::move(message), location_of(q));
}

}  // namespace waymark::assessment
