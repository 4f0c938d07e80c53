// Reading every GIFT construct Moodle reads, with Moodle's meaning.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "gift_test_support.hpp"

namespace waymark::gift {
namespace {

using content::QuestionType;
using content::TextFormat;
using ::testing::ElementsAre;
using testing::import_clean;

content::Question only_question(const std::string& text) {
    auto bank = import_clean(text);
    EXPECT_EQ(bank.questions.size(), 1u);
    return bank.questions.empty() ? content::Question{} : bank.questions.front();
}

TEST(GiftImport, ReadsSingleChoiceWithOneRightAnswerOnOneLine) {
    const auto q = only_question("Which strand? {=Prevent ~Pursue ~Protect}");
    EXPECT_EQ(q.type, QuestionType::single_choice);
    EXPECT_EQ(q.stem, "Which strand?");
    ASSERT_EQ(q.choices.size(), 3u);
    EXPECT_EQ(q.choices[0].text, "Prevent");
    EXPECT_EQ(q.choices[0].weight, 1);
    EXPECT_EQ(q.choices[1].text, "Pursue");
    EXPECT_EQ(q.choices[1].weight, 0);
}

TEST(GiftImport, ReadsAnswersWrittenOnSeveralLines) {
    const auto q = only_question("Which strand?\n{\n\t~Pursue\n\t=Prevent\n}\n");
    ASSERT_EQ(q.choices.size(), 2u);
    EXPECT_EQ(q.choices[0].text, "Pursue");
    EXPECT_EQ(q.choices[1].text, "Prevent");
    EXPECT_EQ(q.choices[1].weight, 1);
}

TEST(GiftImport, ReadsPercentWeightsAsFractionsIncludingNegativeOnes) {
    const auto q = only_question("Pick two. {~%50%a ~%50%b ~%-100%c ~%33.5%d}");
    EXPECT_EQ(q.type, QuestionType::multiple_response);
    ASSERT_EQ(q.choices.size(), 4u);
    EXPECT_DOUBLE_EQ(q.choices[0].weight, 0.5);
    EXPECT_DOUBLE_EQ(q.choices[2].weight, -1.0);
    EXPECT_DOUBLE_EQ(q.choices[3].weight, 0.335);
}

TEST(GiftImport, KeepsPartCreditInASingleChoiceQuestion) {
    const auto q = only_question("Best? {=a ~%50%b ~c}");
    EXPECT_EQ(q.type, QuestionType::single_choice);
    EXPECT_DOUBLE_EQ(q.choices[1].weight, 0.5);
}

TEST(GiftImport, ReadsEveryTrueFalseSpelling) {
    for (const char* right : {"T", "TRUE"}) {
        const auto q = only_question(std::string("Prevent is a strand.{") + right + "}");
        EXPECT_EQ(q.type, QuestionType::true_false) << right;
        ASSERT_EQ(q.choices.size(), 2u);
        EXPECT_EQ(q.choices[0].text, "True");
        EXPECT_EQ(q.choices[0].weight, 1);
        EXPECT_EQ(q.choices[1].text, "False");
        EXPECT_EQ(q.choices[1].weight, 0);
    }
    for (const char* wrong : {"F", "FALSE"}) {
        const auto q = only_question(std::string("Channel is compulsory.{") + wrong + "}");
        EXPECT_EQ(q.type, QuestionType::true_false) << wrong;
        EXPECT_EQ(q.choices[0].weight, 0);
        EXPECT_EQ(q.choices[1].weight, 1);
    }
}

TEST(GiftImport, PlacesTrueFalseFeedbackOnTheChoiceThatTriggersIt) {
    const auto t = only_question("Prevent is a strand.{TRUE#wrong answer#right answer}");
    EXPECT_EQ(t.choices[0].feedback, "right answer");  // picking True is right
    EXPECT_EQ(t.choices[1].feedback, "wrong answer");
    const auto f = only_question("Channel is compulsory.{F#wrong answer#right answer}");
    EXPECT_EQ(f.choices[0].feedback, "wrong answer");  // picking True is wrong
    EXPECT_EQ(f.choices[1].feedback, "right answer");
}

TEST(GiftImport, ReadsLowerCaseTrueAsAShortAnswerWithAWarning) {
    Diagnostics out;
    const auto bank = import_gift("Prevent is a strand.{true}", "quiz.gift", out);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].type, QuestionType::short_answer);
    EXPECT_THAT(testing::lines_of(out, Severity::warning), ElementsAre(1));
    EXPECT_THAT(out.items()[0].message, ::testing::HasSubstr("{TRUE}"));
}

