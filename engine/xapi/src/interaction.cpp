#include "interaction.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <variant>

namespace waymark::xapi::detail {

namespace {

using content::QuestionType;

// Weights within this of 1 are full marks, as in scoring.hpp.
constexpr double kFull = 1 - 1e-6;

std::string choice_id(std::size_t i) {
    return "choice-" + std::to_string(i);
}
std::string prompt_id(std::size_t i) {
    return "prompt-" + std::to_string(i);
}
std::string answer_id(std::size_t i) {
    return "answer-" + std::to_string(i);
}
std::string item_id(std::size_t i) {
    return "item-" + std::to_string(i);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out += separator;
        out += parts[i];
    }
    return out;
}

bool is_true_text(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text == "true";
}

void components(JsonWriter& w, std::string_view name,
                const std::vector<std::pair<std::string, std::string>>& items,
                std::string_view language) {
    key(w, name);
    w.StartArray();
    for (const auto& [id, description] : items) {
        w.StartObject();
        member(w, "id", id);
        language_map(w, "description", language, description);
        w.EndObject();
    }
    w.EndArray();
}

void pattern(JsonWriter& w, const std::vector<std::string>& patterns) {
    if (patterns.empty())
        return;
    key(w, "correctResponsesPattern");
    w.StartArray();
    for (const auto& p : patterns)
        text(w, p);
    w.EndArray();
}

std::vector<std::pair<std::string, std::string>> choice_components(const content::Question& q) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < q.choices.size(); ++i)
        out.emplace_back(choice_id(i), q.choices[i].text);
    return out;
}

void write_choice(JsonWriter& w, const content::Question& q, std::string_view language) {
    member(w, "interactionType", "choice");
    std::vector<std::string> patterns;
    if (q.type == QuestionType::multiple_response) {
        std::vector<std::string> right;
        for (std::size_t i = 0; i < q.choices.size(); ++i)
            if (q.choices[i].weight > 0)
                right.push_back(choice_id(i));
        patterns.push_back(join(right, "[,]"));
    } else {
        // Any full-marks choice is a correct response on its own; with only partial
        // credit on offer, the best one is.
        double best = -2;
        for (const auto& c : q.choices)
            best = std::max(best, c.weight);
        for (std::size_t i = 0; i < q.choices.size(); ++i)
            if (q.choices[i].weight >= std::min(best, kFull) && q.choices[i].weight > 0)
                patterns.push_back(choice_id(i));
    }
    pattern(w, patterns);
    components(w, "choices", choice_components(q), language);
}

void write_true_false(JsonWriter& w, const content::Question& q) {
    member(w, "interactionType", "true-false");
    for (const auto& c : q.choices)
        if (c.weight >= kFull)
            return pattern(w, {is_true_text(c.text) ? "true" : "false"});
}

void write_matching(JsonWriter& w, const content::Question& q, std::string_view language) {
    member(w, "interactionType", "matching");
    std::vector<std::string> right;
    std::vector<std::pair<std::string, std::string>> source, target;
    for (std::size_t i = 0; i < q.pairs.size(); ++i) {
        if (!q.pairs[i].prompt.empty()) {
            right.push_back(prompt_id(i) + "[.]" + answer_id(i));
            source.emplace_back(prompt_id(i), q.pairs[i].prompt);
        }
        target.emplace_back(answer_id(i), q.pairs[i].answer);
    }
    pattern(w, {join(right, "[,]")});
    components(w, "source", source, language);
    components(w, "target", target, language);
}

void write_sequencing(JsonWriter& w, const content::Question& q, std::string_view language) {
    member(w, "interactionType", "sequencing");
    std::vector<std::string> right;
    std::vector<std::pair<std::string, std::string>> items;
    for (std::size_t i = 0; i < q.order.size(); ++i) {
        right.push_back(item_id(i));
        items.emplace_back(item_id(i), q.order[i]);
    }
    pattern(w, {join(right, "[,]")});
    components(w, "choices", items, language);
}

void write_fill_in(JsonWriter& w, const content::Question& q) {
    member(w, "interactionType", "fill-in");
    std::vector<std::string> patterns;
    for (const auto& a : q.text_answers)
        if (a.weight >= kFull)
            patterns.push_back((q.case_sensitive ? "{case_matters=true}" : "") + a.text);
    pattern(w, patterns);
}

void write_numeric(JsonWriter& w, const content::Question& q) {
    member(w, "interactionType", "numeric");
    std::vector<std::string> patterns;
    for (const auto& a : q.numeric_answers) {
        if (a.weight < kFull)
            continue;
        if (a.range)
            patterns.push_back(number_text(a.min) + "[:]" + number_text(a.max));
        else if (a.tolerance == 0)
            patterns.push_back(number_text(a.value));
        else
            patterns.push_back(number_text(a.value - a.tolerance) + "[:]" +
                               number_text(a.value + a.tolerance));
    }
    pattern(w, patterns);
}

}  // namespace

std::string number_text(double value) {
    if (!std::isfinite(value))
        return "0";
    std::array<char, 32> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string("0");
}

void write_interaction(JsonWriter& w, const content::Question& q, std::string_view language) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::multiple_response:
            return write_choice(w, q, language);
        case QuestionType::true_false:
            return write_true_false(w, q);
        case QuestionType::matching:
            return write_matching(w, q, language);
        case QuestionType::ordering:
            return write_sequencing(w, q, language);
        case QuestionType::short_answer:
            return write_fill_in(w, q);
        case QuestionType::numerical:
            return write_numeric(w, q);
        case QuestionType::essay:
            return member(w, "interactionType", "long-fill-in");
        case QuestionType::scenario:
        case QuestionType::description:
            return member(w, "interactionType", "other");
    }
}

std::string response_text(const content::Question* q, const assessment::Response& response) {
    using namespace assessment;
    return std::visit(
        [&](const auto& r) -> std::string {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, ChosenOption>) {
                if (q && q->type == QuestionType::true_false && r.choice < q->choices.size())
                    return is_true_text(q->choices[r.choice].text) ? "true" : "false";
                return choice_id(r.choice);
            } else if constexpr (std::is_same_v<T, ChosenOptions>) {
                std::vector<std::string> ids;
                for (auto i : r.choices)
                    ids.push_back(choice_id(i));
                return join(ids, "[,]");
            } else if constexpr (std::is_same_v<T, Matches>) {
                std::vector<std::string> ids;
                for (const auto& [prompt, answer] : r.matches)
                    ids.push_back(prompt_id(prompt) + "[.]" + answer_id(answer));
                return join(ids, "[,]");
            } else if constexpr (std::is_same_v<T, Arrangement>) {
                std::vector<std::string> ids;
                for (auto i : r.order)
                    ids.push_back(item_id(i));
                return join(ids, "[,]");
            } else if constexpr (std::is_same_v<T, TypedText>) {
                return r.text;
            } else if constexpr (std::is_same_v<T, TypedNumber>) {
                return number_text(r.value);
            } else {
                std::vector<std::string> ids;
                for (auto i : r.options)
                    ids.push_back("option-" + std::to_string(i));
                return join(ids, "[,]");
            }
        },
        response.value);
}

}  // namespace waymark::xapi::detail
