// waymark/assessment/presentation.hpp: the order in which a learner sees the options.
//
// Options are shown shuffled so that learners sitting side by side see different
// papers, but responses always use the model's indices (response.hpp). A Presentation
// records, for one question and one seed, which model entry sits at each displayed
// position; to_model() turns what the learner clicked into a Response.
// Rules: choices are shuffled unless Question::shuffle is false; a Choice marked
// `fixed` ("All of the above") keeps its position while the others move around it;
// true/false keeps True before False. Matching shuffles its prompts and its answers
// (answers with identical text are shown once). Ordering items are always shuffled
// (showing them in order would give the answer away) and never shown already in the
// correct order when two different orders exist. Scenario options keep the authored
// order: the story's wording often depends on it. Short answer and numerical have
// nothing to arrange.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "waymark/assessment/response.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"

namespace waymark::assessment {

struct Presentation {
    // Choices: displayed position -> index in Question::choices. Ordering: displayed
    // position -> index in Question::order. Empty for other types.
    std::vector<std::size_t> options;
    // Matching: displayed prompt -> index in Question::pairs (pairs with a prompt only).
    std::vector<std::size_t> prompts;
    // Matching: displayed answer -> index of the first pair carrying that answer text.
    std::vector<std::size_t> answers;
    friend bool operator==(const Presentation&, const Presentation&) = default;
};

// The presentation of `q` for `seed` (question_seed() in random.hpp gives one per
// question of an attempt). `shuffle` false (AssessmentPolicy::shuffle_options) keeps
// every list in model order except ordering items, which are always shuffled.
// Deterministic: the same question, seed and flag always give the same presentation.
Presentation present(const content::Question& q, std::uint64_t seed, bool shuffle = true);

// Converts a response given in displayed positions (what the learner clicked) into
// model indices. Text, numbers and scenario paths pass through unchanged. Fails with
// ErrorCode::invalid when a displayed position does not exist.
Result<Response> to_model(const Presentation& shown, const Response& displayed);

}  // namespace waymark::assessment
