#include "question_generator.hpp"

#include <cmath>
#include <numeric>
#include <string>

namespace waymark::assessment::testing {

using content::Question;
using content::QuestionType;

std::size_t QuestionGenerator::between(std::size_t lo, std::size_t hi) {
    return lo + static_cast<std::size_t>(random_.below(hi - lo + 1));
}

double QuestionGenerator::weight() {
    switch (random_.below(4)) {
        case 0:
            return 0;
        case 1:
            return -static_cast<double>(between(1, 4)) / 4;
        case 2:
            return static_cast<double>(between(1, 9)) / 10;  // partial credit
        default:
            return static_cast<double>(random_.below(2001)) / 1000 - 1;
    }
}

GeneratedQuestion QuestionGenerator::single_choice(QuestionType type) {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = type;
    const std::size_t n = type == QuestionType::true_false ? 2 : between(2, 6);
    const std::size_t right = random_.below(n);
    for (std::size_t i = 0; i < n; ++i) {
        content::Choice c;
        c.text = type == QuestionType::true_false ? (i == 0 ? "True" : "False")
                                                  : "choice " + std::to_string(i);
        c.weight = i == right ? 1 : (type == QuestionType::true_false ? 0 : weight());
        c.feedback = random_.below(2) ? "feedback " + std::to_string(i) : "";
        c.fixed = random_.below(5) == 0;
        q.choices.push_back(c);
    }
    q.shuffle = random_.below(6) != 0;
    g.right = ChosenOption{right};
    return g;
}

GeneratedQuestion QuestionGenerator::multiple_response() {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = QuestionType::multiple_response;
    const std::size_t n = between(2, 7);
    const std::size_t k = between(1, n - 1);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    random_.shuffle(order);
    ChosenOptions right;
    q.choices.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& c = q.choices[order[i]];
        c.text = "option " + std::to_string(order[i]);
        c.fixed = random_.below(6) == 0;
        if (i < k) {
            c.weight = 1.0 / static_cast<double>(k);
            right.choices.push_back(order[i]);
        } else {
            c.weight = -static_cast<double>(random_.below(5)) / 4;
        }
    }
    g.right = right;
    return g;
}

GeneratedQuestion QuestionGenerator::matching() {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = QuestionType::matching;
    const std::size_t prompts = between(2, 5);
    Matches right;
    for (std::size_t i = 0; i < prompts; ++i) {
        // Now and then two prompts share an answer text.
        const std::size_t answer = i > 0 && random_.below(6) == 0 ? i - 1 : i;
        q.pairs.push_back({"prompt " + std::to_string(i), "answer " + std::to_string(answer)});
        right.matches[i] = i;
    }
    for (std::size_t d = random_.below(3); d > 0; --d)
        q.pairs.push_back({"", "distractor " + std::to_string(d)});
    g.right = right;
    return g;
}

GeneratedQuestion QuestionGenerator::ordering() {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = QuestionType::ordering;
    const std::size_t n = between(2, 6);
    for (std::size_t i = 0; i < n; ++i) {
        const bool repeat = i > 0 && random_.below(8) == 0;
        q.order.push_back(repeat ? q.order.back() : "step " + std::to_string(i));
    }
    Arrangement right;
    right.order.resize(n);
    std::iota(right.order.begin(), right.order.end(), std::size_t{0});
    g.right = right;
    return g;
}

GeneratedQuestion QuestionGenerator::short_answer() {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = QuestionType::short_answer;
    q.case_sensitive = random_.below(4) == 0;
    const std::string word = "Word" + std::to_string(random_.below(1000));
    q.text_answers.push_back({word + " panel", 1, "right"});
    for (std::size_t i = random_.below(3); i > 0; --i)
        q.text_answers.push_back({random_.below(2) ? "*panel" : "w*", weight(), "other"});
    random_.shuffle(q.text_answers);
    // The learner's spacing is never held against them.
    g.right = TypedText{"  " + word + " \t panel "};
    return g;
}

GeneratedQuestion QuestionGenerator::numerical() {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = QuestionType::numerical;
    const double value = static_cast<double>(random_.below(20001)) / 100 - 100;
    const double tolerance = static_cast<double>(random_.below(5)) / 10;
    content::NumericAnswer best;
    if (random_.below(3) == 0) {
        best.range = true;
        best.min = value - tolerance;
        best.max = value + tolerance;
    } else {
        best.value = value;
        best.tolerance = tolerance;
    }
    q.numeric_answers.push_back(best);
    for (std::size_t i = random_.below(3); i > 0; --i) {
        content::NumericAnswer other;
        other.value = value + static_cast<double>(random_.below(21)) - 10;
        other.tolerance = static_cast<double>(random_.below(30)) / 10;
        other.weight = weight();
        q.numeric_answers.push_back(other);
    }
    random_.shuffle(q.numeric_answers);
    g.right = TypedNumber{random_.below(2) ? value : value + tolerance};
    return g;
}

