#include "waymark/assessment/text_match.hpp"

#include <gtest/gtest.h>

#include <string>

namespace waymark::assessment {
namespace {

TEST(NormaliseText, TrimsAndCollapsesWhiteSpace) {
    EXPECT_EQ(normalise_text(" \t run \n\n hide  tell\r\n", true), "run hide tell");
}

TEST(NormaliseText, TreatsANoBreakSpaceAsWhiteSpace) {
    EXPECT_EQ(normalise_text("run\xC2\xA0hide", true), "run hide");
}

TEST(NormaliseText, LowerCasesAsciiLettersOnlyWhenNotCaseSensitive) {
    EXPECT_EQ(normalise_text("CONTEST Ärger", false), "contest Ärger");
    EXPECT_EQ(normalise_text("CONTEST", true), "CONTEST");
}

TEST(TextMatches, MatchesTheSameWordsWithDifferentSpacingAndCase) {
    EXPECT_TRUE(text_matches("Run Hide Tell", "  run   hide TELL ", false));
}

TEST(TextMatches, RejectsADifferentWord) {
    EXPECT_FALSE(text_matches("Channel", "Channels", false));
}

TEST(TextMatches, LetsAStarMatchAnyRunIncludingNone) {
    EXPECT_TRUE(text_matches("chan*", "chan", false));
    EXPECT_TRUE(text_matches("chan*", "channel panel", false));
    EXPECT_TRUE(text_matches("*panel", "channel panel", false));
    EXPECT_TRUE(text_matches("c*l p*l", "channel panel", false));
    EXPECT_FALSE(text_matches("c*l p*l", "channel panels", false));
}

TEST(TextMatches, BacktracksWhenTheFirstPlaceForAStarIsWrong) {
    EXPECT_TRUE(text_matches("*ab", "aab", true));
    EXPECT_TRUE(text_matches("a*b*c", "abbbcbc", true));
    EXPECT_FALSE(text_matches("a*b*c", "abbbcb", true));
}

TEST(TextMatches, TreatsAnEscapedStarAsLiteral) {
    EXPECT_TRUE(text_matches("5\\*", "5*", true));
    EXPECT_FALSE(text_matches("5\\*", "55", true));
}

TEST(TextMatches, MatchesOnlyEmptyTextWithAnEmptyAnswer) {
    EXPECT_TRUE(text_matches("", "  ", true));
    EXPECT_FALSE(text_matches("", "a", true));
}

TEST(TextMatches, StaysQuickOnManyStarsAgainstLongText) {
    // Exponential backtracking would never finish this; the greedy matcher is quadratic.
    const std::string pattern = std::string(200, '*') + "b";
    EXPECT_FALSE(
        text_matches(pattern + std::string(50, '*') + "c", std::string(10'000, 'a') + "b", true));
}

}  // namespace
}  // namespace waymark::assessment
