// waymark/core/json.hpp: a JSON document that remembers where each value came from.
//
// Course files are written by hand, so every problem must point at a line and column.
// parse_json() builds a small tree in which each value and each object key carries its
// 1-based line and column (columns count characters, not bytes). Parsing is RapidJSON's
// (iterative, UTF-8 validated); nesting deeper than 128 levels is refused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark {

struct JsonMember;

struct JsonValue {
    enum class Kind { null, boolean, number, string, array, object };

    Kind kind = Kind::null;
    int line = 0;
    int column = 0;
    bool boolean = false;
    double number = 0;
    bool is_integer = false;   // the number was written without fraction or exponent
    std::int64_t integer = 0;  // valid when is_integer
    std::string string;
    std::vector<JsonValue> items;     // array elements
    std::vector<JsonMember> members;  // object members in source order, duplicates kept

    // The first member with this key, or nullptr.
    const JsonValue* find(std::string_view key) const;
    bool is(Kind k) const { return kind == k; }
};

struct JsonMember {
    std::string key;
    int line = 0;
    int column = 0;
    JsonValue value;
};

// "object", "array", "string", ...: for messages like "expected a string, found an array".
const char* to_string(JsonValue::Kind kind);

// Parses one JSON document. On failure the Error's `where` is "file:line:col".
Result<JsonValue> parse_json(std::string_view text, std::string_view file);

}  // namespace waymark
