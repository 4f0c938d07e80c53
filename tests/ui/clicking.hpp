// Test support: answering any question through the view, by clicking and typing as a
// learner would. The labels are the ones waymark/ui's question view draws.
#pragma once

#include <algorithm>
#include <string>

#include "../player/answers.hpp"
#include "harness.hpp"

namespace waymark::test {

// Gives `target` (a draft in displayed positions) through the UI of the question drawn
// with id `id`; `live` is the draft the view edits, read to know the current order.
inline ::testing::AssertionResult answer_by_clicking(Harness& h, const content::Question& q,
                                                     const assessment::Presentation& shown,
                                                     const player::AnswerDraft& target,
                                                     const player::AnswerDraft& live,
                                                     const std::string& id) {
    auto fail = [&](const std::string& label) {
        return ::testing::AssertionFailure()
               << "no clickable \"" << label << "\" for " << q.id << "; drawn: " << h.labels();
    };
    using T = content::QuestionType;
    switch (q.type) {
        case T::single_choice:
        case T::true_false: {
            const auto& text =
                q.choices[shown.options[static_cast<std::size_t>(target.chosen)]].text;
            const std::string label = text + "##" + id + "-" + std::to_string(target.chosen);
            if (!h.click(label))
                return fail(label);
            break;
        }
        case T::multiple_response:
            for (std::size_t pos = 0; pos < target.ticked.size(); ++pos)
                if (target.ticked[pos]) {
                    const std::string label =
                        q.choices[shown.options[pos]].text + "##" + id + "-" + std::to_string(pos);
                    if (!h.click(label))
                        return fail(label);
                }
            break;
        case T::matching:
            for (std::size_t p = 0; p < target.matched.size(); ++p) {
                const std::string combo =
                    q.pairs[shown.prompts[p]].prompt + "##match-" + id + "-" + std::to_string(p);
                if (!h.click(combo))
                    return fail(combo);
                const auto a = static_cast<std::size_t>(target.matched[p]);
                const std::string item = q.pairs[shown.answers[a]].answer + "##" + id + "-" +
                                         std::to_string(p) + "-" + std::to_string(a);
                if (!h.click(item))
                    return fail(item);
            }
            break;
        case T::ordering:
            for (std::size_t t = 0; t < target.arrangement.size(); ++t) {
                auto r = static_cast<std::size_t>(std::find(live.arrangement.begin(),
                                                            live.arrangement.end(),
                                                            target.arrangement[t]) -
                                                  live.arrangement.begin());
                while (r > t) {
                    const std::string label = "Move up##" + id + "-" + std::to_string(r);
                    if (!h.click(label))
                        return fail(label);
                    --r;
                }
            }
            break;
        case T::short_answer:
            if (!h.type_into("Your answer##" + id, target.text))
                return fail("Your answer");
            break;
        case T::numerical:
            if (!h.type_into("Your number##" + id, target.number))
                return fail("Your number");
            break;
        case T::essay:
            if (!h.type_into("Your reflection##" + id, target.text))
                return fail("Your reflection");
            break;
        case T::scenario: {
            std::size_t step = 0;
            std::vector<std::size_t> visited{0};
            for (std::size_t i = 0; i < target.path.size(); ++i) {
                const auto& option = q.steps[step].options[target.path[i]];
                const std::string label = option.text + "##" + id + "-s" + std::to_string(i) + "-" +
                                          std::to_string(target.path[i]);
                if (!h.click(label))
                    return fail(label);
                for (std::size_t s = 0; s < q.steps.size(); ++s)
                    if (q.steps[s].id == option.next)
                        step = s;
            }
            break;
        }
        case T::description:
            break;
    }
    return ::testing::AssertionSuccess();
}

}  // namespace waymark::test
