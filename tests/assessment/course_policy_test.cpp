// policy_of(): a course's assessment settings as the engine's policy.
#include "waymark/assessment/course_policy.hpp"

#include <gtest/gtest.h>

namespace waymark::assessment {
namespace {

TEST(AssessmentPolicy, TakesTheCoursesSettings) {
    course::AssessmentSettings s;
    s.draw = 8;
    s.pass_mark = 75;
    s.attempts = 3;
    s.wait_minutes = 5;
    s.time_limit_minutes = 20;
    s.review = course::ReviewPolicy::after_last_attempt;
    s.quotas.push_back({"pages", "", 2, 0});
    const auto p = policy_of(s);
    EXPECT_EQ(p.draw_count, 8u);
    EXPECT_EQ(p.attempts_allowed, 3);
    EXPECT_EQ(p.wait_between_attempts, std::chrono::minutes(5));
    EXPECT_EQ(p.time_limit, std::chrono::minutes(20));
    EXPECT_EQ(p.review, ReviewPolicy::after_last_attempt);
    ASSERT_EQ(p.quotas.size(), 1u);
    EXPECT_EQ(p.quotas[0].name, "pages");
}

}  // namespace
}  // namespace waymark::assessment
