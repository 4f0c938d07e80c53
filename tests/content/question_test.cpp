#include "waymark/content/question.hpp"

#include <gtest/gtest.h>

using namespace waymark;
using namespace waymark::content;

namespace {

Question choice_question(QuestionType type, std::vector<Choice> choices) {
    Question q;
    q.id = "q";
    q.type = type;
    q.stem = "Which?";
    q.choices = std::move(choices);
    return q;
}

std::string problems(const Question& q) {
    Diagnostics d;
    validate_question(q, d);
    std::string out;
    for (const auto& item : d.items())
        out += item.message + "\n";
    return out;
}

ScenarioStep step(std::string id, std::vector<ScenarioOption> options) {
    return ScenarioStep{std::move(id), "text", std::move(options)};
}

}  // namespace

TEST(QuestionType, NamesMatchTheGiftListing) {
    EXPECT_STREQ(to_string(QuestionType::multiple_response), "multiple-response");
    QuestionType t{};
    ASSERT_TRUE(parse_question_type("short_answer", t));
    EXPECT_EQ(t, QuestionType::short_answer);
    ASSERT_TRUE(parse_question_type("true-false", t));
    EXPECT_EQ(t, QuestionType::true_false);
    EXPECT_FALSE(parse_question_type("multiple_choice", t));
}

TEST(ValidateQuestion, AcceptsASingleChoiceWithOneCorrectAnswer) {
    EXPECT_EQ(problems(choice_question(QuestionType::single_choice, {{"a", 1}, {"b", 0}})), "");
}

TEST(ValidateQuestion, RefusesASingleChoiceWithNoCorrectAnswer) {
    EXPECT_NE(problems(choice_question(QuestionType::single_choice, {{"a", 0.5}, {"b", 0}}))
                  .find("no correct answer"),
              std::string::npos);
}

TEST(ValidateQuestion, RefusesMultipleResponseWhoseWeightsCannotReach100) {
    EXPECT_NE(problems(choice_question(QuestionType::multiple_response,
                                       {{"a", 0.5}, {"b", 0.3}, {"c", -1}}))
                  .find("add up to 80%"),
              std::string::npos);
}

TEST(ValidateQuestion, AcceptsMultipleResponseWithThirds) {
    EXPECT_EQ(problems(choice_question(QuestionType::multiple_response,
                                       {{"a", 0.33333}, {"b", 0.33333}, {"c", 0.33334}})),
              "");
}

TEST(ValidateQuestion, RefusesTrueFalseWithOtherChoices) {
    EXPECT_NE(problems(choice_question(QuestionType::true_false, {{"Yes", 1}, {"No", 0}}))
                  .find("exactly \"True\" and \"False\""),
              std::string::npos);
}

TEST(ValidateQuestion, RefusesTheSameChoiceTwice) {
    EXPECT_NE(
        problems(choice_question(QuestionType::single_choice, {{"a", 1}, {"a", 0}})).find("twice"),
        std::string::npos);
}

TEST(ValidateQuestion, RefusesMatchingWithFewerThanTwoPairs) {
    Question q;
    q.id = "m";
    q.type = QuestionType::matching;
    q.stem = "Match";
    q.pairs = {{"a", "1"}, {"", "2"}};
    EXPECT_NE(problems(q).find("fewer than two pairs"), std::string::npos);
}

TEST(ValidateQuestion, RefusesANumericalRangeThatIsBackwards) {
    Question q;
    q.id = "n";
    q.type = QuestionType::numerical;
    q.stem = "How many?";
    NumericAnswer a;
    a.range = true;
    a.min = 5;
    a.max = 1;
    q.numeric_answers = {a};
    EXPECT_NE(problems(q).find("minimum is above its maximum"), std::string::npos);
}

TEST(ValidateQuestion, RefusesAScenarioLinkingToAMissingStep) {
    Question q;
    q.id = "s";
    q.type = QuestionType::scenario;
    q.steps = {step("a", {{"go", "nowhere", 0, ""}, {"end", "", 1, ""}})};
    EXPECT_NE(problems(q).find("not a step of this scenario"), std::string::npos);
}

TEST(ValidateQuestion, RefusesAScenarioThatCanLoopForever) {
    Question q;
    q.id = "s";
    q.type = QuestionType::scenario;
    q.steps = {step("a", {{"on", "b", 0, ""}, {"end", "", 1, ""}}),
               step("b", {{"back", "a", 0, ""}, {"end", "", 0.5, ""}})};
    EXPECT_NE(problems(q).find("may never end"), std::string::npos);
}

TEST(ValidateQuestion, RefusesAScenarioWithNoFullMarksEnding) {
    Question q;
    q.id = "s";
    q.type = QuestionType::scenario;
    q.steps = {step("a", {{"x", "", 0.5, ""}, {"y", "", 0, ""}})};
    EXPECT_NE(problems(q).find("no ending that scores 100%"), std::string::npos);
}

TEST(ValidateQuestion, AcceptsABranchingScenario) {
    Question q;
    q.id = "s";
    q.type = QuestionType::scenario;
    q.steps = {step("a", {{"on", "b", 0, ""}, {"end", "", 0, ""}}),
               step("b", {{"best", "", 1, ""}, {"ok", "", 0.5, ""}})};
    EXPECT_EQ(problems(q), "");
}

TEST(Question, SameContentIgnoresWhereItWasDefined) {
    Question a = choice_question(QuestionType::single_choice, {{"a", 1}, {"b", 0}});
    Question b = a;
    b.file = "other.json";
    b.line = 99;
    EXPECT_TRUE(a.same_content(b));
    b.choices[1].feedback = "changed";
    EXPECT_FALSE(a.same_content(b));
}

TEST(ValidateQuestion, AcceptsAMissingWordQuestionThatOpensWithItsBlank) {
    Question q = choice_question(QuestionType::single_choice, {{"London", 1}, {"Leeds", 0}});
    q.stem = "";
    q.stem_after = " is the capital of England.";
    EXPECT_EQ(problems(q), "");
}
