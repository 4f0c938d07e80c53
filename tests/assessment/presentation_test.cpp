#include "waymark/assessment/presentation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "question_builders.hpp"

namespace waymark::assessment {
namespace {

using namespace testing;
using ::testing::ElementsAre;
using QT = content::QuestionType;

content::Question five_choices() {
    return choice_question(QT::single_choice, {{"a", 1}, {"b"}, {"c"}, {"d"}, {"e"}});
}

bool is_permutation_of_indices(const std::vector<std::size_t>& v) {
    std::vector<std::size_t> expected(v.size());
    std::iota(expected.begin(), expected.end(), std::size_t{0});
    return std::is_permutation(v.begin(), v.end(), expected.begin());
}

TEST(Present, ShowsEveryChoiceExactlyOnce) {
    const auto shown = present(five_choices(), 9);
    EXPECT_EQ(shown.options.size(), 5u);
    EXPECT_TRUE(is_permutation_of_indices(shown.options));
}

TEST(Present, GivesTheSamePresentationForTheSameSeed) {
    EXPECT_EQ(present(five_choices(), 9), present(five_choices(), 9));
}

TEST(Present, GivesDifferentOrdersForDifferentSeeds) {
    std::set<std::vector<std::size_t>> orders;
    for (std::uint64_t seed = 0; seed < 20; ++seed)
        orders.insert(present(five_choices(), seed).options);
    EXPECT_GT(orders.size(), 10u);
}

TEST(Present, KeepsModelOrderWhenTheQuestionForbidsShuffling) {
    auto q = five_choices();
    q.shuffle = false;
    EXPECT_THAT(present(q, 9).options, ElementsAre(0, 1, 2, 3, 4));
}

TEST(Present, KeepsModelOrderWhenThePolicyForbidsShuffling) {
    EXPECT_THAT(present(five_choices(), 9, false).options, ElementsAre(0, 1, 2, 3, 4));
}

TEST(Present, KeepsAFixedChoiceInItsPlace) {
    auto q = five_choices();
    q.choices[4].fixed = true;  // "All of the above"
    for (std::uint64_t seed = 0; seed < 50; ++seed)
        ASSERT_EQ(present(q, seed).options[4], 4u);
}

TEST(Present, KeepsTrueBeforeFalse) {
    for (std::uint64_t seed = 0; seed < 20; ++seed)
        ASSERT_THAT(present(true_false(true), seed).options, ElementsAre(0, 1));
}

TEST(Present, NeverShowsOrderingItemsAlreadyInOrder) {
    const auto q = ordering({"Run", "Hide"});
    for (std::uint64_t seed = 0; seed < 50; ++seed)
        ASSERT_THAT(present(q, seed).options, ElementsAre(1, 0));
}

TEST(Present, ShufflesOrderingItemsEvenWhenShufflingIsOff) {
    auto q = ordering({"A", "B", "C"});
    q.shuffle = false;
    EXPECT_THAT(present(q, 1, false).options, ::testing::Not(ElementsAre(0, 1, 2)));
}

TEST(Present, ShowsEachMatchingAnswerTextOnceAndOnlyRealPrompts) {
    const auto q = matching({{"Channel", "panel"}, {"Prevent panel", "panel"}, {"", "arrest"}});
    const auto shown = present(q, 3);
    EXPECT_THAT(shown.prompts, ::testing::UnorderedElementsAre(0, 1));
    EXPECT_THAT(shown.answers, ::testing::UnorderedElementsAre(0, 2));
}

TEST(ToModel, MapsADisplayedChoiceToItsModelIndex) {
    const auto shown = present(five_choices(), 9);
    const auto model = to_model(shown, ChosenOption{2});
    ASSERT_TRUE(model.ok());
    EXPECT_EQ(std::get<ChosenOption>(model->value).choice, shown.options[2]);
}

TEST(ToModel, MapsMatchesThroughPromptsAndAnswers) {
    const auto q = matching({{"P1", "A1"}, {"P2", "A2"}, {"", "D"}});
    const auto shown = present(q, 4);
    const auto model = to_model(shown, Matches{{{0, 1}}});
    ASSERT_TRUE(model.ok());
    EXPECT_EQ(std::get<Matches>(model->value).matches.at(shown.prompts[0]), shown.answers[1]);
}

TEST(ToModel, RejectsADisplayedPositionThatDoesNotExist) {
    const auto model = to_model(present(five_choices(), 9), ChosenOptions{{1, 5}});
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.error().code, ErrorCode::invalid);
}

TEST(ToModel, PassesTypedTextThrough) {
    const auto model = to_model(Presentation{}, TypedText{"Channel"});
    ASSERT_TRUE(model.ok());
    EXPECT_EQ(*model, Response{TypedText{"Channel"}});
}

}  // namespace
}  // namespace waymark::assessment
