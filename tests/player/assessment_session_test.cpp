#include <gtest/gtest.h>

#include "answers.hpp"
#include "courses.hpp"
#include "waymark/player/assessment_session.hpp"
#include "waymark/player/library.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

struct Sitting : ::testing::Test {
    LibraryCourse entry = test::sample_course();
    UtcTime now = *parse_iso8601("2026-03-02T09:00:00Z");
    std::vector<assessment::AttemptEvent> recorded;
    RecordEvent record = [this](const assessment::AttemptEvent& e) -> Result<void> {
        recorded.push_back(e);
        return {};
    };
    AssessmentSession start() {
        return AssessmentSession::start(*entry.course, "a1", 5, now, record).value();
    }
};

}  // namespace

TEST_F(Sitting, StartsOnTheFirstQuestionOfADrawnPaper) {
    auto s = start();
    EXPECT_EQ(s.count(), 8u);  // the sample draws 8
    EXPECT_EQ(s.index(), 0u);
    EXPECT_EQ(s.progress_label(), "Question 1 of 8");
    EXPECT_TRUE(std::holds_alternative<assessment::AttemptStarted>(recorded.at(0)));
}

TEST_F(Sitting, BackIsDisabledOnTheFirstQuestion) {
    auto s = start();
    EXPECT_FALSE(s.can_go_back());
    ASSERT_TRUE(s.next(now, record));
    EXPECT_TRUE(s.can_go_back());
}

TEST_F(Sitting, MovingOnWithoutAnAnswerRecordsNothing) {
    auto s = start();
    ASSERT_TRUE(s.next(now, record));
    EXPECT_EQ(recorded.size(), 1u);
    EXPECT_FALSE(s.answered(0));
}

TEST_F(Sitting, MovingOnRecordsACompleteAnswerOnce) {
    auto s = start();
    s.draft() = test::right_answer(s.question(), s.shown_at(0));
    ASSERT_TRUE(s.next(now, record));
    ASSERT_TRUE(s.back(now, record));
    ASSERT_TRUE(s.next(now, record));
    EXPECT_EQ(recorded.size(), 2u);
    EXPECT_TRUE(s.answered(0));
}

TEST_F(Sitting, NextFromTheLastQuestionOpensTheReviewList) {
    auto s = start();
    ASSERT_TRUE(s.go_to(s.count() - 1, now, record));
    ASSERT_TRUE(s.next(now, record));
    EXPECT_EQ(s.stage(), SittingStage::review);
    EXPECT_EQ(s.unanswered_count(), s.count());
}

TEST_F(Sitting, FlagsAQuestionForReviewAndUnflagsIt) {
    auto s = start();
    s.toggle_flag();
    EXPECT_TRUE(s.flagged(0));
    EXPECT_EQ(s.flagged_count(), 1u);
    s.toggle_flag();
    EXPECT_FALSE(s.flagged(0));
}

TEST_F(Sitting, AsksForConfirmationOnlyFromTheReviewList) {
    auto s = start();
    s.ask_to_submit();
    EXPECT_EQ(s.stage(), SittingStage::question);
    ASSERT_TRUE(s.open_review(now, record));
    s.ask_to_submit();
    EXPECT_EQ(s.stage(), SittingStage::confirm);
    s.cancel_submit();
    EXPECT_EQ(s.stage(), SittingStage::review);
}

TEST_F(Sitting, JumpingFromTheReviewListShowsThatQuestion) {
    auto s = start();
    ASSERT_TRUE(s.open_review(now, record));
    ASSERT_TRUE(s.go_to(3, now, record));
    EXPECT_EQ(s.stage(), SittingStage::question);
    EXPECT_EQ(s.index(), 3u);
}

TEST_F(Sitting, SubmittingRecordsTheSubmissionAndTheMarks) {
    auto s = start();
    ASSERT_TRUE(s.submit(now + 1min, record));
    EXPECT_EQ(s.stage(), SittingStage::finished);
    EXPECT_TRUE(std::holds_alternative<assessment::AttemptSubmitted>(recorded.at(1)));
    EXPECT_TRUE(std::holds_alternative<assessment::AttemptScored>(recorded.at(2)));
    EXPECT_FALSE(s.attempt().result()->passed);
}

