// Properties of scoring, presentation and drawing over many generated questions. Each
// loop runs from fixed seeds, so a failure names a case that can be replayed.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "question_generator.hpp"
#include "waymark/assessment/draw.hpp"
#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/scoring.hpp"

namespace waymark::assessment {
namespace {

using testing::GeneratedQuestion;
using testing::QuestionGenerator;

constexpr int cases = 400;

// The displayed positions a learner would click to give `model` under `shown`.
Response to_displayed(const content::Question& q, const Presentation& shown,
                      const Response& model) {
    const auto position = [](const std::vector<std::size_t>& table, std::size_t index) {
        return static_cast<std::size_t>(std::find(table.begin(), table.end(), index) -
                                        table.begin());
    };
    if (const auto* one = std::get_if<ChosenOption>(&model.value))
        return ChosenOption{position(shown.options, one->choice)};
    if (const auto* many = std::get_if<ChosenOptions>(&model.value)) {
        ChosenOptions out;
        for (const auto i : many->choices)
            out.choices.push_back(position(shown.options, i));
        return out;
    }
    if (const auto* arrangement = std::get_if<Arrangement>(&model.value)) {
        Arrangement out;
        for (const auto i : arrangement->order)
            out.order.push_back(position(shown.options, i));
        return out;
    }
    if (const auto* matches = std::get_if<Matches>(&model.value)) {
        Matches out;
        for (const auto& [prompt, answer] : matches->matches) {
            // The learner sees one entry per answer text and picks it by its text.
            std::size_t shown_answer = shown.answers.size();
            for (std::size_t d = 0; d < shown.answers.size(); ++d) {
                if (q.pairs[shown.answers[d]].answer == q.pairs[answer].answer)
                    shown_answer = d;
            }
            out.matches[position(shown.prompts, prompt)] = shown_answer;
        }
        return out;
    }
    return model;
}

TEST(ScoringProperty, RightAnswersAlwaysScoreOne) {
    QuestionGenerator gen(2026);
    for (int i = 0; i < cases; ++i) {
        const auto g = gen.any();
        const auto s = score(g.question, g.right);
        ASSERT_TRUE(s.ok()) << "case " << i << ": " << s.error().describe();
        ASSERT_EQ(s->fraction, 1) << "case " << i << " (" << kind_name(g.right) << ")";
        ASSERT_EQ(s->outcome, Outcome::correct) << "case " << i;
    }
}

TEST(ScoringProperty, ScoresAlwaysLieBetweenZeroAndOne) {
    QuestionGenerator gen(7);
    for (int i = 0; i < cases; ++i) {
        const auto g = gen.any();
        for (int k = 0; k < 5; ++k) {
            const auto r = gen.any_response(g.question);
            const auto s = score(g.question, r);
            ASSERT_TRUE(s.ok()) << "case " << i << ": " << s.error().describe();
            ASSERT_GE(s->fraction, 0) << "case " << i;
            ASSERT_LE(s->fraction, 1) << "case " << i;
            ASSERT_EQ(s->outcome, outcome_of(s->fraction)) << "case " << i;
            ASSERT_EQ(s->general_feedback, g.question.general_feedback);
        }
    }
}

TEST(ScoringProperty, ShufflingNeverChangesTheScoreOfTheSameAnswers) {
    QuestionGenerator gen(99);
    for (int i = 0; i < cases; ++i) {
        const auto g = gen.any();
        const auto answer = i % 2 == 0 ? g.right : gen.any_response(g.question);
        const auto direct = score(g.question, answer);
        ASSERT_TRUE(direct.ok()) << "case " << i;
        for (std::uint64_t seed = 0; seed < 4; ++seed) {
            const auto shown = present(g.question, gen.random().next());
            const auto clicked = to_displayed(g.question, shown, answer);
            const auto model = to_model(shown, clicked);
            ASSERT_TRUE(model.ok()) << "case " << i << ": " << model.error().describe();
            const auto again = score(g.question, *model);
            ASSERT_TRUE(again.ok()) << "case " << i;
            ASSERT_EQ(*again, *direct) << "case " << i << " seed " << seed;
        }
    }
}

TEST(ScoringProperty, PresentationsShowEveryOptionOnceAndKeepFixedOnesInPlace) {
    QuestionGenerator gen(5);
    for (int i = 0; i < cases; ++i) {
        const auto g = gen.any();
        const auto shown = present(g.question, gen.random().next());
        auto sorted = shown.options;
        std::sort(sorted.begin(), sorted.end());
        for (std::size_t k = 0; k < sorted.size(); ++k)
            ASSERT_EQ(sorted[k], k) << "case " << i;
        for (std::size_t k = 0; k < g.question.choices.size(); ++k) {
            if (g.question.choices[k].fixed) {
                ASSERT_EQ(shown.options[k], k) << "case " << i;
            }
        }
    }
}

TEST(ScoringProperty, RejectsAnswersOfTheWrongShape) {
    QuestionGenerator gen(13);
    for (int i = 0; i < cases; ++i) {
        const auto g = gen.any();
        const auto r = gen.wrong_kind(g.question);
        const auto s = score(g.question, r);
        ASSERT_FALSE(s.ok()) << "case " << i << " accepted " << kind_name(r);
        ASSERT_EQ(s.error().code, ErrorCode::invalid);
    }
}

TEST(ScoringProperty, RejectsOptionsThatDoNotExist) {
    QuestionGenerator gen(17);
    for (int i = 0; i < cases; ++i) {
        const auto g = gen.any();
        Response r = g.right;
        const std::size_t huge = 1000 + gen.random().below(1'000'000);
        if (auto* one = std::get_if<ChosenOption>(&r.value)) {
            one->choice = huge;
        } else if (auto* many = std::get_if<ChosenOptions>(&r.value)) {
            many->choices.push_back(huge);
        } else if (auto* matches = std::get_if<Matches>(&r.value)) {
            matches->matches[0] = huge;
        } else if (auto* arrangement = std::get_if<Arrangement>(&r.value)) {
            arrangement->order.back() = huge;
        } else if (auto* path = std::get_if<ScenarioPath>(&r.value)) {
            path->options.back() = huge;
        } else {
            continue;  // typed text and numbers name no options
        }
        ASSERT_FALSE(score(g.question, r).ok()) << "case " << i;
    }
}

TEST(DrawProperty, EveryPaperMeetsItsQuotasOrTheDrawIsRefused) {
    QuestionGenerator gen(31);
    int drawn = 0;
    for (int i = 0; i < 200; ++i) {
        std::vector<content::Question> bank;
        const std::size_t size = 1 + gen.random().below(25);
        for (std::size_t k = 0; k < size; ++k) {
            auto g = gen.any();
            g.question.module = "m" + std::to_string(gen.random().below(4));
            bank.push_back(std::move(g.question));
        }
        AssessmentPolicy p;
        p.draw_count = gen.random().below(size + 3);
        p.at_least_per_module = gen.random().below(3);
        p.shuffle_questions = gen.random().below(2) == 0;
        const std::uint64_t seed = gen.random().next();
        const auto paper = draw_paper(bank, p, seed);
        if (!paper.ok())
            continue;
        ++drawn;
        ASSERT_EQ(*paper, *draw_paper(bank, p, seed)) << "case " << i;
        ASSERT_EQ(paper->size(), p.draw_count == 0 ? size : p.draw_count) << "case " << i;
        ASSERT_EQ(std::set<std::string>(paper->begin(), paper->end()).size(), paper->size());
        std::map<std::string, std::size_t> in_bank, on_paper;
        for (const auto& q : bank)
            ++in_bank[q.module];
        for (const auto& id : *paper) {
            const auto q =
                std::find_if(bank.begin(), bank.end(), [&](auto& c) { return c.id == id; });
            ++on_paper[q->module];
        }
        for (const auto& [module, n] : in_bank)
            ASSERT_GE(on_paper[module], std::min(n, p.at_least_per_module)) << "case " << i;
    }
    EXPECT_GT(drawn, 50) << "the generator should produce mostly satisfiable policies";
}

}  // namespace
}  // namespace waymark::assessment
