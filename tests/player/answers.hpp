// Test support: the right (or a wrong) answer to any question, as the learner would
// give it on screen, so journeys can pass or fail an assessment on purpose.
#pragma once

#include <algorithm>
#include <functional>
#include <string>

#include "waymark/assessment/presentation.hpp"
#include "waymark/content/question.hpp"
#include "waymark/player/answer_draft.hpp"

namespace waymark::test {

inline int shown_position(const std::vector<std::size_t>& shown, std::size_t model) {
    const auto it = std::find(shown.begin(), shown.end(), model);
    return it == shown.end() ? -1 : static_cast<int>(it - shown.begin());
}

// The path through a scenario that reaches an ending worth full marks.
inline std::vector<std::size_t> best_path(const content::Question& q) {
    std::vector<std::size_t> path;
    std::function<bool(std::size_t, int)> walk = [&](std::size_t step, int depth) -> bool {
        if (depth > 32 || step >= q.steps.size())
            return false;
        const auto& options = q.steps[step].options;
        for (std::size_t o = 0; o < options.size(); ++o) {
            path.push_back(o);
            if (options[o].next.empty()) {
                if (options[o].score >= 0.999)
                    return true;
            } else {
                for (std::size_t s = 0; s < q.steps.size(); ++s)
                    if (q.steps[s].id == options[o].next && walk(s, depth + 1))
                        return true;
            }
            path.pop_back();
        }
        return false;
    };
    walk(0, 0);
    return path;
}

inline player::AnswerDraft right_answer(const content::Question& q,
                                        const assessment::Presentation& shown) {
    player::AnswerDraft d = player::blank_draft(q, shown);
    using T = content::QuestionType;
    switch (q.type) {
        case T::single_choice:
        case T::true_false:
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                if (q.choices[i].weight >= 0.999)
                    d.chosen = shown_position(shown.options, i);
            break;
        case T::multiple_response:
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                if (q.choices[i].weight > 0)
                    d.ticked[shown_position(shown.options, i)] = true;
            break;
        case T::matching:
            for (std::size_t p = 0; p < shown.prompts.size(); ++p) {
                const auto& answer = q.pairs[shown.prompts[p]].answer;
                for (std::size_t a = 0; a < shown.answers.size(); ++a)
                    if (q.pairs[shown.answers[a]].answer == answer)
                        d.matched[p] = static_cast<int>(a);
            }
            break;
        case T::ordering:
            d.arrangement.clear();
            for (std::size_t i = 0; i < q.order.size(); ++i)
                d.arrangement.push_back(static_cast<std::size_t>(shown_position(shown.options, i)));
            break;
        case T::short_answer:
            for (const auto& a : q.text_answers)
                if (a.weight >= 0.999) {
                    d.text = a.text;
                    d.text.erase(std::remove(d.text.begin(), d.text.end(), '*'), d.text.end());
                    break;
                }
            break;
        case T::numerical:
            for (const auto& a : q.numeric_answers)
                if (a.weight >= 0.999) {
                    d.number = std::to_string(a.range ? a.min : a.value);
                    break;
                }
            break;
        case T::scenario:
            d.path = best_path(q);
            break;
        case T::essay:
            d.text = "A reflection.";
            break;
        case T::description:
            break;
    }
    return d;
}

// An answer that scores nothing for choice questions and little for the rest.
inline player::AnswerDraft wrong_answer(const content::Question& q,
                                        const assessment::Presentation& shown) {
    player::AnswerDraft d = right_answer(q, shown);
    using T = content::QuestionType;
    switch (q.type) {
        case T::single_choice:
        case T::true_false:
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                if (q.choices[i].weight <= 0)
                    d.chosen = shown_position(shown.options, i);
            break;
        case T::multiple_response:
            for (std::size_t i = 0; i < d.ticked.size(); ++i)
                d.ticked[i] = !d.ticked[i];
            if (std::find(d.ticked.begin(), d.ticked.end(), true) == d.ticked.end())
                d.ticked[0] = true;
            break;
        case T::short_answer:
            d.text = "zzz not an answer";
            break;
        case T::numerical:
            d.number = "-987654";
            break;
        default:
            break;  // matching, ordering and scenarios stay right: others fail the paper
    }
    return d;
}

}  // namespace waymark::test
