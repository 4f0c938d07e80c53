#include "waymark/assessment/eligibility.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace waymark::assessment {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

UtcTime minutes_in(int minutes) {
    return *parse_iso8601("2026-11-25T09:00:00Z") + std::chrono::minutes{minutes};
}

// An attempt started at `start`, submitted at `end` and scored pass or fail; stopping
// earlier when `end` is negative (in progress).
Attempt attempt(int start, int end, bool passed = false) {
    Attempt a;
    EXPECT_TRUE(
        a.apply(AttemptStarted{"a" + std::to_string(start), 1, minutes_in(start), {"q1"}, 0ms})
            .ok());
    if (end < 0)
        return a;
    EXPECT_TRUE(a.apply(AttemptSubmitted{minutes_in(end)}).ok());
    AttemptScored scored{minutes_in(end), {}};
    scored.result.questions = {{"q1"}};
    scored.result.passed = passed;
    EXPECT_TRUE(a.apply(scored).ok());
    return a;
}

TEST(CanStartAttempt, AllowsAFirstAttempt) {
    AssessmentPolicy p;
    p.attempts_allowed = 3;
    const auto d = can_start_attempt(p, {}, minutes_in(0));
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.attempts_left, 3);
}

TEST(CanStartAttempt, AllowsUnlimitedAttemptsWhenTheLimitIsZero) {
    const std::vector<Attempt> past{attempt(0, 5), attempt(10, 15), attempt(20, 25)};
    const auto d = can_start_attempt(AssessmentPolicy{}, past, minutes_in(30));
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.attempts_left, -1);
}

TEST(CanStartAttempt, RefusesWhenNoAttemptsAreLeft) {
    AssessmentPolicy p;
    p.attempts_allowed = 2;
    const std::vector<Attempt> past{attempt(0, 5), attempt(10, 15)};
    const auto d = can_start_attempt(p, past, minutes_in(30));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.reason, StartRefusal::no_attempts_left);
    EXPECT_THAT(d.message, HasSubstr("all 2 attempts"));
}

TEST(CanStartAttempt, RefusesWhileAnAttemptIsInProgress) {
    const std::vector<Attempt> past{attempt(0, -1)};
    const auto d = can_start_attempt(AssessmentPolicy{}, past, minutes_in(30));
    EXPECT_EQ(d.reason, StartRefusal::attempt_in_progress);
}

TEST(CanStartAttempt, AsksToWaitTheRemainingMinutesRoundedUp) {
    AssessmentPolicy p;
    p.wait_between_attempts = 60min;
    const std::vector<Attempt> past{attempt(0, 10)};
    const auto d = can_start_attempt(p, past, minutes_in(20) + 30s);
    EXPECT_EQ(d.reason, StartRefusal::must_wait);
    EXPECT_EQ(d.wait, 50min);
    EXPECT_EQ(d.message, "You can try again in 50 minutes.");
}

TEST(CanStartAttempt, AllowsAnAttemptOnceTheWaitHasPassed) {
    AssessmentPolicy p;
    p.wait_between_attempts = 60min;
    const std::vector<Attempt> past{attempt(0, 10)};
    EXPECT_TRUE(can_start_attempt(p, past, minutes_in(70)).allowed);
}

TEST(CanStartAttempt, CountsTheWaitFromTheLatestSubmission) {
    AssessmentPolicy p;
    p.wait_between_attempts = 10min;
    const std::vector<Attempt> past{attempt(100, 105), attempt(0, 5)};
    EXPECT_EQ(can_start_attempt(p, past, minutes_in(110)).wait, 5min);
}

TEST(MayShowCorrectAnswers, ShowsNothingBeforeAnyAttemptIsScored) {
    AssessmentPolicy p;
    p.review = ReviewPolicy::always;
    const std::vector<Attempt> past{attempt(0, -1)};
    EXPECT_FALSE(may_show_correct_answers(p, past));
}

TEST(MayShowCorrectAnswers, ShowsAlwaysAfterAScoredAttempt) {
    AssessmentPolicy p;
    p.review = ReviewPolicy::always;
    const std::vector<Attempt> past{attempt(0, 5)};
    EXPECT_TRUE(may_show_correct_answers(p, past));
}

TEST(MayShowCorrectAnswers, ShowsAfterPassingOnlyOnceAnAttemptPassed) {
    AssessmentPolicy p;
    p.review = ReviewPolicy::after_passing;
    std::vector<Attempt> past{attempt(0, 5, false)};
    EXPECT_FALSE(may_show_correct_answers(p, past));
    past.push_back(attempt(10, 15, true));
    EXPECT_TRUE(may_show_correct_answers(p, past));
}

TEST(MayShowCorrectAnswers, ShowsAfterTheLastAttemptOnlyWhenAllAreUsed) {
    AssessmentPolicy p;
    p.review = ReviewPolicy::after_last_attempt;
    p.attempts_allowed = 2;
    std::vector<Attempt> past{attempt(0, 5, true)};
    EXPECT_FALSE(may_show_correct_answers(p, past));
    past.push_back(attempt(10, 15));
    EXPECT_TRUE(may_show_correct_answers(p, past));
}

TEST(MayShowCorrectAnswers, NeverShowsAfterTheLastAttemptWhenAttemptsAreUnlimited) {
    AssessmentPolicy p;
    p.review = ReviewPolicy::after_last_attempt;
    const std::vector<Attempt> past{attempt(0, 5), attempt(10, 15)};
    EXPECT_FALSE(may_show_correct_answers(p, past));
}

TEST(MayShowCorrectAnswers, NeverShowsWhenThePolicySaysNever) {
    AssessmentPolicy p;
    p.review = ReviewPolicy::never;
    const std::vector<Attempt> past{attempt(0, 5, true)};
    EXPECT_FALSE(may_show_correct_answers(p, past));
}

}  // namespace
}  // namespace waymark::assessment
