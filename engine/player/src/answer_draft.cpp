#include "waymark/player/answer_draft.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "waymark/assessment/scenario.hpp"

namespace waymark::player {
namespace {

using content::QuestionType;
namespace as = waymark::assessment;

Error incomplete(std::string message) {
    return make_error(ErrorCode::invalid, std::move(message));
}

template <typename T>
int position_of(const std::vector<T>& items, T value) {
    const auto it = std::find(items.begin(), items.end(), value);
    return it == items.end() ? -1 : static_cast<int>(it - items.begin());
}

}  // namespace

bool parse_typed_number(const std::string& text, double& out) {
    std::string digits;
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return false;
    const auto last = text.find_last_not_of(' ');
    const std::string s = text.substr(first, last - first + 1);
    bool seen_digit = false, seen_point = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if ((c == '-' || c == '+') && i == 0)
            digits += c;
        else if (c >= '0' && c <= '9')
            digits += c, seen_digit = true;
        else if (c == '.' && !seen_point)
            digits += c, seen_point = true;
        // A thousands comma sits between digits, before any decimal point.
        else if (c == ',' && seen_digit && !seen_point && i + 1 < s.size() && s[i + 1] >= '0' &&
                 s[i + 1] <= '9')
            continue;
        else
            return false;
    }
    if (!seen_digit)
        return false;
    char* end = nullptr;
    const double value = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size() || !std::isfinite(value))
        return false;
    out = value;
    return true;
}

AnswerDraft blank_draft(const content::Question& q, const as::Presentation& shown) {
    AnswerDraft d;
    switch (q.type) {
        case QuestionType::multiple_response:
            d.ticked.assign(shown.options.size(), false);
            break;
        case QuestionType::matching:
            d.matched.assign(shown.prompts.size(), -1);
            break;
        case QuestionType::ordering:
            for (std::size_t i = 0; i < shown.options.size(); ++i)
                d.arrangement.push_back(i);
            break;
        default:
            break;
    }
    return d;
}

bool is_complete(const content::Question& q, const AnswerDraft& d) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
            return d.chosen >= 0;
        case QuestionType::multiple_response:
            return std::find(d.ticked.begin(), d.ticked.end(), true) != d.ticked.end();
        case QuestionType::matching:
            return !d.matched.empty() &&
                   std::find(d.matched.begin(), d.matched.end(), -1) == d.matched.end();
        case QuestionType::ordering:
            return !d.arrangement.empty();
        case QuestionType::short_answer:
        case QuestionType::essay:
            return d.text.find_first_not_of(" \t\r\n") != std::string::npos;
        case QuestionType::numerical: {
            double v = 0;
            return parse_typed_number(d.number, v);
        }
        case QuestionType::scenario: {
            auto walk = as::walk_scenario(q, as::ScenarioPath{d.path});
            return walk && walk->finished;
        }
        case QuestionType::description:
            return false;
    }
    return false;
}

namespace {

// What is on screen as a Response in displayed positions: the whole answer, or the part
// given so far where the rules can mark a part (a matching question's matched prompts, a
// scenario's steps so far). Empty when nothing is given.
std::optional<as::Response> displayed_part(const content::Question& q, const AnswerDraft& d) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
            if (d.chosen < 0)
                return std::nullopt;
            return as::ChosenOption{static_cast<std::size_t>(d.chosen)};
        case QuestionType::multiple_response: {
            as::ChosenOptions chosen;
            for (std::size_t i = 0; i < d.ticked.size(); ++i)
                if (d.ticked[i])
                    chosen.choices.push_back(i);
            if (chosen.choices.empty())
                return std::nullopt;
            return chosen;
        }
        case QuestionType::matching: {
            as::Matches m;
            for (std::size_t i = 0; i < d.matched.size(); ++i)
                if (d.matched[i] >= 0)
                    m.matches[i] = static_cast<std::size_t>(d.matched[i]);
            if (m.matches.empty())
                return std::nullopt;
            return m;
        }
        case QuestionType::ordering:
            return as::Arrangement{d.arrangement};
        case QuestionType::short_answer:
        case QuestionType::essay:
            if (!is_complete(q, d))
                return std::nullopt;
            return as::TypedText{d.text};
        case QuestionType::numerical: {
            double v = 0;
            if (!parse_typed_number(d.number, v))
                return std::nullopt;
            return as::TypedNumber{v};
        }
        case QuestionType::scenario:
            if (d.path.empty())
                return std::nullopt;
            return as::ScenarioPath{d.path};
        case QuestionType::description:
            break;
    }
    return std::nullopt;
}

