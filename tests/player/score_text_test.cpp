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
