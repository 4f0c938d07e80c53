// waymark/assessment/draw.hpp: choosing the questions of one attempt.
//
// The draw is a pure function of the bank, the policy and the attempt's seed, so the
// same paper can be drawn again when an attempt resumes or an auditor replays it.
// Order of work: each quota (explicit ones first, then at_least_per_module for each
// module in order of first appearance in the bank) counts the questions already drawn
// that fall under it and draws the rest at random from the undrawn questions under it;
// then the paper is filled at random from every undrawn question; finally the paper is
// shuffled (shuffle_questions) or put back in bank order.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "waymark/assessment/policy.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"

namespace waymark::assessment {

// The ids of the questions drawn, in the order they are asked. Only markable questions
// (Question::is_scored(): not essays or descriptions) are drawn. Errors: the policy is
// invalid (validate_policy), the bank holds two questions with one id, it has fewer
// markable questions than draw_count, or a quota cannot be met ("asks for 2 questions
// from module \"channel\" but the bank has 1"); each says which number to change.
Result<std::vector<std::string>> draw_paper(std::span<const content::Question> bank,
                                            const AssessmentPolicy& policy, std::uint64_t seed);

// Whether `q` falls under `quota` (its module, or its category path or a sub-path).
bool in_quota(const content::Question& q, const Quota& quota);

}  // namespace waymark::assessment
