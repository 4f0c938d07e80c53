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
