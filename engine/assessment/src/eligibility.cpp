#include "waymark/assessment/eligibility.hpp"

#include <algorithm>

namespace waymark::assessment {

namespace {

bool is_open(const Attempt& a) {
    return a.state() == AttemptState::in_progress;
}

std::string plural(long long n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

StartDecision can_start_attempt(const AssessmentPolicy& policy, std::span<const Attempt> past,
                                UtcTime now) {
    StartDecision d;
    const auto started =
        static_cast<long long>(std::count_if(past.begin(), past.end(), [](const Attempt& a) {
            return a.state() != AttemptState::not_started;
        }));
    if (policy.attempts_allowed > 0)
        d.attempts_left = static_cast<int>(std::max(0LL, policy.attempts_allowed - started));

    if (std::any_of(past.begin(), past.end(), is_open)) {
        d.reason = StartRefusal::attempt_in_progress;
        d.message = "You have an attempt in progress. Carry on with it or submit it first.";
        return d;
    }
    if (policy.attempts_allowed > 0 && d.attempts_left == 0) {
        d.reason = StartRefusal::no_attempts_left;
        d.message = "You have used all " + plural(policy.attempts_allowed, "attempt") +
                    " at this assessment. Ask your trainer if you need another.";
        return d;
    }
    std::optional<UtcTime> last_submission;
    for (const auto& a : past) {
        if (a.submitted_at() && (!last_submission || *a.submitted_at() > *last_submission))
            last_submission = a.submitted_at();
    }
    if (last_submission && policy.wait_between_attempts.count() > 0) {
        const UtcTime ready = *last_submission + policy.wait_between_attempts;
        if (now < ready) {
            d.reason = StartRefusal::must_wait;
            d.wait = std::chrono::ceil<std::chrono::minutes>(ready - now);
            d.message = "You can try again in " + plural(d.wait.count(), "minute") + ".";
            return d;
        }
    }
    d.allowed = true;
    return d;
}

bool may_show_correct_answers(const AssessmentPolicy& policy, std::span<const Attempt> attempts) {
    const auto scored = [](const Attempt& a) { return a.state() == AttemptState::scored; };
    if (std::none_of(attempts.begin(), attempts.end(), scored))
        return false;
    switch (policy.review) {
        case ReviewPolicy::always:
            return true;
        case ReviewPolicy::after_passing:
            return std::any_of(attempts.begin(), attempts.end(),
                               [&](const Attempt& a) { return scored(a) && a.result()->passed; });
        case ReviewPolicy::after_last_attempt:
            return policy.attempts_allowed > 0 && std::count_if(attempts.begin(), attempts.end(),
                                                                scored) >= policy.attempts_allowed;
        case ReviewPolicy::never:
            return false;
    }
    return false;
}

}  // namespace waymark::assessment
