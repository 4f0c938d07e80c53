#include <gtest/gtest.h>

#include "waymark/player/score_text.hpp"

using namespace waymark;
using namespace waymark::player;

TEST(ScoreText, WholeMarksHaveNoDecimalPoint) {
    EXPECT_EQ(marks_text(0), "0");
    EXPECT_EQ(marks_text(12), "12");
    EXPECT_EQ(marks_text(11.96), "12");
}

TEST(ScoreText, PartMarksHaveOneDecimalPlace) {
    EXPECT_EQ(marks_text(12.5), "12.5");
    EXPECT_EQ(marks_text(2.0 / 3), "0.7");
}

TEST(ScoreText, ANoughtOutOfFifteenReadsAsWholeMarks) {
    assessment::AttemptResult r;
    r.raw = 0;
    r.max = 15;
    r.scaled = 0;
    r.pass_mark = 80;
    EXPECT_EQ(score_sentence(r), "You scored 0% (0 of 15). The pass mark is 80%.");
}

TEST(FeedbackLines, ATextTwoChosenAnswersShareIsShownOnce) {
    assessment::Score s;
    s.feedback = {"No: that is for the police.", "No: that is for the police."};
    s.general_feedback = "Share the concern with your safeguarding lead.";
    EXPECT_EQ(feedback_lines(s),
              (std::vector<std::string>{"No: that is for the police.",
                                        "Share the concern with your safeguarding lead."}));
}

TEST(FeedbackLines, TheQuestionsFeedbackRepeatedByAnAnswersIsShownOnce) {
    assessment::Score s;
    s.feedback = {"Notice, check, share."};
    s.general_feedback = "Notice, check, share.";
    EXPECT_EQ(feedback_lines(s), std::vector<std::string>{"Notice, check, share."});
}

TEST(FeedbackLines, AnswersFeedbackComesBeforeTheQuestionsInTheirOrder) {
    assessment::Score s;
    s.feedback = {"First.", "", "Second."};
    s.general_feedback = "Last.";
    EXPECT_EQ(feedback_lines(s), (std::vector<std::string>{"First.", "Second.", "Last."}));
}

TEST(Counted, OneIsSingularAndEveryOtherCountPlural) {
    EXPECT_EQ(counted(1, "error"), "1 error");
    EXPECT_EQ(counted(2, "error"), "2 errors");
    EXPECT_EQ(counted(0, "warning"), "0 warnings");
}

namespace {

assessment::AssessmentPolicy limited_policy() {
    assessment::AssessmentPolicy p;
    p.pass_mark = 75;
    p.attempts_allowed = 3;
    p.wait_between_attempts = std::chrono::minutes(5);
    p.time_limit = std::chrono::minutes(20);
    p.review = assessment::ReviewPolicy::after_last_attempt;
    return p;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

}  // namespace

TEST(AssessmentIntro, SaysTheQuestionsPassMarkAndTimeLimit) {
    assessment::StartDecision d;
    d.attempts_left = 3;
    const auto text = joined(assessment_intro(limited_policy(), 8, d, true));
    EXPECT_NE(text.find("8 questions. You pass with 75% or more."), std::string::npos) << text;
    EXPECT_NE(text.find("You have 20 minutes"), std::string::npos) << text;
}

TEST(AssessmentIntro, SaysHowManyAttemptsThereAreAndHowManyAreLeft) {
    assessment::StartDecision d;
    d.attempts_left = 3;
    EXPECT_NE(joined(assessment_intro(limited_policy(), 8, d, true)).find("3 attempts in all."),
              std::string::npos);
    d.attempts_left = 1;
    const auto text = joined(assessment_intro(limited_policy(), 8, d, true));
    EXPECT_NE(text.find("You have 3 attempts in all, and 1 is left."), std::string::npos) << text;
    EXPECT_NE(text.find("5 minutes later"), std::string::npos) << text;
}

TEST(AssessmentIntro, SaysAnswersAreSavedAndWhatHappensNext) {
    assessment::StartDecision d;
    const auto text = joined(assessment_intro(limited_policy(), 8, d, true));
    EXPECT_NE(text.find("Your answers are saved as you go"), std::string::npos) << text;
    EXPECT_NE(text.find("you see your score at once"), std::string::npos) << text;
    EXPECT_NE(text.find("once you have used every attempt"), std::string::npos) << text;
    EXPECT_NE(text.find("save your certificate"), std::string::npos) << text;
}

TEST(AssessmentIntro, APreviewPromisesNoCertificate) {
    assessment::AssessmentPolicy p;  // unlimited attempts, no time limit
    assessment::StartDecision d;
    const auto text = joined(assessment_intro(p, 4, d, false));
    EXPECT_EQ(text.find("certificate"), std::string::npos) << text;
    EXPECT_NE(text.find("not recorded as a completion"), std::string::npos) << text;
    EXPECT_NE(text.find("as many times as you need"), std::string::npos) << text;
    EXPECT_NE(text.find("There is no time limit."), std::string::npos) << text;
}
