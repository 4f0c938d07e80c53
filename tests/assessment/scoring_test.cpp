#include "waymark/assessment/scoring.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "question_builders.hpp"

namespace waymark::assessment {
namespace {

using namespace testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using QT = content::QuestionType;

Score must_score(const content::Question& q, const Response& r) {
    auto s = score(q, r);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().describe());
    return s.ok() ? *s : Score{};
}

Error must_fail(const content::Question& q, const Response& r) {
    auto s = score(q, r);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(check_response(q, r).ok(), false);
    return s.ok() ? Error{} : s.error();
}

// --- single choice and true/false ---------------------------------------------------

TEST(SingleChoice, GivesFullMarksAndItsFeedbackForTheRightChoice) {
    const auto q = choice_question(QT::single_choice, {{"Prevent", 1, "Yes"}, {"Pursue", 0, "No"}});
    const auto s = must_score(q, ChosenOption{0});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_EQ(s.outcome, Outcome::correct);
    EXPECT_THAT(s.feedback, ElementsAre("Yes"));
    EXPECT_EQ(s.general_feedback, "general");
}

TEST(SingleChoice, GivesNothingForAWrongChoice) {
    const auto q = choice_question(QT::single_choice, {{"Prevent", 1, "Yes"}, {"Pursue", 0, "No"}});
    const auto s = must_score(q, ChosenOption{1});
    EXPECT_EQ(s.fraction, 0);
    EXPECT_EQ(s.outcome, Outcome::incorrect);
    EXPECT_THAT(s.feedback, ElementsAre("No"));
}

TEST(SingleChoice, GivesPartialCreditForAPartlyRightChoice) {
    const auto q = choice_question(QT::single_choice, {{"a", 1}, {"b", 0.5}, {"c", 0}});
    const auto s = must_score(q, ChosenOption{1});
    EXPECT_DOUBLE_EQ(s.fraction, 0.5);
    EXPECT_EQ(s.outcome, Outcome::partial);
}

TEST(SingleChoice, ClampsANegativeWeightToZero) {
    const auto q = choice_question(QT::single_choice, {{"a", 1}, {"b", -0.5}});
    EXPECT_EQ(must_score(q, ChosenOption{1}).fraction, 0);
}

TEST(SingleChoice, LeavesOutEmptyFeedback) {
    const auto q = choice_question(QT::single_choice, {{"a", 1}, {"b", 0}});
    EXPECT_TRUE(must_score(q, ChosenOption{0}).feedback.empty());
}

TEST(SingleChoice, RejectsAnOptionThatDoesNotExist) {
    const auto q = choice_question(QT::single_choice, {{"a", 1}, {"b", 0}});
    const auto e = must_fail(q, ChosenOption{2});
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_THAT(e.message, HasSubstr("option 2"));
    EXPECT_EQ(e.where, "bank.json:7");
}

TEST(SingleChoice, RejectsASetOfOptions) {
    const auto q = choice_question(QT::single_choice, {{"a", 1}, {"b", 0}});
    EXPECT_THAT(must_fail(q, ChosenOptions{{0}}).message, HasSubstr("wrong kind of answer"));
}

TEST(TrueFalse, GivesFullMarksForTheTrueAnswer) {
    EXPECT_EQ(must_score(true_false(false), ChosenOption{1}).fraction, 1);
    EXPECT_EQ(must_score(true_false(true), ChosenOption{0}).fraction, 1);
}

TEST(TrueFalse, GivesNothingAndTheFeedbackForTheWrongAnswer) {
    const auto s = must_score(true_false(true), ChosenOption{1});
    EXPECT_EQ(s.fraction, 0);
    EXPECT_THAT(s.feedback, ElementsAre("said false"));
}

TEST(TrueFalse, RefusesAQuestionWithoutExactlyTwoChoices) {
    const auto q = choice_question(QT::true_false, {{"True", 1}});
    EXPECT_THAT(must_fail(q, ChosenOption{0}).message, HasSubstr("exactly the two choices"));
}

// --- multiple response --------------------------------------------------------------

content::Question four_strands() {
    // Two right answers at 50% each, two wrong ones at -50% and -100%.
    return choice_question(QT::multiple_response, {{"Prevent", 0.5, "P"},
                                                   {"Pursue", 0.5, "Pu"},
                                                   {"Police", -0.5, "no"},
                                                   {"Punish", -1, "never"}});
}

TEST(MultipleResponse, AddsTheWeightsOfAllRightChoices) {
    const auto s = must_score(four_strands(), ChosenOptions{{1, 0}});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_EQ(s.outcome, Outcome::correct);
    EXPECT_THAT(s.feedback, ElementsAre("P", "Pu")) << "feedback follows model order";
}

TEST(MultipleResponse, GivesPartialCreditForSomeRightChoices) {
    const auto s = must_score(four_strands(), ChosenOptions{{0}});
    EXPECT_DOUBLE_EQ(s.fraction, 0.5);
    EXPECT_EQ(s.outcome, Outcome::partial);
}

TEST(MultipleResponse, SubtractsNegativeWeights) {
    EXPECT_DOUBLE_EQ(must_score(four_strands(), ChosenOptions{{0, 1, 2}}).fraction, 0.5);
}

TEST(MultipleResponse, ClampsANegativeTotalToZero) {
    const auto s = must_score(four_strands(), ChosenOptions{{0, 3}});
    EXPECT_EQ(s.fraction, 0);
    EXPECT_EQ(s.outcome, Outcome::incorrect);
}

TEST(MultipleResponse, ClampsATotalAboveOneToOne) {
    const auto q = choice_question(QT::multiple_response, {{"a", 0.8}, {"b", 0.8}});
    EXPECT_EQ(must_score(q, ChosenOptions{{0, 1}}).fraction, 1);
}

TEST(MultipleResponse, CountsThreeThirdsAsFullMarks) {
    const double third = 0.3333333;  // GIFT's %33.33333%
    const auto q =
        choice_question(QT::multiple_response, {{"a", third}, {"b", third}, {"c", third}});
    const auto s = must_score(q, ChosenOptions{{0, 1, 2}});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_EQ(s.outcome, Outcome::correct);
}

TEST(MultipleResponse, GivesNothingForAnEmptySelection) {
    EXPECT_EQ(must_score(four_strands(), ChosenOptions{}).fraction, 0);
}

TEST(MultipleResponse, RejectsAnOptionChosenTwice) {
    EXPECT_THAT(must_fail(four_strands(), ChosenOptions{{0, 0}}).message, HasSubstr("twice"));
}

TEST(MultipleResponse, RejectsAnOptionThatDoesNotExist) {
    EXPECT_THAT(must_fail(four_strands(), ChosenOptions{{0, 9}}).message, HasSubstr("option 9"));
}

TEST(MultipleResponse, RejectsASingleChosenOption) {
    must_fail(four_strands(), ChosenOption{0});
}

// --- matching -----------------------------------------------------------------------

content::Question contest_strands() {
    return matching({{"Prevent", "stop people becoming terrorists"},
                     {"Pursue", "stop attacks"},
                     {"Protect", "strengthen protection"},
                     {"", "arrest everyone"}});  // a distractor
}

TEST(Matching, GivesFullMarksWhenEveryPromptIsMatched) {
    const auto s = must_score(contest_strands(), Matches{{{0, 0}, {1, 1}, {2, 2}}});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_THAT(s.parts_correct, ElementsAre(true, true, true));
}

TEST(Matching, GivesTheFractionOfPromptsMatchedCorrectly) {
    const auto s = must_score(contest_strands(), Matches{{{0, 0}, {1, 2}, {2, 1}}});
    EXPECT_DOUBLE_EQ(s.fraction, 1.0 / 3);
    EXPECT_EQ(s.outcome, Outcome::partial);
    EXPECT_THAT(s.parts_correct, ElementsAre(true, false, false));
}

TEST(Matching, CountsADistractorAsWrong) {
    const auto s = must_score(contest_strands(), Matches{{{0, 3}, {1, 1}, {2, 2}}});
    EXPECT_DOUBLE_EQ(s.fraction, 2.0 / 3);
}

TEST(Matching, CountsAnUnansweredPromptAsWrong) {
    EXPECT_DOUBLE_EQ(must_score(contest_strands(), Matches{{{1, 1}}}).fraction, 1.0 / 3);
}

TEST(Matching, AcceptsAnyPairCarryingTheSameAnswerText) {
    const auto q = matching({{"Channel", "a multi-agency panel"},
                             {"Prevent panel", "a multi-agency panel"},
                             {"Pursue", "stop attacks"}});
    EXPECT_EQ(must_score(q, Matches{{{0, 1}, {1, 0}, {2, 2}}}).fraction, 1);
}

TEST(Matching, RejectsADistractorUsedAsAPrompt) {
    EXPECT_THAT(must_fail(contest_strands(), Matches{{{3, 0}}}).message, HasSubstr("distractor"));
}

TEST(Matching, RejectsAnAnswerThatDoesNotExist) {
    EXPECT_THAT(must_fail(contest_strands(), Matches{{{0, 4}}}).message, HasSubstr("pair 4"));
}

TEST(Matching, RefusesAQuestionWithoutPrompts) {
    EXPECT_THAT(must_fail(matching({{"", "a"}}), Matches{}).message, HasSubstr("no prompts"));
}

// --- ordering -----------------------------------------------------------------------

TEST(Ordering, GivesFullMarksForTheCorrectOrder) {
    const auto s = must_score(ordering({"Run", "Hide", "Tell"}), Arrangement{{0, 1, 2}});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_THAT(s.parts_correct, ElementsAre(true, true, true));
}

TEST(Ordering, GivesTheFractionOfItemsInTheirCorrectPosition) {
    const auto s = must_score(ordering({"A", "B", "C", "D"}), Arrangement{{0, 2, 1, 3}});
    EXPECT_DOUBLE_EQ(s.fraction, 0.5);
    EXPECT_THAT(s.parts_correct, ElementsAre(true, false, false, true));
}

TEST(Ordering, GivesNothingWhenNoItemIsInPlace) {
    EXPECT_EQ(must_score(ordering({"A", "B", "C"}), Arrangement{{1, 2, 0}}).fraction, 0);
}

TEST(Ordering, TreatsItemsWithTheSameTextAsInterchangeable) {
    EXPECT_EQ(must_score(ordering({"Check", "Note", "Check"}), Arrangement{{2, 1, 0}}).fraction, 1);
}

TEST(Ordering, RejectsAnArrangementMissingAnItem) {
    EXPECT_THAT(must_fail(ordering({"A", "B", "C"}), Arrangement{{0, 1}}).message,
                HasSubstr("2 item(s)"));
}

TEST(Ordering, RejectsAnItemPlacedTwice) {
    EXPECT_THAT(must_fail(ordering({"A", "B", "C"}), Arrangement{{0, 1, 1}}).message,
                HasSubstr("twice"));
}

TEST(Ordering, RejectsAnItemThatDoesNotExist) {
    must_fail(ordering({"A", "B"}), Arrangement{{0, 5}});
}

// --- short answer -------------------------------------------------------------------

TEST(ShortAnswer, AcceptsTheAnswerIgnoringCaseAndSpacing) {
    const auto q = short_answer({{"Channel panel", 1, "Yes"}});
    const auto s = must_score(q, TypedText{"  channel\t PANEL \n"});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_THAT(s.feedback, ElementsAre("Yes"));
}

TEST(ShortAnswer, RespectsCaseWhenTheQuestionIsCaseSensitive) {
    auto q = short_answer({{"CONTEST", 1}});
    q.case_sensitive = true;
    EXPECT_EQ(must_score(q, TypedText{"contest"}).fraction, 0);
    EXPECT_EQ(must_score(q, TypedText{"CONTEST"}).fraction, 1);
}

TEST(ShortAnswer, TakesTheBestWeightAmongMatchingAnswers) {
    const auto q = short_answer({{"*panel*", 0.5, "half"}, {"Channel panel", 1, "full"}});
    const auto s = must_score(q, TypedText{"channel panel"});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_THAT(s.feedback, ElementsAre("full"));
}

TEST(ShortAnswer, GivesPartialCreditForAPartlyRightAnswer) {
    const auto q = short_answer({{"Channel", 1}, {"Prevent", 0.5, "close"}});
    const auto s = must_score(q, TypedText{"prevent"});
    EXPECT_DOUBLE_EQ(s.fraction, 0.5);
    EXPECT_THAT(s.feedback, ElementsAre("close"));
}

TEST(ShortAnswer, GivesNothingWhenNoAnswerMatches) {
    const auto s = must_score(short_answer({{"Channel", 1}}), TypedText{"Chanel"});
    EXPECT_EQ(s.fraction, 0);
    EXPECT_TRUE(s.feedback.empty());
}

TEST(ShortAnswer, GivesNothingForAnEmptyAnswer) {
    EXPECT_EQ(must_score(short_answer({{"*", 0.2}, {"Channel", 1}}), TypedText{""}).fraction, 0.2);
    EXPECT_EQ(must_score(short_answer({{"Channel", 1}}), TypedText{"   "}).fraction, 0);
}

TEST(ShortAnswer, MatchesAWildcard) {
    EXPECT_EQ(must_score(short_answer({{"run*tell", 1}}), TypedText{"Run, hide, tell"}).fraction,
              1);
}

TEST(ShortAnswer, RejectsTextLongerThanTheLimit) {
    const auto e = must_fail(short_answer({{"a", 1}}), TypedText{std::string(10'001, 'a')});
    EXPECT_EQ(e.code, ErrorCode::limit);
}

TEST(ShortAnswer, RejectsANumber) {
    must_fail(short_answer({{"1", 1}}), TypedNumber{1});
}

// --- numerical ----------------------------------------------------------------------

TEST(Numerical, AcceptsANumberWithinTheTolerance) {
    const auto q = numerical({within(3.14, 0.01, 1, "pi")});
    EXPECT_EQ(must_score(q, TypedNumber{3.145}).fraction, 1);
    EXPECT_THAT(must_score(q, TypedNumber{3.13}).feedback, ElementsAre("pi"));
}

TEST(Numerical, IncludesTheEdgesOfTheToleranceDespiteDecimalRounding) {
    const auto q = numerical({within(3.14, 0.01)});
    EXPECT_EQ(must_score(q, TypedNumber{3.15}).fraction, 1);
    EXPECT_EQ(must_score(q, TypedNumber{3.13}).fraction, 1);
    EXPECT_EQ(must_score(q, TypedNumber{3.1501}).fraction, 0);
}

TEST(Numerical, RequiresAnExactValueWhenThereIsNoTolerance) {
    const auto q = numerical({within(1994, 0)});
    EXPECT_EQ(must_score(q, TypedNumber{1994}).fraction, 1);
    EXPECT_EQ(must_score(q, TypedNumber{1995}).fraction, 0);
}

TEST(Numerical, AcceptsANumberWithinARange) {
    const auto q = numerical({between(10, 20)});
    EXPECT_EQ(must_score(q, TypedNumber{10}).fraction, 1);
    EXPECT_EQ(must_score(q, TypedNumber{20}).fraction, 1);
    EXPECT_EQ(must_score(q, TypedNumber{20.5}).fraction, 0);
}

TEST(Numerical, TakesTheBestWeightOfSeveralAnswers) {
    const auto q = numerical({within(100, 10, 0.5, "close"), within(100, 1, 1, "exact")});
    EXPECT_THAT(must_score(q, TypedNumber{100}).feedback, ElementsAre("exact"));
    EXPECT_DOUBLE_EQ(must_score(q, TypedNumber{95}).fraction, 0.5);
}

TEST(Numerical, RejectsANumberThatIsNotFinite) {
    const auto q = numerical({within(1, 0)});
    must_fail(q, TypedNumber{std::numeric_limits<double>::quiet_NaN()});
    must_fail(q, TypedNumber{std::numeric_limits<double>::infinity()});
}

// --- scenario -----------------------------------------------------------------------

TEST(Scenario, ScoresTheBestPathOne) {
    const auto s = must_score(referral_scenario(), ScenarioPath{{0}});
    EXPECT_EQ(s.fraction, 1);
    EXPECT_THAT(s.feedback, ElementsAre("Right: report it."));
    EXPECT_EQ(s.general_feedback, "Always share a concern.");
}

TEST(Scenario, ScoresAnotherPathAsAuthoredWithFeedbackOnEachStep) {
    const auto s = must_score(referral_scenario(), ScenarioPath{{1, 0}});
    EXPECT_DOUBLE_EQ(s.fraction, 0.5);
    EXPECT_THAT(s.feedback,
                ElementsAre("Asking is fine, but do not wait.", "Reported, a little late."));
}

TEST(Scenario, ScoresABadEndingZero) {
    EXPECT_EQ(must_score(referral_scenario(), ScenarioPath{{1, 1}}).outcome, Outcome::incorrect);
}

TEST(Scenario, AcceptsAPathThatStopsBeforeAnEndingAsAnAnswer) {
    EXPECT_TRUE(check_response(referral_scenario(), ScenarioPath{{1}}).ok());
}

TEST(Scenario, ScoresAPathThatStopsBeforeAnEndingZero) {
    const auto s = must_score(referral_scenario(), ScenarioPath{{1}});
    EXPECT_EQ(s.fraction, 0);
    EXPECT_EQ(s.outcome, Outcome::incorrect);
}

TEST(Scenario, RejectsAPathThatGoesOnAfterTheEnding) {
    EXPECT_THAT(must_fail(referral_scenario(), ScenarioPath{{0, 0}}).message,
                HasSubstr("after the story ended"));
}

TEST(Scenario, RejectsAnOptionThatDoesNotExistAtItsStep) {
    EXPECT_THAT(must_fail(referral_scenario(), ScenarioPath{{1, 2}}).message,
                HasSubstr("step \"colleague\" has 2 option(s)"));
}

TEST(Scenario, RefusesALinkToAMissingStep) {
    auto q = referral_scenario();
    q.steps[0].options[1].next = "gone";
    EXPECT_THAT(must_fail(q, ScenarioPath{{1, 0}}).message,
                HasSubstr("\"gone\", which does not exist"));
}

// --- not marked ---------------------------------------------------------------------

TEST(Scoring, RefusesToMarkAnEssay) {
    content::Question q;
    q.type = QT::essay;
    const auto e = must_fail(q, TypedText{"My reflection"});
    EXPECT_EQ(e.code, ErrorCode::usage);
    EXPECT_THAT(e.message, HasSubstr("never marked automatically"));
}

TEST(Scoring, RefusesToMarkADescription) {
    content::Question q;
    q.type = QT::description;
    EXPECT_EQ(must_fail(q, ChosenOption{0}).code, ErrorCode::usage);
}

TEST(Scoring, CountsANaNWeightFromABrokenBankAsZero) {
    const auto q = choice_question(QT::single_choice,
                                   {{"a", std::numeric_limits<double>::quiet_NaN()}, {"b", 1}});
    EXPECT_EQ(must_score(q, ChosenOption{0}).fraction, 0);
}

TEST(Outcome, ReadsBackEveryName) {
    for (const auto o : {Outcome::correct, Outcome::partial, Outcome::incorrect}) {
        Outcome parsed = o == Outcome::correct ? Outcome::incorrect : Outcome::correct;
        ASSERT_TRUE(parse_outcome(to_string(o), parsed));
        EXPECT_EQ(parsed, o);
    }
    Outcome unused;
    EXPECT_FALSE(parse_outcome("right", unused));
}

}  // namespace
}  // namespace waymark::assessment
