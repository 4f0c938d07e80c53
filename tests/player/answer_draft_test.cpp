#include <gtest/gtest.h>

#include "answers.hpp"
#include "courses.hpp"
#include "waymark/assessment/scoring.hpp"
#include "waymark/player/answer_draft.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {
const course::Course& sample() {
    static const auto entry = test::sample_course();
    return *entry.course;
}
}  // namespace

TEST(TypedNumber, AcceptsThousandsCommasAndDecimals) {
    double v = 0;
    ASSERT_TRUE(parse_typed_number(" 1,500.5 ", v));
    EXPECT_DOUBLE_EQ(v, 1500.5);
}

TEST(TypedNumber, RefusesWordsAndEmptyText) {
    double v = 0;
    EXPECT_FALSE(parse_typed_number("twelve", v));
    EXPECT_FALSE(parse_typed_number("  ", v));
    EXPECT_FALSE(parse_typed_number("1e999", v));
}

TEST(AnswerDraft, ABlankDraftIsIncompleteExceptForOrdering) {
    for (const auto& q : sample().assessment_questions) {
        if (q.type == content::QuestionType::ordering)
            continue;
        const auto shown = assessment::present(q, 7);
        EXPECT_FALSE(is_complete(q, blank_draft(q, shown))) << q.id;
    }
}

TEST(AnswerDraft, AnIncompleteDraftExplainsWhatIsMissing) {
    const auto& q = sample().assessment_questions.front();
    const auto shown = assessment::present(q, 7);
    auto r = to_response(q, shown, blank_draft(q, shown));
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(r.error().message.empty());
}

TEST(AnswerDraft, TheRightAnswerOnScreenScoresFullMarksForEveryType) {
    for (const auto& q : sample().assessment_questions) {
        const auto shown = assessment::present(q, 42);
        auto response = to_response(q, shown, test::right_answer(q, shown));
        ASSERT_TRUE(response.ok()) << q.id << ": " << response.error().describe();
        auto s = assessment::score(q, *response);
        ASSERT_TRUE(s.ok()) << q.id;
        EXPECT_DOUBLE_EQ(s->fraction, 1.0) << q.id;
    }
}

TEST(AnswerDraft, ComesBackUnchangedFromItsResponse) {
    for (const auto& q : sample().assessment_questions) {
        const auto shown = assessment::present(q, 42);
        const auto draft = test::right_answer(q, shown);
        auto response = to_response(q, shown, draft);
        ASSERT_TRUE(response.ok()) << q.id;
        auto back = from_response(q, shown, *response);
        EXPECT_EQ(to_response(q, shown, back).value(), *response) << q.id;
    }
}

TEST(AnswerDraft, AnOrderingIsAnsweredByTheOrderShown) {
    for (const auto& q : sample().assessment_questions) {
        if (q.type != content::QuestionType::ordering)
            continue;
        const auto shown = assessment::present(q, 7);
        EXPECT_TRUE(is_complete(q, blank_draft(q, shown)));
    }
}
