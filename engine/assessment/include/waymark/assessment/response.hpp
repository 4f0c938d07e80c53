// waymark/assessment/response.hpp: what a learner answered, one shape per question type.
//
// Responses always name options by their index in the question model
// (waymark/content/question.hpp), never by where they were shown: presentation.hpp maps
// displayed positions back to model indices. A Response is plain data; whether it fits
// its question is checked by check_response() in scoring.hpp. Each type has a cereal
// serialize() so the ledger can store it inside AnswerSaved.
#pragma once

#include <cereal/cereal.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <concepts>
#include <cstddef>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace waymark::assessment {

// Single choice and true/false: the index of the chosen entry of Question::choices.
struct ChosenOption {
    std::size_t choice = 0;
    friend bool operator==(const ChosenOption&, const ChosenOption&) = default;
};

// Multiple response: the indices of every chosen entry of Question::choices, in any
// order, each at most once. An empty set is a valid answer ("none of these").
struct ChosenOptions {
    std::vector<std::size_t> choices;
    friend bool operator==(const ChosenOptions&, const ChosenOptions&) = default;
};

// Matching: prompt -> answer, both as indices into Question::pairs. The key is a pair
// with a prompt; the value is any pair (distractors included) whose answer text was
// picked. Prompts left out are unanswered and count as wrong.
struct Matches {
    std::map<std::size_t, std::size_t> matches;
    friend bool operator==(const Matches&, const Matches&) = default;
};

// Ordering: the learner's arrangement, first to last, as indices into Question::order.
// Must name every item exactly once.
struct Arrangement {
    std::vector<std::size_t> order;
    friend bool operator==(const Arrangement&, const Arrangement&) = default;
};

// Short answer: the text as typed (normalised when compared, not when stored).
struct TypedText {
    std::string text;
    friend bool operator==(const TypedText&, const TypedText&) = default;
};

// Numerical: the number the learner entered, already parsed by the player. Must be
// finite.
struct TypedNumber {
    double value = 0;
    friend bool operator==(const TypedNumber&, const TypedNumber&) = default;
};

// Scenario: the option index chosen at each step, starting at the first step and
// following each option's `next` link.
struct ScenarioPath {
    std::vector<std::size_t> options;
    friend bool operator==(const ScenarioPath&, const ScenarioPath&) = default;
};

using ResponseValue = std::variant<ChosenOption, ChosenOptions, Matches, Arrangement, TypedText,
                                   TypedNumber, ScenarioPath>;

struct Response {
    ResponseValue value;

    Response() = default;
    template <typename T>
    requires std::is_constructible_v<ResponseValue, T&&> Response(T&& v)
        : value(std::forward<T>(v)) {}  // NOLINT: implicit by design

    friend bool operator==(const Response&, const Response&) = default;
};

// "chosen-option", "chosen-options", "matches", "arrangement", "typed-text",
// "typed-number", "scenario-path": the `kind` written in the ledger.
const char* kind_name(const Response& response);

// --- cereal -------------------------------------------------------------------------

template <class Archive>
void serialize(Archive& ar, ChosenOption& r) {
    ar(cereal::make_nvp("choice", r.choice));
}
template <class Archive>
void serialize(Archive& ar, ChosenOptions& r) {
    ar(cereal::make_nvp("choices", r.choices));
}
template <class Archive>
void serialize(Archive& ar, Matches& r) {
    ar(cereal::make_nvp("matches", r.matches));
}
template <class Archive>
void serialize(Archive& ar, Arrangement& r) {
    ar(cereal::make_nvp("order", r.order));
}
template <class Archive>
void serialize(Archive& ar, TypedText& r) {
    ar(cereal::make_nvp("text", r.text));
}
template <class Archive>
void serialize(Archive& ar, TypedNumber& r) {
    ar(cereal::make_nvp("value", r.value));
}
template <class Archive>
void serialize(Archive& ar, ScenarioPath& r) {
    ar(cereal::make_nvp("options", r.options));
}

// Written as {"kind": "...", "answer": {...}} so the JSON names its shape and survives
// reordering of the variant. The parameter is deduced (same_as) rather than `const
// Response&` so that cereal does not also see these as ways to save a ChosenOption
// converted to a Response.
template <class Archive, std::same_as<Response> R>
void save(Archive& ar, const R& r, const std::uint32_t /*version*/) {
    ar(cereal::make_nvp("kind", std::string(kind_name(r))));
    std::visit([&](const auto& v) { ar(cereal::make_nvp("answer", v)); }, r.value);
}

template <typename T>
bool load_kind(const std::string& kind, const char* name, ResponseValue& out) {
    if (kind != name)
        return false;
    out = T{};
    return true;
}

template <class Archive, std::same_as<Response> R>
void load(Archive& ar, R& r, const std::uint32_t /*version*/) {
    std::string kind;
    ar(cereal::make_nvp("kind", kind));
    const bool known = load_kind<ChosenOption>(kind, "chosen-option", r.value) ||
                       load_kind<ChosenOptions>(kind, "chosen-options", r.value) ||
                       load_kind<Matches>(kind, "matches", r.value) ||
                       load_kind<Arrangement>(kind, "arrangement", r.value) ||
                       load_kind<TypedText>(kind, "typed-text", r.value) ||
                       load_kind<TypedNumber>(kind, "typed-number", r.value) ||
                       load_kind<ScenarioPath>(kind, "scenario-path", r.value);
    if (!known)
        throw cereal::Exception("unknown response kind \"" + kind + "\"");
    std::visit([&](auto& v) { ar(cereal::make_nvp("answer", v)); }, r.value);
}

}  // namespace waymark::assessment

CEREAL_CLASS_VERSION(waymark::assessment::Response, 1)
