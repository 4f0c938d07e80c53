// waymark/assessment/policy.hpp: the rules of a final assessment.
//
// A course's assessment draws a paper from its question bank and marks it against a
// pass mark. AssessmentPolicy holds those rules as the course states them; draw.hpp
// applies the drawing rules, attempt.hpp the marking, eligibility.hpp the limits on
// attempts and on reviewing the correct answers. Knowledge checks inside modules have
// no policy: they are practice (knowledge_check.hpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark::assessment {

// When a learner may see the correct answers after an attempt is scored.
enum class ReviewPolicy {
    always,              // after every scored attempt
    after_passing,       // once any attempt has passed
    after_last_attempt,  // once no attempts are left (never, if attempts are unlimited)
    never,
};

const char* to_string(ReviewPolicy policy);  // "always", "after-passing", ...
bool parse_review_policy(const std::string& text, ReviewPolicy& out);

// "At least `at_least` questions from this module (or category)".
struct Quota {
    enum class Scope { module, category };
    Scope scope = Scope::module;
    // A module id (Question::module), or a category path: a question counts when its
    // category is this path or lies under it ("prevent" covers "prevent/channel").
    std::string name;
    std::size_t at_least = 0;
    friend bool operator==(const Quota&, const Quota&) = default;
};

struct AssessmentPolicy {
    std::size_t draw_count = 0;  // questions per paper; 0 = every markable question
    std::vector<Quota> quotas;
    std::size_t at_least_per_module = 0;  // shorthand: a quota for every module in the bank
    double pass_mark = 80;                // percent of full marks needed to pass, 0..100
    int attempts_allowed = 0;             // 0 = unlimited
    std::chrono::minutes wait_between_attempts{0};  // from one submission to the next start
    std::chrono::minutes time_limit{0};             // 0 = no limit
    ReviewPolicy review = ReviewPolicy::after_passing;
    bool shuffle_questions = true;
    bool shuffle_options = true;
    friend bool operator==(const AssessmentPolicy&, const AssessmentPolicy&) = default;
};

// Whether the numbers make sense on their own: pass mark within 0..100, no negative
// attempts, waits or limits, quotas naming something and asking for at least one
// question, and quotas that together fit in draw_count. Errors (ErrorCode::invalid) say
// which setting to change. Whether the bank can satisfy the policy is draw.hpp's check.
Result<void> validate_policy(const AssessmentPolicy& policy);

// Whether a scaled score (0..1) reaches the pass mark. A score within 1e-9 below the
// mark passes, so that 4 of 5 passes an 80% mark despite binary rounding.
bool passes(const AssessmentPolicy& policy, double scaled);

}  // namespace waymark::assessment
