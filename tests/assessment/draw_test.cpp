#include "waymark/assessment/draw.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "question_builders.hpp"

namespace waymark::assessment {
namespace {

using namespace testing;
using ::testing::HasSubstr;
using QT = content::QuestionType;

// `per_module` single-choice questions in each of the modules, ids "<module>-<n>".
std::vector<content::Question> bank(std::initializer_list<std::string> modules, int per_module) {
    std::vector<content::Question> out;
    for (const auto& m : modules) {
        for (int i = 0; i < per_module; ++i) {
            auto q = choice_question(QT::single_choice, {{"a", 1}, {"b", 0}},
                                     m + "-" + std::to_string(i));
            q.module = m;
            q.category = "prevent/" + m;
            out.push_back(std::move(q));
        }
    }
    return out;
}

std::vector<std::string> must_draw(const std::vector<content::Question>& b,
                                   const AssessmentPolicy& p, std::uint64_t seed) {
    auto paper = draw_paper(b, p, seed);
    EXPECT_TRUE(paper.ok()) << (paper.ok() ? "" : paper.error().describe());
    return paper.ok() ? *paper : std::vector<std::string>{};
}

std::map<std::string, int> per_module(const std::vector<std::string>& paper) {
    std::map<std::string, int> counts;
    for (const auto& id : paper)
        ++counts[id.substr(0, id.find('-'))];
    return counts;
}

TEST(DrawPaper, DrawsTheRequestedNumberOfDistinctQuestions) {
    AssessmentPolicy p;
    p.draw_count = 7;
    const auto paper = must_draw(bank({"a", "b"}, 5), p, 1);
    EXPECT_EQ(paper.size(), 7u);
    EXPECT_EQ(std::set<std::string>(paper.begin(), paper.end()).size(), 7u);
}

TEST(DrawPaper, DrawsTheSamePaperForTheSameSeed) {
    AssessmentPolicy p;
    p.draw_count = 5;
    const auto b = bank({"a", "b", "c"}, 4);
    EXPECT_EQ(must_draw(b, p, 77), must_draw(b, p, 77));
}

TEST(DrawPaper, DrawsDifferentPapersForDifferentSeeds) {
    AssessmentPolicy p;
    p.draw_count = 5;
    const auto b = bank({"a", "b", "c"}, 4);
    std::set<std::vector<std::string>> papers;
    for (std::uint64_t seed = 0; seed < 10; ++seed)
        papers.insert(must_draw(b, p, seed));
    EXPECT_GT(papers.size(), 5u);
}

TEST(DrawPaper, DrawsEveryMarkableQuestionWhenTheCountIsZero) {
    auto b = bank({"a"}, 3);
    b.push_back(b[0]);
    b.back().id = "reflection";
    b.back().type = QT::essay;
    const auto paper = must_draw(b, AssessmentPolicy{}, 5);
    EXPECT_THAT(paper, ::testing::UnorderedElementsAre("a-0", "a-1", "a-2"));
}

TEST(DrawPaper, KeepsBankOrderWhenQuestionShufflingIsOff) {
    AssessmentPolicy p;
    p.draw_count = 4;
    p.shuffle_questions = false;
    const auto b = bank({"a", "b"}, 4);
    const auto paper = must_draw(b, p, 3);
    EXPECT_TRUE(std::is_sorted(paper.begin(), paper.end()));  // ids sort in bank order here
}

TEST(DrawPaper, MeetsAQuotaForAModule) {
    AssessmentPolicy p;
    p.draw_count = 3;
    p.quotas = {{Quota::Scope::module, "c", 2}};
    for (std::uint64_t seed = 0; seed < 30; ++seed)
        ASSERT_GE(per_module(must_draw(bank({"a", "b", "c"}, 5), p, seed))["c"], 2);
}

TEST(DrawPaper, MeetsAQuotaForACategoryAndItsSubcategories) {
    auto b = bank({"a", "b"}, 5);
    b[7].category = "law";
    b[8].category = "law/cases";
    AssessmentPolicy p;
    p.draw_count = 3;
    p.quotas = {{Quota::Scope::category, "law", 2}};
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
        const auto paper = must_draw(b, p, seed);
        ASSERT_EQ(std::count(paper.begin(), paper.end(), "b-2") +
                      std::count(paper.begin(), paper.end(), "b-3"),
                  2);
    }
}

TEST(DrawPaper, DrawsAtLeastTheMinimumFromEveryModule) {
    AssessmentPolicy p;
    p.draw_count = 6;
    p.at_least_per_module = 2;
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
        const auto counts = per_module(must_draw(bank({"a", "b", "c"}, 4), p, seed));
        ASSERT_EQ(counts.size(), 3u);
        for (const auto& [module, n] : counts)
            ASSERT_EQ(n, 2) << module;
    }
}

