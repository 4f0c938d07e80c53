// Questions as xAPI interaction activities (cmi.interaction): the interaction type, the
// components (choices, source/target, steps) and the correct responses pattern, and a
// learner's Response in the same component ids.
#pragma once

#include <string>

#include "json_writer.hpp"
#include "waymark/assessment/response.hpp"
#include "waymark/content/question.hpp"

namespace waymark::xapi::detail {

// Writes interactionType, correctResponsesPattern and the component lists of `q` as
// members of the activity definition object being written.
void write_interaction(JsonWriter& w, const content::Question& q, std::string_view language);

// The response as xAPI's result.response for `q`; without a question, a neutral form
// ("choice-2", "item-1[,]item-0", the text or number typed).
std::string response_text(const content::Question* q, const assessment::Response& response);

}  // namespace waymark::xapi::detail