TEST(GiftImport, ReadsShortAnswersWithWeightsAndFeedback) {
    const auto q = only_question("Capital? {=London#Yes =%50%Londres#In French. =%25%Lon*}");
    EXPECT_EQ(q.type, QuestionType::short_answer);
    ASSERT_EQ(q.text_answers.size(), 3u);
    EXPECT_EQ(q.text_answers[0].text, "London");
    EXPECT_EQ(q.text_answers[0].weight, 1);
    EXPECT_EQ(q.text_answers[0].feedback, "Yes");
    EXPECT_DOUBLE_EQ(q.text_answers[1].weight, 0.5);
    EXPECT_EQ(q.text_answers[1].feedback, "In French.");
    EXPECT_EQ(q.text_answers[2].text, "Lon*");
    EXPECT_FALSE(q.case_sensitive);
}

TEST(GiftImport, ReadsMatchingPairsAndADistractor) {
    const auto q =
        only_question("Match. {=Prevent -> before =Pursue -> during =Prepare -> after = -> never}");
    EXPECT_EQ(q.type, QuestionType::matching);
    ASSERT_EQ(q.pairs.size(), 4u);
    EXPECT_EQ(q.pairs[0].prompt, "Prevent");
    EXPECT_EQ(q.pairs[0].answer, "before");
    EXPECT_EQ(q.pairs[3].prompt, "");
    EXPECT_EQ(q.pairs[3].answer, "never");
}

TEST(GiftImport, WarnsThatMoodleAsksForThreeMatchingPairs) {
    Diagnostics out;
    const auto bank = import_gift("Match.\n{=a -> 1 =b -> 2}", "quiz.gift", out);
    EXPECT_EQ(bank.questions.size(), 1u);
    EXPECT_THAT(testing::lines_of(out, Severity::warning), ElementsAre(2));
}

TEST(GiftImport, ReadsANumericalValue) {
    const auto q = only_question("How many strands? {#4}");
    EXPECT_EQ(q.type, QuestionType::numerical);
    ASSERT_EQ(q.numeric_answers.size(), 1u);
    EXPECT_FALSE(q.numeric_answers[0].range);
    EXPECT_EQ(q.numeric_answers[0].value, 4);
    EXPECT_EQ(q.numeric_answers[0].tolerance, 0);
}

TEST(GiftImport, ReadsANumericalValueWithATolerance) {
    const auto q = only_question("Year? {#2015:1.5}");
    EXPECT_EQ(q.numeric_answers[0].value, 2015);
    EXPECT_EQ(q.numeric_answers[0].tolerance, 1.5);
}

TEST(GiftImport, ReadsANumericalRange) {
    const auto q = only_question("Between? {#-1.5..10}");
    ASSERT_EQ(q.numeric_answers.size(), 1u);
    EXPECT_TRUE(q.numeric_answers[0].range);
    EXPECT_EQ(q.numeric_answers[0].min, -1.5);
    EXPECT_EQ(q.numeric_answers[0].max, 10);
}

TEST(GiftImport, ReadsSeveralWeightedNumericalAnswersWithFeedback) {
    const auto q = only_question("Days? {#\n=%100%30:5#About a month.\n=%50%60:10#Too long.\n}");
    ASSERT_EQ(q.numeric_answers.size(), 2u);
    EXPECT_EQ(q.numeric_answers[0].weight, 1);
    EXPECT_EQ(q.numeric_answers[0].feedback, "About a month.");
    EXPECT_DOUBLE_EQ(q.numeric_answers[1].weight, 0.5);
    EXPECT_EQ(q.numeric_answers[1].value, 60);
    EXPECT_EQ(q.numeric_answers[1].tolerance, 10);
}

TEST(GiftImport, ReadsNumericalFeedbackForAnyOtherNumberAsAWholeRangeWorthNothing) {
    const auto q = only_question("Strands? {#=4 ~#There are four.}");
    ASSERT_EQ(q.numeric_answers.size(), 2u);
    const auto& other = q.numeric_answers[1];
    EXPECT_TRUE(other.range);
    EXPECT_EQ(other.min, std::numeric_limits<double>::lowest());
    EXPECT_EQ(other.max, std::numeric_limits<double>::max());
    EXPECT_EQ(other.weight, 0);
    EXPECT_EQ(other.feedback, "There are four.");
}

