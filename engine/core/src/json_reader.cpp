#include "waymark/core/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace waymark {

JsonObjectReader::JsonObjectReader(const JsonValue& object, std::string file, Diagnostics& out,
                                   std::string what)
    : object_(object), file_(std::move(file)), out_(out), what_(std::move(what)) {
    if (!object_.is(JsonValue::Kind::object))
        out_.error(
            file_, object_.line, object_.column,
            "expected " + what_ + " to be an object ({ ... }), found " + to_string(object_.kind));
}

void report_wrong_kind(const JsonValue& value, std::string_view key, JsonValue::Kind expected,
                       const std::string& file, Diagnostics& out) {
    out.error(file, value.line, value.column,
              "\"" + std::string(key) + "\" must be " + to_string(expected) + ", not " +
                  to_string(value.kind));
}

const JsonValue* JsonObjectReader::take(std::string_view key, JsonValue::Kind kind, bool required) {
    known_.emplace_back(key);
    if (!is_object())
        return nullptr;
    const JsonValue* v = object_.find(key);
    if (!v) {
        if (required)
            out_.error(file_, object_.line, object_.column,
                       what_ + " is missing the required key \"" + std::string(key) + "\"");
        return nullptr;
    }
    if (v->kind != kind) {
        report_wrong_kind(*v, key, kind, file_, out_);
        return nullptr;
    }
    return v;
}

bool JsonObjectReader::string(std::string_view key, std::string& value, bool required) {
    const JsonValue* v = take(key, JsonValue::Kind::string, required);
    if (v)
        value = v->string;
    return v != nullptr;
}

bool JsonObjectReader::number(std::string_view key, double& value, bool required) {
    const JsonValue* v = take(key, JsonValue::Kind::number, required);
    if (v)
        value = v->number;
    return v != nullptr;
}

bool JsonObjectReader::integer(std::string_view key, int& value, bool required) {
    const JsonValue* v = take(key, JsonValue::Kind::number, required);
    if (!v)
        return false;
    if (!v->is_integer || v->integer < std::numeric_limits<int>::min() ||
        v->integer > std::numeric_limits<int>::max()) {
        out_.error(file_, v->line, v->column,
                   "\"" + std::string(key) + "\" must be a whole number");
        return false;
    }
    value = static_cast<int>(v->integer);
    return true;
}

bool JsonObjectReader::boolean(std::string_view key, bool& value, bool required) {
    const JsonValue* v = take(key, JsonValue::Kind::boolean, required);
    if (v)
        value = v->boolean;
    return v != nullptr;
}

const JsonValue* JsonObjectReader::array(std::string_view key, bool required) {
    return take(key, JsonValue::Kind::array, required);
}

const JsonValue* JsonObjectReader::object(std::string_view key, bool required) {
    return take(key, JsonValue::Kind::object, required);
}

const JsonValue* JsonObjectReader::any(std::string_view key, bool required) {
    known_.emplace_back(key);
    if (!is_object())
        return nullptr;
    const JsonValue* v = object_.find(key);
    if (!v && required)
        out_.error(file_, object_.line, object_.column,
                   what_ + " is missing the required key \"" + std::string(key) + "\"");
    return v;
}

void JsonObjectReader::finish() {
    if (!is_object())
        return;
    std::set<std::string_view> seen;
    for (const JsonMember& m : object_.members) {
        if (!seen.insert(m.key).second) {
            out_.error(file_, m.line, m.column,
                       "\"" + m.key + "\" is given twice in " + what_ + "; keep one");
            continue;
        }
        if (std::find(known_.begin(), known_.end(), m.key) != known_.end())
            continue;
        std::string message = "unknown key \"" + m.key + "\" in " + what_;
        const std::string suggestion = closest_match(m.key, known_);
        if (!suggestion.empty())
            message += " (did you mean \"" + suggestion + "\"?)";
        out_.error(file_, m.line, m.column, message);
    }
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    // A third of the word's length (at least 2) is a typo; more is a different word.
    const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
    return best_distance <= allowed ? best : std::string();
}

}  // namespace waymark
