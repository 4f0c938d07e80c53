// waymark/assessment/scenario.hpp: following a learner through a branching scenario.
//
// A scenario question is a short story of steps (Question::steps, the first is the
// start). Each option of a step either leads to another step (`next`) or ends the story;
// an ending option's `score` is the score of the whole path that reached it, so the
// best path scores 1 and the others score what the author gave them. The player walks
// the story one choice at a time, showing each option's feedback as it goes; scoring
// (scoring.hpp) walks the path as far as it goes (an unfinished one scores 0).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "waymark/assessment/response.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"

namespace waymark::assessment {

struct ScenarioWalk {
    std::vector<std::size_t> steps;      // indices into Question::steps, in the order visited
    std::vector<std::string> feedback;   // the feedback of each chosen option, in order
    std::optional<std::size_t> current;  // the step awaiting a choice; empty when finished
    bool finished = false;               // the path ended on an ending option
    double score = 0;                    // that ending's score, clamped to [0, 1]
};

// Follows `path` from the first step. A path that stops before an ending is fine (the
// walk reports the step awaiting a choice). Errors (ErrorCode::invalid, at the question's
// file:line): the question is not a scenario or has no steps, an option index does not
// exist at its step, the path goes on after an ending, or an option leads to a step id
// the question does not have.
Result<ScenarioWalk> walk_scenario(const content::Question& q, const ScenarioPath& path);

}  // namespace waymark::assessment