// What the learner still has to do before `q` is whole, for to_response().
const char* what_is_missing(const content::Question& q) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
            return "Choose an answer first.";
        case QuestionType::multiple_response:
            return "Tick every answer that applies first.";
        case QuestionType::matching:
            return "Choose a match for every item first.";
        case QuestionType::short_answer:
        case QuestionType::essay:
            return "Type your answer first.";
        case QuestionType::numerical:
            return "Type a number, such as 12 or 2.5.";
        case QuestionType::scenario:
            return "Follow the story to its end first.";
        case QuestionType::ordering:
        case QuestionType::description:
            break;
    }
    return "There is nothing to answer here.";
}

}  // namespace

Result<as::Response> to_response(const content::Question& q, const as::Presentation& shown,
                                 const AnswerDraft& d) {
    const auto displayed = is_complete(q, d) ? displayed_part(q, d) : std::nullopt;
    if (!displayed)
        return incomplete(what_is_missing(q));
    return as::to_model(shown, *displayed);
}

Result<std::optional<as::Response>> to_recorded_response(const content::Question& q,
                                                         const as::Presentation& shown,
                                                         const AnswerDraft& d) {
    const auto displayed = displayed_part(q, d);
    if (!displayed)
        return std::optional<as::Response>{};
    auto model = as::to_model(shown, *displayed);
    if (!model)
        return model.error();
    return std::optional<as::Response>{std::move(*model)};
}

AnswerDraft from_response(const content::Question& q, const as::Presentation& shown,
                          const as::Response& response) {
    AnswerDraft d = blank_draft(q, shown);
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, as::ChosenOption>) {
                d.chosen = position_of(shown.options, v.choice);
            } else if constexpr (std::is_same_v<T, as::ChosenOptions>) {
                for (auto c : v.choices) {
                    const int p = position_of(shown.options, c);
                    if (p >= 0 && static_cast<std::size_t>(p) < d.ticked.size())
                        d.ticked[p] = true;
                }
            } else if constexpr (std::is_same_v<T, as::Matches>) {
                for (const auto& [prompt, answer] : v.matches) {
                    const int p = position_of(shown.prompts, prompt);
                    // Several pairs may share an answer text; it is shown once, at the
                    // first pair carrying it.
                    int a = -1;
                    for (std::size_t i = 0; i < shown.answers.size() && answer < q.pairs.size();
                         ++i)
                        if (shown.answers[i] < q.pairs.size() &&
                            q.pairs[shown.answers[i]].answer == q.pairs[answer].answer)
                            a = static_cast<int>(i);
                    if (p >= 0 && static_cast<std::size_t>(p) < d.matched.size())
                        d.matched[p] = a;
                }
            } else if constexpr (std::is_same_v<T, as::Arrangement>) {
                std::vector<std::size_t> arranged;
                for (auto item : v.order) {
                    const int p = position_of(shown.options, item);
                    if (p < 0)
                        return;
                    arranged.push_back(static_cast<std::size_t>(p));
                }
                if (arranged.size() == d.arrangement.size())
                    d.arrangement = arranged;
            } else if constexpr (std::is_same_v<T, as::TypedText>) {
                d.text = v.text;
            } else if constexpr (std::is_same_v<T, as::TypedNumber>) {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "%g", v.value);
                d.number = buffer;
            } else if constexpr (std::is_same_v<T, as::ScenarioPath>) {
                d.path = v.options;
            }
        },
        response.value);
    return d;
}

}  // namespace waymark::player
