#include "waymark/assessment/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "question_location.hpp"
#include "waymark/assessment/scenario.hpp"
#include "waymark/assessment/text_match.hpp"

namespace waymark::assessment {

namespace {

using content::Question;
using content::QuestionType;

constexpr std::size_t max_typed_text = 10'000;
// Moodle's tolerance for "right" and "wrong" (question_state::graded_state_for_fraction).
constexpr double full_marks_slack = 1e-6;

const char* expected_shape(QuestionType type) {
    switch (type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
            return "one chosen option";
        case QuestionType::multiple_response:
            return "a set of chosen options";
        case QuestionType::matching:
            return "matches of prompts to answers";
        case QuestionType::ordering:
            return "an arrangement of the items";
        case QuestionType::short_answer:
            return "typed text";
        case QuestionType::numerical:
            return "a typed number";
        case QuestionType::scenario:
            return "a path through the scenario";
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
    return "nothing";
}

template <typename T>
const T* shape(const Question& q, const Response& r, Result<void>& error) {
    const T* v = std::get_if<T>(&r.value);
    if (v == nullptr) {
        error = invalid_question(q, std::string("expects ") + expected_shape(q.type) +
                                        ", but the answer is " + kind_name(r) +
                                        "; the player sent the wrong kind of answer");
    }
    return v;
}

Result<void> check_index(const Question& q, std::size_t index, std::size_t count,
                         const char* what) {
    if (index < count)
        return {};
    return invalid_question(q, "the answer names " + std::string(what) + " " +
                                   std::to_string(index) + " but the question has " +
                                   std::to_string(count) + " " + what + "(s), numbered from 0");
}

Result<void> check_choice_question(const Question& q) {
    if (q.type == QuestionType::true_false && q.choices.size() != 2)
        return invalid_question(
            q,
            "a true/false question needs exactly the two choices True and False, "
            "but has " +
                std::to_string(q.choices.size()));
    return {};
}

bool has_prompt(const content::MatchPair& pair) {
    return !pair.prompt.empty();
}

Result<void> check_shape(const Question& q, const Response& r) {
    Result<void> error;
    switch (q.type) {
        case QuestionType::essay:
        case QuestionType::description:
            return make_error(ErrorCode::usage,
                              named(q) + " is " +
                                  (q.type == QuestionType::essay ? "an essay" : "a description") +
                                  ", which is never marked automatically; leave it out of scoring",
                              location_of(q));
        case QuestionType::single_choice:
        case QuestionType::true_false: {
            const auto* v = shape<ChosenOption>(q, r, error);
            if (!v)
                return error;
            if (auto checked = check_choice_question(q); !checked)
                return checked;
            return check_index(q, v->choice, q.choices.size(), "option");
        }
        case QuestionType::multiple_response: {
            const auto* v = shape<ChosenOptions>(q, r, error);
            if (!v)
                return error;
            std::vector<std::size_t> sorted = v->choices;
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t i = 0; i < sorted.size(); ++i) {
                if (auto checked = check_index(q, sorted[i], q.choices.size(), "option"); !checked)
                    return checked;
                if (i > 0 && sorted[i] == sorted[i - 1])
                    return invalid_question(
                        q, "the answer chooses option " + std::to_string(sorted[i]) + " twice");
            }
            return {};
        }
        case QuestionType::matching: {
            const auto* v = shape<Matches>(q, r, error);
            if (!v)
                return error;
            if (std::none_of(q.pairs.begin(), q.pairs.end(), has_prompt))
                return invalid_question(
                    q, "has no prompts to match; add pairs written \"prompt -> answer\"");
            for (const auto& [prompt, answer] : v->matches) {
                if (auto checked = check_index(q, prompt, q.pairs.size(), "pair"); !checked)
                    return checked;
                if (!has_prompt(q.pairs[prompt]))
                    return invalid_question(q, "the answer matches pair " + std::to_string(prompt) +
                                                   ", which is a distractor with no prompt");
                if (auto checked = check_index(q, answer, q.pairs.size(), "pair"); !checked)
                    return checked;
            }
            return {};
        }
        case QuestionType::ordering: {
            const auto* v = shape<Arrangement>(q, r, error);
            if (!v)
                return error;
            if (v->order.size() != q.order.size())
                return invalid_question(
                    q, "the arrangement has " + std::to_string(v->order.size()) +
                           " item(s) but the question has " + std::to_string(q.order.size()));
            std::vector<bool> seen(q.order.size(), false);
            for (const std::size_t item : v->order) {
                if (auto checked = check_index(q, item, q.order.size(), "item"); !checked)
                    return checked;
                if (seen[item])
                    return invalid_question(
                        q, "the arrangement places item " + std::to_string(item) + " twice");
                seen[item] = true;
            }
            return {};
        }
        case QuestionType::short_answer: {
            const auto* v = shape<TypedText>(q, r, error);
            if (!v)
                return error;
            if (v->text.size() > max_typed_text)
                return make_error(ErrorCode::limit,
                                  named(q) + ": the typed answer is " +
                                      std::to_string(v->text.size()) + " bytes; at most " +
                                      std::to_string(max_typed_text) + " are accepted",
                                  location_of(q));
            return {};
        }
        case QuestionType::numerical: {
            const auto* v = shape<TypedNumber>(q, r, error);
            if (!v)
                return error;
            if (!std::isfinite(v->value))
                return invalid_question(q, "the typed number is not a finite number");
            return {};
        }
        case QuestionType::scenario: {
            const auto* v = shape<ScenarioPath>(q, r, error);
            if (!v)
                return error;
            // A path that stops before an ending is an answer too: the learner walked
            // part of the story and left it there. It reached no ending, so it scores 0.
            if (auto walk = walk_scenario(q, *v); !walk)
                return walk.error();
            return {};
        }
    }
    return invalid_question(q, "has an unknown question type");
}

// Clamps to [0, 1] and applies Moodle's slack; a NaN weight from a broken bank counts 0.
double snap(double fraction) {
    if (!(fraction >= full_marks_slack))
        return 0;
    if (fraction > 1 - full_marks_slack)
        return 1;
    return fraction;
}

void add_feedback(Score& s, const std::string& text) {
    if (!text.empty())
        s.feedback.push_back(text);
}

bool within(const content::NumericAnswer& a, double x) {
    const double lo = a.range ? std::min(a.min, a.max) : a.value - std::fabs(a.tolerance);
    const double hi = a.range ? std::max(a.min, a.max) : a.value + std::fabs(a.tolerance);
    const double scale = std::max({1.0, std::fabs(x), std::fabs(lo), std::fabs(hi)});
    const double slack = 1e-12 * scale;
    return x >= lo - slack && x <= hi + slack;
}

// The index of the best-weighted matching answer, or -1.
template <typename Answers, typename Matches>
long best_match(const Answers& answers, Matches&& matches) {
    long best = -1;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        if (!matches(answers[i]))
            continue;
        if (best < 0 || answers[i].weight > answers[static_cast<std::size_t>(best)].weight)
            best = static_cast<long>(i);
    }
    return best;
}

double mark(const Question& q, const Response& r, Score& s) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false: {
            const auto& choice = q.choices[std::get<ChosenOption>(r.value).choice];
            add_feedback(s, choice.feedback);
            return choice.weight;
        }
        case QuestionType::multiple_response: {
            std::vector<std::size_t> chosen = std::get<ChosenOptions>(r.value).choices;
            std::sort(chosen.begin(), chosen.end());
            double total = 0;
            for (const std::size_t i : chosen) {
                total += q.choices[i].weight;
                add_feedback(s, q.choices[i].feedback);
            }
            return total;
        }
        case QuestionType::matching: {
            const auto& matches = std::get<Matches>(r.value).matches;
            std::size_t prompts = 0, right = 0;
            for (std::size_t i = 0; i < q.pairs.size(); ++i) {
                if (!has_prompt(q.pairs[i]))
                    continue;
                ++prompts;
                const auto it = matches.find(i);
                const bool ok =
                    it != matches.end() && q.pairs[it->second].answer == q.pairs[i].answer;
                s.parts_correct.push_back(ok);
                right += ok ? 1 : 0;
            }
            return static_cast<double>(right) / static_cast<double>(prompts);
        }
        case QuestionType::ordering: {
            const auto& order = std::get<Arrangement>(r.value).order;
            if (order.empty())
                return 0;
            std::size_t right = 0;
            for (std::size_t pos = 0; pos < order.size(); ++pos) {
                const bool ok = q.order[order[pos]] == q.order[pos];
                s.parts_correct.push_back(ok);
                right += ok ? 1 : 0;
            }
            return static_cast<double>(right) / static_cast<double>(order.size());
        }
        case QuestionType::short_answer: {
            const auto& typed = std::get<TypedText>(r.value).text;
            const long best = best_match(q.text_answers, [&](const content::TextAnswer& a) {
                return text_matches(a.text, typed, q.case_sensitive);
            });
            if (best < 0)
                return 0;
            const auto& answer = q.text_answers[static_cast<std::size_t>(best)];
            add_feedback(s, answer.feedback);
            return answer.weight;
        }
        case QuestionType::numerical: {
            const double x = std::get<TypedNumber>(r.value).value;
            const long best = best_match(
                q.numeric_answers, [&](const content::NumericAnswer& a) { return within(a, x); });
            if (best < 0)
                return 0;
            const auto& answer = q.numeric_answers[static_cast<std::size_t>(best)];
            add_feedback(s, answer.feedback);
            return answer.weight;
        }
        case QuestionType::scenario: {
            // check_shape() walked the path already; walking again is cheap and keeps the
            // two functions independent.
            auto walk = walk_scenario(q, std::get<ScenarioPath>(r.value));
            for (auto& text : walk->feedback)
                s.feedback.push_back(std::move(text));
            return walk->score;
        }
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
    return 0;
}

}  // namespace

const char* to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::correct:
            return "correct";
        case Outcome::partial:
            return "partial";
        case Outcome::incorrect:
            return "incorrect";
    }
    return "unknown";
}

bool parse_outcome(const std::string& text, Outcome& out) {
    for (const auto o : {Outcome::correct, Outcome::partial, Outcome::incorrect}) {
        if (text == to_string(o)) {
            out = o;
            return true;
        }
    }
    return false;
}

Outcome outcome_of(double fraction) {
    if (fraction >= 1)
        return Outcome::correct;
    if (fraction <= 0)
        return Outcome::incorrect;
    return Outcome::partial;
}

Result<void> check_response(const Question& q, const Response& response) {
    return check_shape(q, response);
}

Result<Score> score(const Question& q, const Response& response) {
    if (auto checked = check_shape(q, response); !checked)
        return checked.error();
    Score s;
    s.fraction = snap(mark(q, response, s));
    s.outcome = outcome_of(s.fraction);
    s.general_feedback = q.general_feedback;
    return s;
}

}  // namespace waymark::assessment
