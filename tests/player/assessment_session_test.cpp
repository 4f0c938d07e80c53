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

namespace {

// A sitting of the sample course's questions of one type only, so a test can give and
// take back an answer of exactly that type.
struct OneType : Sitting {
    course::Course course;
    AssessmentSession start_with(content::QuestionType type) {
        course = *entry.course;
        std::erase_if(course.assessment_questions,
                      [&](const content::Question& q) { return q.type != type; });
        course.assessment.draw = 0;
        course.assessment.quotas.clear();
        return AssessmentSession::start(course, "a1", 5, now, record).value();
    }
    // Gives the right answer and moves on, then comes back to it.
    void answer_then_return(AssessmentSession& s) {
        s.draft() = test::right_answer(s.question(), s.shown_at(0));
        ASSERT_TRUE(s.open_review(now, record));
        ASSERT_TRUE(s.go_to(0, now, record));
        ASSERT_TRUE(s.answered(0));
    }
    // The sitting as the player starts it again from the recorded events after a crash.
    AssessmentSession resumed(const SittingPlace& place = {}) {
        auto rebuilt = assessment::rebuild_attempt(recorded);
        EXPECT_TRUE(rebuilt.ok()) << rebuilt.error().describe();
        return AssessmentSession::resume(course, *rebuilt, place).value();
    }
    const assessment::QuestionResult& marked_first(AssessmentSession& s) {
        EXPECT_TRUE(s.submit(now + 1min, record));
        return s.attempt().result()->questions.at(0);
    }
};

}  // namespace

TEST_F(OneType, RemovingEveryTickWithdrawsTheAnswerFromTheMarking) {
    auto s = start_with(content::QuestionType::multiple_response);
    answer_then_return(s);
    std::fill(s.draft().ticked.begin(), s.draft().ticked.end(), false);
    ASSERT_TRUE(s.open_review(now, record));
    EXPECT_FALSE(s.answered(0));
    EXPECT_FALSE(marked_first(s).answered);
}

TEST_F(OneType, RemovingEveryTickIsStillClearedAfterAResume) {
    auto s = start_with(content::QuestionType::multiple_response);
    answer_then_return(s);
    std::fill(s.draft().ticked.begin(), s.draft().ticked.end(), false);
    ASSERT_TRUE(s.save_draft(now, record));
    auto again = resumed();
    EXPECT_FALSE(again.answered(0));
    EXPECT_EQ(again.draft_at(0), blank_draft(again.question_at(0), again.shown_at(0)));
}

TEST_F(OneType, DeletingTheTypedTextWithdrawsTheAnswer) {
    auto s = start_with(content::QuestionType::short_answer);
    answer_then_return(s);
    s.draft().text = "  ";
    ASSERT_TRUE(s.save_draft(now, record));
    EXPECT_FALSE(resumed().answered(0));
    EXPECT_FALSE(marked_first(s).answered);
}

TEST_F(OneType, DeletingTheTypedNumberWithdrawsTheAnswer) {
    auto s = start_with(content::QuestionType::numerical);
    answer_then_return(s);
    s.draft().number.clear();
    ASSERT_TRUE(s.save_draft(now, record));
    EXPECT_FALSE(resumed().answered(0));
    EXPECT_FALSE(marked_first(s).answered);
}

TEST_F(OneType, TypingSomethingThatIsNotANumberWithdrawsTheNumberSavedBefore) {
    auto s = start_with(content::QuestionType::numerical);
    answer_then_return(s);
    s.draft().number = "twelve";
    ASSERT_TRUE(s.save_draft(now, record));
    EXPECT_FALSE(marked_first(s).answered);
}

TEST_F(OneType, ClearingAQuestionNeverAnsweredRecordsNothing) {
    auto s = start_with(content::QuestionType::multiple_response);
    ASSERT_TRUE(s.save_draft(now, record));
    ASSERT_TRUE(s.open_review(now, record));
    EXPECT_EQ(recorded.size(), 1u);  // only the start
}

TEST_F(OneType, APartlyMatchedQuestionComesBackAsLeft) {
    auto s = start_with(content::QuestionType::matching);
    const AnswerDraft right = test::right_answer(s.question(), s.shown_at(0));
    s.draft().matched.at(0) = right.matched.at(0);
    ASSERT_TRUE(s.save_draft(now, record));
    auto again = resumed({s.attempt().question_ids()[0], {}});
    EXPECT_EQ(again.draft_at(0), s.draft_at(0));
    EXPECT_TRUE(again.partly_answered(0));
    EXPECT_EQ(again.partly_answered_count(), 1u);
}

TEST_F(OneType, APartlyMatchedQuestionScoresTheMatchesItHas) {
    auto s = start_with(content::QuestionType::matching);
    const AnswerDraft right = test::right_answer(s.question(), s.shown_at(0));
    s.draft().matched.at(0) = right.matched.at(0);
    ASSERT_TRUE(s.save_draft(now, record));
    const auto& marked = marked_first(s);
    EXPECT_TRUE(marked.answered);
    EXPECT_DOUBLE_EQ(marked.fraction, 1.0 / static_cast<double>(right.matched.size()));
}

TEST_F(OneType, AHalfWalkedScenarioComesBackAtTheSameStep) {
    auto s = start_with(content::QuestionType::scenario);
    const auto path = test::best_path(s.question());
    ASSERT_GT(path.size(), 1u);
    s.draft().path = {path.front()};
    ASSERT_TRUE(s.save_draft(now, record));
    auto again = resumed({s.attempt().question_ids()[0], {}});
    EXPECT_EQ(again.draft_at(0).path, std::vector<std::size_t>{path.front()});
    EXPECT_TRUE(again.partly_answered(0));
}

TEST_F(OneType, AHalfWalkedScenarioScoresNothingButCountsAsAnswered) {
    auto s = start_with(content::QuestionType::scenario);
    s.draft().path = {test::best_path(s.question()).front()};
    ASSERT_TRUE(s.save_draft(now, record));
    const auto& marked = marked_first(s);
    EXPECT_TRUE(marked.answered);
    EXPECT_DOUBLE_EQ(marked.fraction, 0.0);
}

TEST_F(OneType, AWholeAnswerIsNotPartlyAnswered) {
    auto s = start_with(content::QuestionType::matching);
    s.draft() = test::right_answer(s.question(), s.shown_at(0));
    ASSERT_TRUE(s.save_draft(now, record));
    EXPECT_TRUE(s.answered(0));
    EXPECT_FALSE(s.partly_answered(0));
}
