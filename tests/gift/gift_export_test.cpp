// Writing banks as GIFT that Moodle, and import_gift, read back unchanged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "gift_test_support.hpp"

namespace waymark::gift {
namespace {

using content::Question;
using content::QuestionType;
using content::TextFormat;
using ::testing::HasSubstr;

content::QuestionBank bank_of(std::vector<Question> questions) {
    content::QuestionBank bank;
    bank.file = "bank.json";
    bank.questions = std::move(questions);
    return bank;
}

Question choice_question(std::string id, std::string title) {
    Question q;
    q.id = std::move(id);
    q.title = std::move(title);
    q.format = TextFormat::moodle;
    q.type = QuestionType::single_choice;
    q.stem = "Which strand?";
    q.choices = {{"Prevent", 1, "Yes.", false}, {"Pursue", 0, "", false}};
    return q;
}

// Exports `bank` and imports the result, expecting no errors on the way.
content::QuestionBank round_trip(const content::QuestionBank& bank, std::string* gift = nullptr) {
    Diagnostics warnings;
    const std::string text = export_gift(bank, warnings);
    if (gift)
        *gift = text;
    Diagnostics out;
    auto back = import_gift(text, "exported.gift", out);
    EXPECT_FALSE(out.has_errors()) << testing::all_messages(out) << text;
    return back;
}

TEST(GiftExport, WritesAQuestionMoodleCanRead) {
    std::string gift;
    round_trip(bank_of({choice_question("which-strand", "Which strand")}), &gift);
    EXPECT_EQ(gift, "::Which strand::Which strand?{\n\t=Prevent#Yes.\n\t~Pursue\n}\n\n");
}

TEST(GiftExport, EscapesGiftControlCharacters) {
    Question q = choice_question("escapes-all", "Escapes: {all}");
    q.stem = "Use ~ = # { } : \\ and\na new line";
    q.choices[0].text = "a=b~c";
    q.choices[0].feedback = "####not general";
    Diagnostics warnings;
    const std::string gift = export_gift(bank_of({q}), warnings);
    EXPECT_THAT(gift,
                HasSubstr(R"(::Escapes\: \{all\}::Use \~ \= \# \{ \} \: \\ and\na new line{)"));
    EXPECT_THAT(gift, HasSubstr(R"(=a\=b\~c#\#\#\#\#not general)"));
    const auto back = round_trip(bank_of({q}));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_TRUE(back.questions[0].same_content(q));
}

TEST(GiftExport, SkipsOrderingAndScenarioQuestionsWithAWarningNamingThem) {
    Question ordering = choice_question("steps-in-order", "");
    ordering.type = QuestionType::ordering;
    ordering.choices.clear();
    ordering.order = {"Notice", "Check", "Share"};
    Question scenario = choice_question("referral-story", "");
    scenario.type = QuestionType::scenario;
    Diagnostics warnings;
    const std::string gift =
        export_gift(bank_of({ordering, choice_question("kept", "Kept"), scenario}), warnings);
    EXPECT_THAT(gift, HasSubstr("::Kept::"));
    EXPECT_THAT(gift, ::testing::Not(HasSubstr("Notice")));
    ASSERT_EQ(warnings.warning_count(), 2u) << testing::all_messages(warnings);
    EXPECT_THAT(warnings.items()[0].message, HasSubstr("\"steps-in-order\""));
    EXPECT_THAT(warnings.items()[0].message, HasSubstr("ordering"));
    EXPECT_THAT(warnings.items()[1].message, HasSubstr("\"referral-story\""));
    EXPECT_THAT(warnings.items()[1].message, HasSubstr("scenario"));
}

TEST(GiftExport, WritesWeightsAsShortExactPercentages) {
    Question q = choice_question("thirds", "Thirds");
    q.type = QuestionType::multiple_response;
    q.choices = {{"a", 1.0 / 3, "", false}, {"b", 2.0 / 3, "", false}, {"c", -0.5, "", false}};
    std::string gift;
    const auto back = round_trip(bank_of({q}), &gift);
    EXPECT_THAT(gift, HasSubstr("~%-50%c"));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_EQ(back.questions[0].choices, q.choices);
}

TEST(GiftExport, WritesTrueFalseFeedbackInGiftOrder) {
    Question q = choice_question("tf", "TF");
    q.type = QuestionType::true_false;
    q.choices = {{"True", 0, "Picked true: wrong", false},
                 {"False", 1, "Picked false: right", false}};
    std::string gift;
    const auto back = round_trip(bank_of({q}), &gift);
    EXPECT_THAT(gift, HasSubstr("{FALSE#Picked true\\: wrong#Picked false\\: right}"));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_TRUE(back.questions[0].same_content(q));
}

TEST(GiftExport, KeepsATextThatLooksLikeAFormatOrAComment) {
    Question q = choice_question("q1", "");
    q.stem = "// not a comment";
    q.choices[0].text = "[html] is not a format here";
    q.choices[1].text = "%50% is text";
    const auto back = round_trip(bank_of({q}));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_TRUE(back.questions[0].same_content(q));
}

TEST(GiftExport, KeepsAFormatOtherThanMoodles) {
    Question q = choice_question("markdown", "Markdown");
    q.format = TextFormat::markdown;
    std::string gift;
    const auto back = round_trip(bank_of({q}), &gift);
    EXPECT_THAT(gift, HasSubstr("::Markdown::[markdown]Which strand?"));
    EXPECT_EQ(back.questions.at(0).format, TextFormat::markdown);
}

TEST(GiftExport, WritesCategoriesOnlyWhenTheyChange) {
    Question a = choice_question("a", "A"), b = choice_question("b", "B"),
             c = choice_question("c", "C");
    a.category = b.category = "top/One";
    c.category = "top/Two";
    std::string gift;
    const auto back = round_trip(bank_of({a, b, c}), &gift);
    EXPECT_EQ(std::count(gift.begin(), gift.end(), '$'), 2);
    ASSERT_EQ(back.questions.size(), 3u);
    EXPECT_EQ(back.questions[1].category, "top/One");
    EXPECT_EQ(back.questions[2].category, "top/Two");
}

TEST(GiftExport, WritesNumericalAnswersAndFeedbackForAnyOtherNumber) {
    Question q = choice_question("numbers", "Numbers");
    q.type = QuestionType::numerical;
    q.choices.clear();
    content::NumericAnswer exact{false, 2015, 0.5, 0, 0, 1, "Yes"};
    content::NumericAnswer range{true, 0, 0, 1e-3, 12345.678, 0.25, ""};
    content::NumericAnswer other{
        true, 0,   0, std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max(),
        0,    "No"};
    q.numeric_answers = {exact, range, other};
    std::string gift;
    const auto back = round_trip(bank_of({q}), &gift);
    EXPECT_THAT(gift, HasSubstr("{#\n\t=2015:0.5#Yes\n\t=%25%0.001..12345.678\n\t~#No\n}"));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_EQ(back.questions[0].numeric_answers, q.numeric_answers);
}

TEST(GiftExport, WritesMatchingPairsAndDistractors) {
    Question q = choice_question("match", "Match");
    q.type = QuestionType::matching;
    q.choices.clear();
    q.pairs = {{"a->", "1"}, {"b", "2"}, {"", "3"}};
    Diagnostics warnings;
    export_gift(bank_of({q}), warnings);
    EXPECT_EQ(warnings.warning_count(), 1u);  // "->" cannot be in an item
    q.pairs[0].prompt = "a";
    q.pairs[1].answer = "-> 2";
    const auto back = round_trip(bank_of({q}));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_EQ(back.questions[0].pairs, q.pairs);
}

TEST(GiftExport, KeepsMissingWordTextAroundTheBlank) {
    Question q = choice_question("gap", "Gap");
    q.stem = "Channel is a ";
    q.stem_after = " programme.";
    const auto back = round_trip(bank_of({q}));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_EQ(back.questions[0].stem, q.stem);
    EXPECT_EQ(back.questions[0].stem_after, q.stem_after);
}

TEST(GiftExport, WarnsWhenQuestionIdsWillChange) {
    Diagnostics warnings;
    export_gift(bank_of({choice_question("contest-strands", "")}), warnings);
    ASSERT_EQ(warnings.warning_count(), 1u);
    EXPECT_THAT(warnings.items()[0].message, HasSubstr("\"contest-strands\" becomes \"q1\""));
}

TEST(GiftExport, MarksASingleChoiceWhoseRightAnswersAreAllFullMarks) {
    Question q = choice_question("both", "Both");
    q.choices[1].weight = 1;
    const auto back = round_trip(bank_of({q}));
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_EQ(back.questions[0].type, QuestionType::single_choice);
    EXPECT_EQ(back.questions[0].choices, q.choices);
}

}  // namespace
}  // namespace waymark::gift
