#include "waymark/assessment/attempt.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "question_builders.hpp"

namespace waymark::assessment {
namespace {

using namespace testing;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using QT = content::QuestionType;

UtcTime at(int minutes) {
    return *parse_iso8601("2026-11-25T09:00:00Z") + std::chrono::minutes{minutes};
}

std::vector<content::Question> paper_bank() {
    return {choice_question(QT::single_choice, {{"a", 1}, {"b", 0}}, "q1"),
            choice_question(QT::multiple_response, {{"a", 0.5}, {"b", 0.5}, {"c", -1}}, "q2"),
            choice_question(QT::single_choice, {{"a", 0}, {"b", 1}}, "q3")};
}

AttemptStarted started(std::chrono::milliseconds limit = 0ms) {
    return AttemptStarted{"att-1", 99, at(0), {"q1", "q2", "q3"}, limit};
}

Attempt must_rebuild(std::vector<AttemptEvent> events) {
    auto a = rebuild_attempt(events);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().describe());
    return a.ok() ? *a : Attempt{};
}

TEST(Attempt, StartsNotStarted) {
    EXPECT_EQ(Attempt{}.state(), AttemptState::not_started);
}

TEST(Attempt, MovesToInProgressWhenStarted) {
    const auto a = must_rebuild({started()});
    EXPECT_EQ(a.state(), AttemptState::in_progress);
    EXPECT_EQ(a.id(), "att-1");
    EXPECT_EQ(a.seed(), 99u);
    EXPECT_EQ(a.started_at(), at(0));
}

TEST(Attempt, LetsAnAnswerChangeWhileInProgress) {
    const auto a = must_rebuild({started(), AnswerSaved{"q1", ChosenOption{1}, at(1)},
                                 AnswerSaved{"q1", ChosenOption{0}, at(2)}});
    EXPECT_EQ(a.answers().at("q1"), Response{ChosenOption{0}});
}

TEST(Attempt, RefusesAnAnswerToAQuestionNotOnThePaper) {
    Attempt a = must_rebuild({started()});
    const auto r = a.apply(AnswerSaved{"q9", ChosenOption{0}, at(1)});
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.error().message, HasSubstr("not on this attempt's paper"));
    EXPECT_TRUE(a.answers().empty());
}

TEST(Attempt, RefusesAnAnswerBeforeItStarts) {
    Attempt a;
    EXPECT_FALSE(a.apply(AnswerSaved{"q1", ChosenOption{0}, at(1)}).ok());
}

TEST(Attempt, RefusesAnAnswerAfterTheTimeLimit) {
    Attempt a = must_rebuild({started(30min)});
    EXPECT_TRUE(a.apply(AnswerSaved{"q1", ChosenOption{0}, at(30)}).ok());
    const auto late = a.apply(AnswerSaved{"q1", ChosenOption{1}, at(31)});
    ASSERT_FALSE(late.ok());
    EXPECT_THAT(late.error().message, HasSubstr("time limit ended at 2026-11-25T09:30:00Z"));
    EXPECT_EQ(a.answers().at("q1"), Response{ChosenOption{0}});
}

TEST(Attempt, AcceptsASubmissionAfterTheTimeLimit) {
    Attempt a = must_rebuild({started(30min)});
    EXPECT_TRUE(a.apply(AttemptSubmitted{at(45)}).ok());
}

TEST(Attempt, RefusesAnAnswerAfterSubmission) {
    Attempt a = must_rebuild({started(), AttemptSubmitted{at(5)}});
    const auto r = a.apply(AnswerSaved{"q1", ChosenOption{0}, at(6)});
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.error().message, HasSubstr("this one is submitted"));
}

TEST(Attempt, AClearedAnswerLeavesTheQuestionUnanswered) {
    const auto a = must_rebuild(
        {started(), AnswerSaved{"q2", ChosenOptions{{0, 1}}, at(1)}, AnswerCleared{"q2", at(2)}});
    EXPECT_EQ(a.answers().count("q2"), 0u);
}

TEST(Attempt, AnAnswerSavedAfterItWasClearedCountsAgain) {
    const auto a =
        must_rebuild({started(), AnswerSaved{"q1", ChosenOption{1}, at(1)},
                      AnswerCleared{"q1", at(2)}, AnswerSaved{"q1", ChosenOption{0}, at(3)}});
    EXPECT_EQ(a.answers().at("q1"), Response{ChosenOption{0}});
}

TEST(Attempt, AClearedAnswerScoresAsUnanswered) {
    Attempt a = must_rebuild({started(), AnswerSaved{"q1", ChosenOption{0}, at(1)},
                              AnswerCleared{"q1", at(2)}, AttemptSubmitted{at(3)}});
    auto scored = score_attempt(a, paper_bank(), AssessmentPolicy{}, at(4));
    ASSERT_TRUE(scored.ok()) << scored.error().describe();
    EXPECT_FALSE(scored->result.questions.at(0).answered);
    EXPECT_EQ(scored->result.raw, 0);
}

