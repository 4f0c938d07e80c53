// waymark/core/json_reader.hpp: reading hand-written JSON objects field by field.
//
// A JsonObjectReader takes the fields of one object by name and type, and reports in
// Diagnostics (with line and column) every field that has the wrong type, a required
// field that is missing, and, when finish() is called, every key nobody asked for,
// with a did-you-mean suggestion:
//     course.json:12:5: error: unknown key "pasmark" in assessment (did you mean "pass_mark"?)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/json.hpp"

namespace waymark {

class JsonObjectReader {
  public:
    // `what` names the object in messages ("assessment", "question \"q1\"").
    JsonObjectReader(const JsonValue& object, std::string file, Diagnostics& out, std::string what);

    bool is_object() const { return object_.is(JsonValue::Kind::object); }

    // Each returns true when the key was present with the right type and sets `value`;
    // false otherwise (reporting a wrong type always, a missing key when required).
    bool string(std::string_view key, std::string& value, bool required = false);
    bool number(std::string_view key, double& value, bool required = false);
    bool integer(std::string_view key, int& value, bool required = false);
    bool boolean(std::string_view key, bool& value, bool required = false);
    // nullptr when absent or of another kind (reported as above).
    const JsonValue* array(std::string_view key, bool required = false);
    const JsonValue* object(std::string_view key, bool required = false);
    // Any kind; marks the key as known.
    const JsonValue* any(std::string_view key, bool required = false);

    // Reports keys that no call above asked for, and keys given twice.
    void finish();

  private:
    const JsonValue* take(std::string_view key, JsonValue::Kind kind, bool required);

    const JsonValue& object_;
    std::string file_;
    Diagnostics& out_;
    std::string what_;
    std::vector<std::string> known_;
};

// Reports `value` as the wrong kind: "expected a string for \"title\", found an array".
void report_wrong_kind(const JsonValue& value, std::string_view key, JsonValue::Kind expected,
                       const std::string& file, Diagnostics& out);

// Levenshtein distance, for did-you-mean suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace waymark