TEST(GiftImport, ReadsMissingWordKeepingTheTextAfterTheBlank) {
    const auto q = only_question("Channel is a {=voluntary ~compulsory} programme.");
    EXPECT_EQ(q.type, QuestionType::single_choice);
    EXPECT_TRUE(q.is_missing_word());
    EXPECT_EQ(q.stem, "Channel is a ");
    EXPECT_EQ(q.stem_after, " programme.");
    EXPECT_STREQ(list_type_name(q), "missing-word");
}

TEST(GiftImport, ImportsAnEssayWithAWarningThatItIsNotMarked) {
    Diagnostics out;
    const auto bank = import_gift("Describe a concern.{}", "quiz.gift", out);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].type, QuestionType::essay);
    EXPECT_FALSE(bank.questions[0].is_scored());
    ASSERT_EQ(out.warning_count(), 1u);
    EXPECT_THAT(out.items()[0].message, ::testing::HasSubstr("not marked automatically"));
}

TEST(GiftImport, ReadsTextWithoutBracesAsADescription) {
    const auto q = only_question("::Welcome::This quiz is about Prevent.");
    EXPECT_EQ(q.type, QuestionType::description);
    EXPECT_EQ(q.stem, "This quiz is about Prevent.");
    EXPECT_EQ(q.title, "Welcome");
}

TEST(GiftImport, ReadsPerAnswerAndGeneralFeedback) {
    const auto q = only_question("Strand? {=Prevent#Yes. ~Pursue#No. ####Four strands.}");
    EXPECT_EQ(q.choices[0].feedback, "Yes.");
    EXPECT_EQ(q.choices[1].feedback, "No.");
    EXPECT_EQ(q.general_feedback, "Four strands.");
}

TEST(GiftImport, DecodesEveryEscape) {
    const auto q = only_question(R"(::a\:b::Say \~ \= \# \{ \} \: \\ and\nmore {=x\=y#f\#1 ~z})");
    EXPECT_EQ(q.title, "a:b");
    EXPECT_EQ(q.stem, "Say ~ = # { } : \\ and\nmore");
    EXPECT_EQ(q.choices[0].text, "x=y");
    EXPECT_EQ(q.choices[0].feedback, "f#1");
}

TEST(GiftImport, KeepsABackslashThatEscapesNothing) {
    const auto q = only_question(R"(Path C:\temp\x\\n? {=yes ~no})");
    EXPECT_EQ(q.stem, "Path C:\\temp\\x\\n?");
}

TEST(GiftImport, ReadsAnswersAndFeedbackOverSeveralLines) {
    const auto q =
        only_question("Which?\n{\n=first line\nsecond line#feedback\non two lines\n~no\n}");
    EXPECT_EQ(q.choices[0].text, "first line\nsecond line");
    EXPECT_EQ(q.choices[0].feedback, "feedback\non two lines");
}

TEST(GiftImport, LeavesOutCommentLines) {
    const auto bank = import_clean("// a comment\n::A::Q? {T}\n// between lines\n\n// alone\n");
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].stem, "Q?");
}

TEST(GiftImport, KeepsDoubleSlashesInsideALine) {
    const auto q = only_question("See https://example.org first. {T}");
    EXPECT_EQ(q.stem, "See https://example.org first.");
}

TEST(GiftImport, SeparatesQuestionsAtBlankLines) {
    const auto bank = import_clean("A? {T}\n\n\n   \nB? {F}\nC continues B");
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[1].stem, "B? ");
    EXPECT_EQ(bank.questions[1].stem_after, "\nC continues B");
}

TEST(GiftImport, ReadsWindowsLineEndsAndAByteOrderMark) {
    const auto bank = import_clean(testing::read_fixture("crlf_bom.gift"));
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[0].title, "First");
    EXPECT_EQ(bank.questions[0].line, 3);
    ASSERT_EQ(bank.questions[1].choices.size(), 2u);
    EXPECT_EQ(bank.questions[1].choices[0].text, "CRLF");
}

TEST(GiftImport, ReadsOldMacintoshLineEnds) {
    const auto bank = import_clean(testing::read_fixture("cr_only.gift"));
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[1].line, 3);
}

TEST(GiftImport, MakesIdsFromTitles) {
    const auto q = only_question("::Who leads Channel? (2024)::Q {T}");
    EXPECT_EQ(q.title, "Who leads Channel? (2024)");
    EXPECT_EQ(q.id, "who-leads-channel-2024");
}

