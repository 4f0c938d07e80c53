// waymark/assessment/eligibility.hpp: may the learner start an attempt, or see answers?
//
// The policy limits attempts (AssessmentPolicy::attempts_allowed), spaces them
// (wait_between_attempts, counted from the previous submission) and says when correct
// answers may be shown (review). These functions look at the learner's attempts so far,
// as rebuilt from the ledger, and explain a refusal in words a learner understands.
#pragma once

#include <chrono>
#include <span>
#include <string>

#include "waymark/assessment/attempt.hpp"
#include "waymark/assessment/policy.hpp"
#include "waymark/core/time.hpp"

namespace waymark::assessment {

enum class StartRefusal {
    none,                 // allowed
    attempt_in_progress,  // an attempt is open: resume or submit it
    no_attempts_left,
    must_wait,  // wait_between_attempts has not passed since the last submission
};

struct StartDecision {
    bool allowed = false;
    StartRefusal reason = StartRefusal::none;
    std::chrono::minutes wait{0};  // must_wait: minutes left, rounded up
    int attempts_left = -1;        // before starting; -1 when unlimited
    std::string message;           // for the learner; empty when allowed
};

// Whether a new attempt may start at `now`, given every earlier attempt of this learner
// at this assessment (in any order). Every started attempt counts towards the limit,
// finished or not.
StartDecision can_start_attempt(const AssessmentPolicy& policy, std::span<const Attempt> past,
                                UtcTime now);

// Whether the correct answers may be shown, given the learner's attempts. Nothing is
// shown before an attempt is scored; `always` then shows them; `after_passing` once any
// attempt passed; `after_last_attempt` once attempts are limited and all are scored.
bool may_show_correct_answers(const AssessmentPolicy& policy, std::span<const Attempt> attempts);

}  // namespace waymark::assessment