TEST(Attempt, RefusesToClearAnAnswerAfterSubmission) {
    Attempt a = must_rebuild(
        {started(), AnswerSaved{"q1", ChosenOption{0}, at(1)}, AttemptSubmitted{at(5)}});
    const auto r = a.apply(AnswerCleared{"q1", at(6)});
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.error().message, HasSubstr("cleared while an attempt is in progress"));
    EXPECT_EQ(a.answers().count("q1"), 1u);
}

TEST(Attempt, RefusesToClearAQuestionNotOnThePaper) {
    Attempt a = must_rebuild({started()});
    EXPECT_THAT(a.apply(AnswerCleared{"q9", at(1)}).error().message,
                HasSubstr("not on this attempt's paper"));
}

TEST(Attempt, RefusesToClearAnAnswerAfterTheTimeLimit) {
    Attempt a = must_rebuild({started(30min), AnswerSaved{"q1", ChosenOption{0}, at(10)}});
    EXPECT_FALSE(a.apply(AnswerCleared{"q1", at(31)}).ok());
    EXPECT_EQ(a.answers().count("q1"), 1u);
}

TEST(Attempt, RefusesToStartTwice) {
    Attempt a = must_rebuild({started()});
    EXPECT_FALSE(a.apply(started()).ok());
}

TEST(Attempt, RefusesToStartWithoutQuestionsOrWithOneTwice) {
    Attempt a;
    EXPECT_FALSE(a.apply(AttemptStarted{"x", 1, at(0), {}, 0ms}).ok());
    EXPECT_FALSE(a.apply(AttemptStarted{"x", 1, at(0), {"q1", "q1"}, 0ms}).ok());
    EXPECT_FALSE(a.apply(AttemptStarted{"", 1, at(0), {"q1"}, 0ms}).ok());
    EXPECT_EQ(a, Attempt{});
}

TEST(Attempt, RefusesToSubmitTwice) {
    Attempt a = must_rebuild({started(), AttemptSubmitted{at(5)}});
    EXPECT_FALSE(a.apply(AttemptSubmitted{at(6)}).ok());
    EXPECT_EQ(a.submitted_at(), at(5));
}

TEST(Attempt, RefusesScoresBeforeSubmission) {
    Attempt a = must_rebuild({started()});
    EXPECT_FALSE(a.apply(AttemptScored{at(5), {}}).ok());
}

TEST(Attempt, RefusesScoresForAnotherPaper) {
    Attempt a = must_rebuild({started(), AttemptSubmitted{at(5)}});
    AttemptScored scored{at(6), {}};
    scored.result.questions = {{"q1"}, {"q3"}, {"q2"}};
    EXPECT_THAT(a.apply(scored).error().message, HasSubstr("paper order"));
    EXPECT_EQ(a.state(), AttemptState::submitted);
}

TEST(RebuildAttempt, NamesTheEventItRefused) {
    const std::vector<AttemptEvent> events{started(), AttemptSubmitted{at(1)},
                                           AnswerSaved{"q1", ChosenOption{0}, at(2)}};
    const auto a = rebuild_attempt(events);
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().where, "event 3");
}

TEST(StartAttempt, DrawsThePaperFromTheSeedWithThePolicyTimeLimit) {
    AssessmentPolicy p;
    p.draw_count = 2;
    p.time_limit = 20min;
    const auto bank = paper_bank();
    const auto e = start_attempt(bank, p, "att-7", 1234, at(0));
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->question_ids.size(), 2u);
    EXPECT_EQ(e->time_limit, 20min);
    EXPECT_EQ(e->question_ids, start_attempt(bank, p, "att-8", 1234, at(3))->question_ids);
}

TEST(StartAttempt, ReportsAPolicyTheBankCannotMeet) {
    AssessmentPolicy p;
    p.draw_count = 4;
    EXPECT_FALSE(start_attempt(paper_bank(), p, "att", 1, at(0)).ok());
}

// --- scoring ------------------------------------------------------------------------

Attempt answered_and_submitted() {
    return must_rebuild({started(), AnswerSaved{"q1", ChosenOption{0}, at(1)},
                         AnswerSaved{"q2", ChosenOptions{{0}}, at(2)}, AttemptSubmitted{at(12)}});
}