TEST(GiftImport, MakesIdsUniqueAndNumbersUntitledQuestions) {
    const auto bank = import_clean("::Same::A {T}\n\n::Same::B {T}\n\nC {T}\n\n::Same::D {T}");
    ASSERT_EQ(bank.questions.size(), 4u);
    EXPECT_EQ(bank.questions[0].id, "same");
    EXPECT_EQ(bank.questions[1].id, "same-2");
    EXPECT_EQ(bank.questions[2].id, "q3");
    EXPECT_EQ(bank.questions[3].id, "same-3");
}

TEST(GiftImport, NumbersAQuestionWhoseTitleHasNoLatinLettersOrDigits) {
    const auto q = only_question("::\xE6\x97\xA5\xE6\x9C\xAC::Q {T}");
    EXPECT_EQ(q.id, "q1");
}

TEST(GiftImport, KeepsIdsStableWhenAnEarlierQuestionIsBroken) {
    Diagnostics out;
    const auto bank = import_gift("Broken {\n\nSecond {T}", "quiz.gift", out);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].id, "q2");
}

TEST(GiftImport, ReadsEveryTextFormat) {
    const auto bank = import_clean(
        "[markdown]A {T}\n\n[html]B {T}\n\n[plain]C {T}\n\n[moodle]D {T}\n\n[other]E {T}");
    ASSERT_EQ(bank.questions.size(), 5u);
    EXPECT_EQ(bank.questions[0].format, TextFormat::markdown);
    EXPECT_EQ(bank.questions[0].stem, "A");
    EXPECT_EQ(bank.questions[1].format, TextFormat::html);
    EXPECT_EQ(bank.questions[2].format, TextFormat::plain);
    EXPECT_EQ(bank.questions[3].format, TextFormat::moodle);
    EXPECT_EQ(bank.questions[4].format, TextFormat::moodle);  // Moodle's default
    EXPECT_EQ(bank.questions[4].stem, "[other]E");
}

TEST(GiftImport, StripsAFormatFromAnswersAndWarnsWhenItDiffers) {
    Diagnostics out;
    const auto bank = import_gift("[html]Q {=[html]<b>a</b> ~[plain]b}", "quiz.gift", out);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].choices[0].text, "<b>a</b>");
    EXPECT_EQ(bank.questions[0].choices[1].text, "b");
    EXPECT_EQ(out.warning_count(), 1u);
}

TEST(GiftImport, KeepsTheCategoryForTheQuestionsThatFollow) {
    const auto bank = import_clean(testing::read_fixture("formats_categories.gift"));
    ASSERT_EQ(bank.questions.size(), 5u);
    EXPECT_EQ(bank.questions[0].category, "$course$/top/Prevent");
    EXPECT_EQ(bank.questions[2].category, "$course$/top/Prevent");
    EXPECT_EQ(bank.questions[3].category, "$course$/top/Channel");
}

TEST(GiftImport, ReadsAQuestionRightAfterACategoryLineWithAWarning) {
    Diagnostics out;
    const auto bank = import_gift("$CATEGORY: top/A\nQ? {T}", "quiz.gift", out);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].category, "top/A");
    EXPECT_EQ(bank.questions[0].line, 2);
    EXPECT_THAT(testing::lines_of(out, Severity::warning), ElementsAre(2));
}

TEST(GiftImport, SetsTheFileAndFirstLineOfEachQuestion) {
    const auto bank = import_clean("// intro\n\n::A::\nfirst? {T}\n\n\nsecond? {F}");
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[0].file, "quiz.gift");
    EXPECT_EQ(bank.questions[0].line, 3);
    EXPECT_EQ(bank.questions[1].line, 7);
}

TEST(GiftImport, ReadsAnUntitledTextBeforeTheFirstMarkerAsAWrongChoice) {
    Diagnostics out;
    const auto bank = import_gift("Q {maybe =yes ~no}", "quiz.gift", out);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].choices[0].text, "maybe");
    EXPECT_EQ(bank.questions[0].choices[0].weight, 0);
    EXPECT_EQ(out.warning_count(), 1u);
}

TEST(GiftImport, ListsTypesByTheirCommandLineNames) {
    const auto bank = import_clean(
        "A {=a ~b}\n\nB {~%50%a ~%50%b}\n\nC {T}\n\nD {=x}\n\nE {=a -> 1 =b -> 2 =c -> 3}"
        "\n\nF {#1}\n\nG {=a ~b} H\n\nI {}\n\nJ");
    std::vector<std::string> names;
    for (const auto& q : bank.questions)
        names.push_back(list_type_name(q));
    EXPECT_THAT(names,
                ElementsAre("single-choice", "multiple-response", "true-false", "short-answer",
                            "matching", "numerical", "missing-word", "essay", "description"));
}

}  // namespace
}  // namespace waymark::gift
