#include "waymark/assessment/policy.hpp"

#include <cmath>

namespace waymark::assessment {

const char* to_string(ReviewPolicy policy) {
    switch (policy) {
        case ReviewPolicy::always:
            return "always";
        case ReviewPolicy::after_passing:
            return "after-passing";
        case ReviewPolicy::after_last_attempt:
            return "after-last-attempt";
        case ReviewPolicy::never:
            return "never";
    }
    return "unknown";
}

bool parse_review_policy(const std::string& text, ReviewPolicy& out) {
    for (const auto p : {ReviewPolicy::always, ReviewPolicy::after_passing,
                         ReviewPolicy::after_last_attempt, ReviewPolicy::never}) {
        if (text == to_string(p)) {
            out = p;
            return true;
        }
    }
    return false;
}

Result<void> validate_policy(const AssessmentPolicy& policy) {
    const auto invalid = [](std::string message) {
        return make_error(ErrorCode::invalid, std::move(message));
    };
    if (!(policy.pass_mark >= 0 && policy.pass_mark <= 100))
        return invalid("the pass mark must be a percentage from 0 to 100");
    if (policy.attempts_allowed < 0)
        return invalid("attempts allowed cannot be negative; use 0 for unlimited attempts");
    if (policy.wait_between_attempts.count() < 0)
        return invalid("the wait between attempts cannot be negative; use 0 for no wait");
    if (policy.time_limit.count() < 0)
        return invalid("the time limit cannot be negative; use 0 for no limit");
    std::size_t quota_total = 0;
    for (const auto& quota : policy.quotas) {
        const char* scope = quota.scope == Quota::Scope::module ? "module" : "category";
        if (quota.name.empty())
            return invalid(std::string("a quota names no ") + scope);
        if (quota.at_least == 0)
            return invalid(std::string("the quota for ") + scope + " \"" + quota.name +
                           "\" asks for 0 questions; ask for at least 1 or remove it");
        quota_total += quota.at_least;
    }
    if (policy.draw_count > 0 && quota_total > policy.draw_count)
        return invalid("the quotas ask for " + std::to_string(quota_total) +
                       " questions but a paper has only " + std::to_string(policy.draw_count) +
                       "; lower the quotas or raise the number of questions drawn");
    return {};
}

bool passes(const AssessmentPolicy& policy, double scaled) {
    return scaled * 100 + 1e-9 >= policy.pass_mark;
}

}  // namespace waymark::assessment
