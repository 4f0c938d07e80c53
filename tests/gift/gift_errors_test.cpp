// Broken GIFT: every problem is reported at its line, and never hides the others.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gift_test_support.hpp"

namespace waymark::gift {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::lines_of;

struct Imported {
    content::QuestionBank bank;
    Diagnostics out;
};

Imported import_text(const std::string& text) {
    Imported result;
    result.bank = import_gift(text, "quiz.gift", result.out);
    return result;
}

TEST(GiftErrors, ReportsAnUnclosedBraceWithItsLine) {
    const auto r = import_text("// intro\n\nQ?\n{\n=a\n~b\n");
    EXPECT_TRUE(r.bank.questions.empty());
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(4));
    EXPECT_EQ(r.out.items()[0].file, "quiz.gift");
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("never closed"));
}

TEST(GiftErrors, ReportsAClosingBraceWithoutAnOpeningOne) {
    const auto r = import_text("Q? =a ~b}");
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(1));
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("closes no answer block"));
}

TEST(GiftErrors, ReportsASecondAnswerBlockAsAMissingBlankLine) {
    const auto r = import_text("Q1? {=a ~b}\nQ2? {=c ~d}");
    EXPECT_TRUE(r.bank.questions.empty());
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(2));
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("blank line"));
}

TEST(GiftErrors, ReportsAQuestionWithNoCorrectAnswer) {
    const auto r = import_text("\n\nWhich? {~a ~b}");
    EXPECT_TRUE(r.bank.questions.empty());
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(3));
}

TEST(GiftErrors, ReportsABadNumberWithItsLine) {
    const auto r = import_text("How many?\n{#\n=4\n=%50%four\n}");
    EXPECT_TRUE(r.bank.questions.empty());
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(4));
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("\"four\" is not a number"));
}

TEST(GiftErrors, SuggestsAPointForADecimalComma) {
    const auto r = import_text("Half? {#0,5}");
    ASSERT_TRUE(r.out.has_errors());
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("not a comma"));
}

TEST(GiftErrors, ReportsABadToleranceAndABadRangeEnd) {
    EXPECT_TRUE(import_text("Q {#4:x}").out.has_errors());
    EXPECT_TRUE(import_text("Q {#1..ten}").out.has_errors());
    EXPECT_TRUE(import_text("Q {#}").out.has_errors());
    EXPECT_TRUE(import_text("Q {#inf}").out.has_errors());
}

TEST(GiftErrors, ReportsMatchingWithFewerThanTwoPairs) {
    const auto r = import_text("Match.\n{=a -> 1}");
    EXPECT_TRUE(r.bank.questions.empty());
    ASSERT_EQ(r.out.error_count(), 1u);
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("fewer than two pairs"));
}

TEST(GiftErrors, ReportsAMatchingPairWithoutAnArrow) {
    const auto r = import_text("Match.\n{\n=a -> 1\n=b -> 2\n=c\n}");
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(5));
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("has no \"->\""));
}

TEST(GiftErrors, ReportsAWeightOutsideMinusToPlusOneHundredPercent) {
    const auto r = import_text("Pick. {~%150%a ~%50%b}");
    ASSERT_TRUE(r.out.has_errors());
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("%150%"));
}

TEST(GiftErrors, WarnsAboutAWeightWithATypo) {
    const auto r = import_text("Pick. {=a ~%5O%b}");
    EXPECT_FALSE(r.out.has_errors());
    ASSERT_EQ(r.out.warning_count(), 1u);
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("\"%5O%\" is not a weight"));
}

TEST(GiftErrors, ReportsAnEmptyShortAnswer) {
    EXPECT_TRUE(import_text("Q {=}").out.has_errors());
}

TEST(GiftErrors, ReportsTextThatIsNotUtf8) {
    const auto r = import_text("A? {T}\n\nB \xff? {T}\n\nC? {T}");
    EXPECT_EQ(r.bank.questions.size(), 2u);
    EXPECT_THAT(lines_of(r.out, Severity::error), ElementsAre(3));
    EXPECT_THAT(r.out.items()[0].message, HasSubstr("UTF-8"));
}

TEST(GiftErrors, WarnsAboutAnUnclosedQuestionName) {
    const auto r = import_text("::Name Q? {T}");
    EXPECT_EQ(r.bank.questions.size(), 1u);
    EXPECT_EQ(r.out.warning_count(), 1u);
}

TEST(GiftErrors, ReportsEveryBadQuestionAndKeepsTheGoodOnes) {
    Diagnostics out;
    const auto bank = import_gift(testing::read_fixture("errors.gift"), "errors.gift", out);
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[0].title, "Good one");
    EXPECT_EQ(bank.questions[1].title, "Good two");
    EXPECT_THAT(lines_of(out, Severity::error), ElementsAre(5, 9, 11, 13))
        << testing::all_messages(out);
}

TEST(GiftErrors, ReportsEachProblemOnce) {
    Diagnostics out;
    import_gift("Which? {~a ~b}", "quiz.gift", out);
    EXPECT_EQ(out.error_count(), 1u) << testing::all_messages(out);
}

}  // namespace
}  // namespace waymark::gift