TEST_F(Sitting, CountsDownTheTimeLeft) {
    auto s = start();
    EXPECT_EQ(s.time_left(now + 5min), std::optional<std::chrono::seconds>(15min));
    EXPECT_EQ(s.time_left(now + 25min), std::optional<std::chrono::seconds>(0s));
    EXPECT_TRUE(s.out_of_time(now + 20min));
}

TEST_F(Sitting, ResumesAtTheReviewListWhenEveryQuestionWasAnswered) {
    auto s = start();
    for (std::size_t i = 0; i < s.count(); ++i) {
        ASSERT_TRUE(s.go_to(i, now, record));
        s.draft() = test::right_answer(s.question(), s.shown_at(i));
    }
    ASSERT_TRUE(s.open_review(now, record));
    auto rebuilt = assessment::rebuild_attempt(recorded);
    ASSERT_TRUE(rebuilt.ok());
    auto again = AssessmentSession::resume(*entry.course, *rebuilt);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->stage(), SittingStage::review);
    EXPECT_EQ(again->draft_at(2), s.draft_at(2));
}

TEST_F(Sitting, RefusesToStartWhenTheDrawCannotBeMet) {
    course::Course c = *entry.course;
    c.assessment.draw = 500;
    auto r = AssessmentSession::start(c, "a1", 5, now, record);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(recorded.empty());
}

TEST_F(Sitting, ResumesWithTheFlagsAndAtTheQuestionOfTheSavedPlace) {
    auto s = start();
    ASSERT_TRUE(s.go_to(2, now, record));
    s.toggle_flag();
    ASSERT_TRUE(s.go_to(4, now, record));
    const SittingPlace place = s.place();
    EXPECT_EQ(place.question_id, s.attempt().question_ids()[4]);
    EXPECT_EQ(place.flagged, std::vector<std::string>{s.attempt().question_ids()[2]});
    auto again = AssessmentSession::resume(*entry.course, s.attempt(), place).value();
    EXPECT_EQ(again.index(), 4u);
    EXPECT_TRUE(again.flagged(2));
    EXPECT_EQ(again.flagged_count(), 1u);
}

TEST_F(Sitting, APlaceNamingQuestionsNotOnThePaperIsIgnored) {
    auto s = start();
    SittingPlace tampered{"not-on-the-paper", {"not-on-the-paper", ""}};
    auto again = AssessmentSession::resume(*entry.course, s.attempt(), tampered).value();
    EXPECT_EQ(again.index(), 0u);
    EXPECT_EQ(again.flagged_count(), 0u);
}

TEST_F(Sitting, SavingTheDraftRecordsAWholeAnswerAtOnceAndOnlyOnce) {
    auto s = start();
    s.draft() = test::right_answer(s.question(), s.shown_at(0));
    ASSERT_TRUE(s.save_draft(now, record));
    ASSERT_TRUE(s.save_draft(now, record));
    EXPECT_EQ(recorded.size(), 2u);  // started, then the one answer
    EXPECT_TRUE(s.answered(0));
    EXPECT_EQ(s.index(), 0u);
}

TEST_F(Sitting, TheLibraryCardShowsAnOpenAttemptInsteadOfThePagesRead) {
    auto s = start();
    s.draft() = test::right_answer(s.question(), s.shown_at(0));
    ASSERT_TRUE(s.next(now, record));
    CourseHistory h;
    h.attempts.push_back(recorded);
    for (const auto& m : entry.course->modules)
        for (const auto& p : m.pages)
            h.pages_viewed.push_back({m.id, p.anchor});
    EXPECT_EQ(course_status(*entry.course, h, now).label(),
              "Assessment started, 1 of 8 questions answered");
}

TEST_F(Sitting, TheLibrarySaysHowFarAnOpenAttemptHasGot) {
    auto s = start();
    s.draft() = test::right_answer(s.question(), s.shown_at(0));
    ASSERT_TRUE(s.next(now, record));
    CourseHistory h;
    h.attempts.push_back(recorded);
    EXPECT_EQ(open_attempt_label(h), "Assessment started, 1 of 8 questions answered");
    ASSERT_TRUE(s.submit(now, record));
    h.attempts.back() = recorded;
    EXPECT_EQ(open_attempt_label(h), "");
}
