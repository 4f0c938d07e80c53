#include "waymark/assessment/course_policy.hpp"

namespace waymark::assessment {

AssessmentPolicy policy_of(const course::AssessmentSettings& s) {
    AssessmentPolicy p;
    p.draw_count = s.draw > 0 ? static_cast<std::size_t>(s.draw) : 0;
    for (const auto& q : s.quotas) {
        Quota quota;
        quota.scope = q.module.empty() ? Quota::Scope::category : Quota::Scope::module;
        quota.name = q.module.empty() ? q.category : q.module;
        quota.at_least = q.min > 0 ? static_cast<std::size_t>(q.min) : 0;
        p.quotas.push_back(quota);
    }
    p.pass_mark = s.pass_mark;
    p.attempts_allowed = s.attempts;
    p.wait_between_attempts = std::chrono::minutes(s.wait_minutes);
    p.time_limit = std::chrono::minutes(s.time_limit_minutes);
    switch (s.review) {
        case course::ReviewPolicy::always:
            p.review = ReviewPolicy::always;
            break;
        case course::ReviewPolicy::after_passing:
            p.review = ReviewPolicy::after_passing;
            break;
        case course::ReviewPolicy::after_last_attempt:
            p.review = ReviewPolicy::after_last_attempt;
            break;
        case course::ReviewPolicy::never:
            p.review = ReviewPolicy::never;
            break;
    }
    p.shuffle_questions = s.shuffle;
    p.shuffle_options = s.shuffle;
    return p;
}

}  // namespace waymark::assessment