TEST(DrawPaper, RefusesAQuotaTheBankCannotMeet) {
    AssessmentPolicy p;
    p.draw_count = 4;
    p.quotas = {{Quota::Scope::module, "channel", 2}};
    auto b = bank({"a"}, 5);
    b[0].module = "channel";
    const auto paper = draw_paper(b, p, 1);
    ASSERT_FALSE(paper.ok());
    EXPECT_THAT(paper.error().message,
                HasSubstr("asks for 2 questions from module \"channel\" but the bank has 1"));
}

TEST(DrawPaper, RefusesQuotasThatNeedMoreQuestionsThanThePaperHolds) {
    AssessmentPolicy p;
    p.draw_count = 5;
    p.at_least_per_module = 2;
    const auto paper = draw_paper(bank({"a", "b", "c"}, 4), p, 1);
    ASSERT_FALSE(paper.ok());
    EXPECT_THAT(paper.error().message, HasSubstr("quotas ask for 6 questions"));
}

TEST(DrawPaper, RefusesToDrawMoreQuestionsThanTheBankHolds) {
    AssessmentPolicy p;
    p.draw_count = 11;
    const auto paper = draw_paper(bank({"a", "b"}, 5), p, 1);
    ASSERT_FALSE(paper.ok());
    EXPECT_THAT(paper.error().message, HasSubstr("bank has only 10"));
}

TEST(DrawPaper, RefusesABankWithTwoQuestionsSharingAnId) {
    auto b = bank({"a"}, 3);
    b[2].id = "a-0";
    const auto paper = draw_paper(b, AssessmentPolicy{}, 1);
    ASSERT_FALSE(paper.ok());
    EXPECT_THAT(paper.error().message, HasSubstr("two questions have the id \"a-0\""));
    EXPECT_EQ(paper.error().where, "bank.json:7");
}

TEST(DrawPaper, RefusesABankWithNothingToMark) {
    EXPECT_FALSE(draw_paper({}, AssessmentPolicy{}, 1).ok());
}

TEST(ValidatePolicy, RefusesAPassMarkAbove100) {
    AssessmentPolicy p;
    p.pass_mark = 120;
    EXPECT_FALSE(validate_policy(p).ok());
}

TEST(ValidatePolicy, RefusesNegativeAttemptsWaitsAndLimits) {
    AssessmentPolicy p;
    p.attempts_allowed = -1;
    EXPECT_FALSE(validate_policy(p).ok());
    p = {};
    p.wait_between_attempts = std::chrono::minutes{-5};
    EXPECT_FALSE(validate_policy(p).ok());
    p = {};
    p.time_limit = std::chrono::minutes{-1};
    EXPECT_FALSE(validate_policy(p).ok());
}

TEST(ValidatePolicy, RefusesAQuotaOfZero) {
    AssessmentPolicy p;
    p.quotas = {{Quota::Scope::module, "a", 0}};
    EXPECT_FALSE(validate_policy(p).ok());
}

TEST(ValidatePolicy, AcceptsTheDefaults) {
    EXPECT_TRUE(validate_policy(AssessmentPolicy{}).ok());
}

TEST(Passes, PassesFourOutOfFiveAtEightyPercent) {
    AssessmentPolicy p;
    p.pass_mark = 80;
    EXPECT_TRUE(passes(p, 4.0 / 5));
    EXPECT_FALSE(passes(p, 3.0 / 5));
}

TEST(ReviewPolicyNames, ReadBackEveryName) {
    for (const auto r : {ReviewPolicy::always, ReviewPolicy::after_passing,
                         ReviewPolicy::after_last_attempt, ReviewPolicy::never}) {
        ReviewPolicy parsed = r == ReviewPolicy::never ? ReviewPolicy::always : ReviewPolicy::never;
        ASSERT_TRUE(parse_review_policy(to_string(r), parsed));
        EXPECT_EQ(parsed, r);
    }
}

}  // namespace
}  // namespace waymark::assessment