GeneratedQuestion QuestionGenerator::scenario() {
    GeneratedQuestion g;
    auto& q = g.question;
    q.type = QuestionType::scenario;
    const std::size_t depth = between(1, 4);
    ScenarioPath right;
    for (std::size_t s = 0; s < depth; ++s) {
        content::ScenarioStep step;
        step.id = "step-" + std::to_string(s);
        const std::size_t options = between(2, 3);
        const std::size_t good = random_.below(options);
        for (std::size_t o = 0; o < options; ++o) {
            content::ScenarioOption option;
            option.text = "option " + std::to_string(o);
            option.feedback = "feedback " + std::to_string(s) + "." + std::to_string(o);
            if (o == good) {
                if (s + 1 < depth) {
                    option.next = "step-" + std::to_string(s + 1);
                } else {
                    option.score = 1;
                }
            } else if (s + 1 < depth && random_.below(3) == 0) {
                option.next = "step-" + std::to_string(s + 1);  // a detour that rejoins
            } else {
                option.score = static_cast<double>(random_.below(10)) / 10;
            }
            step.options.push_back(option);
        }
        right.options.push_back(good);
        q.steps.push_back(step);
    }
    g.right = right;
    return g;
}

GeneratedQuestion QuestionGenerator::of_type(QuestionType type) {
    GeneratedQuestion g;
    switch (type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
            g = single_choice(type);
            break;
        case QuestionType::multiple_response:
            g = multiple_response();
            break;
        case QuestionType::matching:
            g = matching();
            break;
        case QuestionType::ordering:
            g = ordering();
            break;
        case QuestionType::short_answer:
            g = short_answer();
            break;
        case QuestionType::numerical:
            g = numerical();
            break;
        default:
            g = scenario();
            break;
    }
    g.question.id = "gen-" + std::to_string(++counter_);
    g.question.general_feedback = "general " + g.question.id;
    return g;
}

GeneratedQuestion QuestionGenerator::any() {
    return of_type(markable_types[random_.below(std::size(markable_types))]);
}

Response QuestionGenerator::any_response(const Question& q) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
            return ChosenOption{random_.below(q.choices.size())};
        case QuestionType::multiple_response: {
            ChosenOptions r;
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                if (random_.below(2))
                    r.choices.push_back(i);
            random_.shuffle(r.choices);
            return r;
        }
        case QuestionType::matching: {
            Matches r;
            for (std::size_t i = 0; i < q.pairs.size(); ++i) {
                if (!q.pairs[i].prompt.empty() && random_.below(4) != 0)
                    r.matches[i] = random_.below(q.pairs.size());
            }
            return r;
        }
        case QuestionType::ordering: {
            Arrangement r;
            r.order.resize(q.order.size());
            std::iota(r.order.begin(), r.order.end(), std::size_t{0});
            random_.shuffle(r.order);
            return r;
        }
        case QuestionType::short_answer: {
            const auto& a = q.text_answers[random_.below(q.text_answers.size())].text;
            return TypedText{random_.below(2) ? a : "something else " + a};
        }
        case QuestionType::numerical:
            return TypedNumber{static_cast<double>(random_.below(40001)) / 100 - 200};
        default: {
            ScenarioPath r;
            std::size_t step = 0;
            for (;;) {
                const auto& s = q.steps[step];
                const std::size_t o = random_.below(s.options.size());
                r.options.push_back(o);
                if (s.options[o].next.empty())
                    return r;
                ++step;  // generated scenarios link each step to the next
            }
        }
    }
}

Response QuestionGenerator::wrong_kind(const Question& q) {
    const Response candidates[] = {ChosenOption{0},  ChosenOptions{{0}}, Matches{},
                                   Arrangement{{0}}, TypedText{"x"},     TypedNumber{1},
                                   ScenarioPath{{0}}};
    const Response right_kind = any_response(q);
    for (;;) {
        const auto& c = candidates[random_.below(std::size(candidates))];
        if (c.value.index() != right_kind.value.index())
            return c;
    }
}

}  // namespace waymark::assessment::testing