TEST(ScoreAttempt, AddsTheQuestionFractionsIntoRawAndScaledScores) {
    AssessmentPolicy p;
    p.pass_mark = 50;
    const auto scored = score_attempt(answered_and_submitted(), paper_bank(), p, at(13));
    ASSERT_TRUE(scored.ok());
    const auto& r = scored->result;
    EXPECT_DOUBLE_EQ(r.raw, 1.5);
    EXPECT_EQ(r.max, 3);
    EXPECT_DOUBLE_EQ(r.scaled, 0.5);
    EXPECT_TRUE(r.passed);
    EXPECT_EQ(r.pass_mark, 50);
    EXPECT_EQ(r.duration, 12min);
}

TEST(ScoreAttempt, FailsAnAttemptBelowThePassMark) {
    AssessmentPolicy p;
    p.pass_mark = 80;
    EXPECT_FALSE(score_attempt(answered_and_submitted(), paper_bank(), p, at(13))->result.passed);
}

TEST(ScoreAttempt, ReportsEachQuestionInPaperOrderWithItsOutcome) {
    const auto scored = score_attempt(answered_and_submitted(), paper_bank(), {}, at(13));
    ASSERT_TRUE(scored.ok());
    const auto& q = scored->result.questions;
    ASSERT_EQ(q.size(), 3u);
    EXPECT_EQ(q[0].question_id, "q1");
    EXPECT_EQ(q[0].outcome, Outcome::correct);
    EXPECT_EQ(q[1].outcome, Outcome::partial);
    EXPECT_EQ(q[0].general_feedback, "general");
}

TEST(ScoreAttempt, MarksAnUnansweredQuestionIncorrect) {
    const auto scored = score_attempt(answered_and_submitted(), paper_bank(), {}, at(13));
    const auto& q3 = scored->result.questions[2];
    EXPECT_FALSE(q3.answered);
    EXPECT_EQ(q3.fraction, 0);
    EXPECT_EQ(q3.outcome, Outcome::incorrect);
}

TEST(ScoreAttempt, ProducesAnEventTheAttemptAccepts) {
    Attempt a = answered_and_submitted();
    const auto scored = score_attempt(a, paper_bank(), {}, at(13));
    ASSERT_TRUE(a.apply(*scored).ok());
    EXPECT_EQ(a.state(), AttemptState::scored);
    EXPECT_EQ(a.result(), scored->result);
}

TEST(ScoreAttempt, RefusesAnAttemptStillInProgress) {
    const auto scored = score_attempt(must_rebuild({started()}), paper_bank(), {}, at(1));
    ASSERT_FALSE(scored.ok());
    EXPECT_EQ(scored.error().code, ErrorCode::usage);
}

TEST(ScoreAttempt, RefusesAPaperQuestionMissingFromTheBank) {
    auto bank = paper_bank();
    bank.pop_back();
    const auto scored = score_attempt(answered_and_submitted(), bank, {}, at(13));
    ASSERT_FALSE(scored.ok());
    EXPECT_EQ(scored.error().code, ErrorCode::not_found);
}

TEST(ScoreAttempt, NeverScoresAnInvalidSavedAnswer) {
    const auto a = must_rebuild(
        {started(), AnswerSaved{"q1", ChosenOption{7}, at(1)}, AttemptSubmitted{at(2)}});
    const auto scored = score_attempt(a, paper_bank(), {}, at(3));
    ASSERT_FALSE(scored.ok());
    EXPECT_THAT(scored.error().message, HasSubstr("option 7"));
}

TEST(ScoreAttempt, NeverGivesANegativeDurationWhenTheClockWentBack) {
    const auto a = must_rebuild({started(), AttemptSubmitted{at(-3)}});
    EXPECT_EQ(score_attempt(a, paper_bank(), {}, at(1))->result.duration, 0ms);
}

// --- rebuilding ---------------------------------------------------------------------

TEST(RebuildAttempt, EqualsTheLiveAttemptAtEveryPrefixOfItsEvents) {
    std::vector<AttemptEvent> events{started(20min), AnswerSaved{"q1", ChosenOption{1}, at(1)},
                                     AnswerSaved{"q2", ChosenOptions{{0, 1}}, at(2)},
                                     AnswerSaved{"q1", ChosenOption{0}, at(3)},
                                     AttemptSubmitted{at(4)}};
    Attempt live;
    for (const auto& e : events)
        ASSERT_TRUE(live.apply(e).ok());
    events.push_back(*score_attempt(live, paper_bank(), {}, at(5)));

    live = Attempt{};
    for (std::size_t n = 0; n <= events.size(); ++n) {
        const auto rebuilt = rebuild_attempt(std::span(events).first(n));
        ASSERT_TRUE(rebuilt.ok()) << n;
        EXPECT_EQ(*rebuilt, live) << "after " << n << " events";
        if (n < events.size()) {
            ASSERT_TRUE(live.apply(events[n]).ok());
        }
    }
    EXPECT_EQ(live.state(), AttemptState::scored);
}

}  // namespace
}  // namespace waymark::assessment
