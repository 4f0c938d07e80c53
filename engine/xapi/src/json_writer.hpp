// The JSON writer every statement is written with: RapidJSON's compact writer, plus the
// few shapes xAPI repeats (language maps, number text).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace waymark::xapi::detail {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void key(JsonWriter& w, std::string_view k) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

inline void text(JsonWriter& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

inline void member(JsonWriter& w, std::string_view k, std::string_view v) {
    key(w, k);
    text(w, v);
}

// {"en-GB": "text"}
inline void language_map(JsonWriter& w, std::string_view k, std::string_view language,
                         std::string_view value) {
    key(w, k);
    w.StartObject();
    member(w, language, value);
    w.EndObject();
}

// The shortest text that reads back as `value` ("0.5", "12", "1e-07").
std::string number_text(double value);

}  // namespace waymark::xapi::detail
