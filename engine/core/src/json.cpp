#include "waymark/core/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>

#include "waymark/core/files.hpp"

namespace waymark {

const JsonValue* JsonValue::find(std::string_view key) const {
    for (const auto& m : members)
        if (m.key == key)
            return &m.value;
    return nullptr;
}

const char* to_string(JsonValue::Kind kind) {
    switch (kind) {
        case JsonValue::Kind::null:
            return "null";
        case JsonValue::Kind::boolean:
            return "true or false";
        case JsonValue::Kind::number:
            return "a number";
        case JsonValue::Kind::string:
            return "a string";
        case JsonValue::Kind::array:
            return "an array";
        case JsonValue::Kind::object:
            return "an object";
    }
    return "a value";
}

namespace {

constexpr int kMaxDepth = 128;

// Maps byte offsets to line and character column without rescanning from the start.
// Token offsets arrive in increasing order, so each lookup continues from the previous
// one: a whole document costs O(n) even when it is one long line (minified JSON).
class LineIndex {
  public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n')
                starts_.push_back(i + 1);
    }
    TextPosition at(std::size_t offset) const {
        offset = std::min(offset, text_.size());
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
        if (*it != last_line_start_ || offset < last_offset_) {
            last_line_start_ = *it;
            last_offset_ = *it;
            last_column_ = 1;
        }
        for (std::size_t i = last_offset_; i < offset; ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
                ++last_column_;
        last_offset_ = offset;
        return TextPosition{static_cast<int>(it - starts_.begin()) + 1, last_column_};
    }

  private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
    mutable std::size_t last_line_start_ = 0;
    mutable std::size_t last_offset_ = 0;
    mutable int last_column_ = 1;
};

// Builds the JsonValue tree from RapidJSON's SAX events. Each event arrives just after
// its token was consumed, so the start of the token is found by looking back.
class TreeBuilder {
  public:
    TreeBuilder(std::string_view text, const rapidjson::MemoryStream& stream)
        : text_(text), index_(text), stream_(stream) {}

    bool Null() { return add(JsonValue::Kind::null, scalar_start()); }
    bool Bool(bool b) {
        JsonValue* v = add_value(JsonValue::Kind::boolean, scalar_start());
        if (v)
            v->boolean = b;
        return v != nullptr;
    }
    bool Int(int i) { return integer(i); }
    bool Uint(unsigned u) { return integer(u); }
    bool Int64(std::int64_t i) { return integer(i); }
    bool Uint64(std::uint64_t u) {
        JsonValue* v = add_value(JsonValue::Kind::number, scalar_start());
        if (v)
            v->number = static_cast<double>(u);
        return v != nullptr;
    }
    bool Double(double d) {
        JsonValue* v = add_value(JsonValue::Kind::number, scalar_start());
        if (v)
            v->number = d;
        return v != nullptr;
    }
    bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }
    bool String(const char* s, rapidjson::SizeType len, bool) {
        JsonValue* v = add_value(JsonValue::Kind::string, string_start());
        if (v)
            v->string.assign(s, len);
        return v != nullptr;
    }
    bool StartObject() { return open(JsonValue::Kind::object); }
    bool Key(const char* s, rapidjson::SizeType len, bool) {
        JsonValue* obj = stack_.back();
        const TextPosition pos = index_.at(string_start());
        obj->members.push_back(JsonMember{std::string(s, len), pos.line, pos.column, {}});
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(JsonValue::Kind::array); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    JsonValue& root() { return root_; }
    bool too_deep() const { return too_deep_; }

  private:
    std::size_t end() const { return stream_.Tell(); }

    std::size_t scalar_start() const {
        std::size_t i = end();
        while (i > 0) {
            const char c = text_[i - 1];
            const bool token_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                    (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-';
            if (!token_char)
                break;
            --i;
        }
        return i;
    }

    // The opening quote of the string that ends just before the stream position.
    std::size_t string_start() const {
        std::size_t i = end() - 1;  // the closing quote
        while (i > 0) {
            --i;
            if (text_[i] != '"')
                continue;
            std::size_t backslashes = 0;
            for (std::size_t k = i; k > 0 && text_[k - 1] == '\\'; --k)
                ++backslashes;
            if (backslashes % 2 == 0)
                return i;
        }
        return 0;
    }

    JsonValue* add_value(JsonValue::Kind kind, std::size_t start) {
        const TextPosition pos = index_.at(start);
        JsonValue* slot;
        if (stack_.empty()) {
            slot = &root_;
        } else if (stack_.back()->kind == JsonValue::Kind::array) {
            slot = &stack_.back()->items.emplace_back();
        } else {
            slot = &stack_.back()->members.back().value;
        }
        slot->kind = kind;
        slot->line = pos.line;
        slot->column = pos.column;
        return slot;
    }
    bool add(JsonValue::Kind kind, std::size_t start) { return add_value(kind, start) != nullptr; }

    template <typename I>
    bool integer(I i) {
        JsonValue* v = add_value(JsonValue::Kind::number, scalar_start());
        v->number = static_cast<double>(i);
        v->integer = static_cast<std::int64_t>(i);
        const std::size_t s = scalar_start(), e = end();
        const std::string_view raw = text_.substr(s, e - s);
        v->is_integer = raw.find_first_of(".eE") == std::string_view::npos;
        return true;
    }

    bool open(JsonValue::Kind kind) {
        if (static_cast<int>(stack_.size()) >= kMaxDepth) {
            too_deep_ = true;
            return false;
        }
        // In iterative mode RapidJSON calls StartObject/StartArray before it takes the
        // bracket, so the stream is still at it.
        stack_.push_back(add_value(kind, end()));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    std::string_view text_;
    LineIndex index_;
    const rapidjson::MemoryStream& stream_;
    JsonValue root_;
    std::vector<JsonValue*> stack_;
    bool too_deep_ = false;
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text, std::string_view file) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    TreeBuilder builder(text, stream);
    rapidjson::Reader reader;
    constexpr unsigned flags = rapidjson::kParseIterativeFlag |
                               rapidjson::kParseValidateEncodingFlag |
                               rapidjson::kParseStopWhenDoneFlag;
    const rapidjson::ParseResult ok = reader.Parse<flags>(stream, builder);
    auto where = [&](std::size_t offset) {
        const TextPosition pos = LineIndex(text).at(std::min(offset, text.size()));
        return std::string(file) + ":" + std::to_string(pos.line) + ":" +
               std::to_string(pos.column);
    };
    if (!ok) {
        if (builder.too_deep())
            return make_error(ErrorCode::limit,
                              "JSON nested more than " + std::to_string(kMaxDepth) + " levels deep",
                              where(ok.Offset()));
        std::string message = rapidjson::GetParseError_En(ok.Code());
        if (!message.empty() && message.back() == '.')
            message.pop_back();
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        return make_error(ErrorCode::parse, "invalid JSON: " + message, where(ok.Offset()));
    }
    // kParseStopWhenDoneFlag lets us report trailing content ourselves, with its place.
    std::size_t rest = stream.Tell();
    while (rest < text.size() &&
           (text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\r' || text[rest] == '\t'))
        ++rest;
    if (rest < text.size())
        return make_error(ErrorCode::parse,
                          "invalid JSON: more text after the end of the document (a missing "
                          "comma or an extra closing brace?)",
                          where(rest));
    return std::move(builder.root());
}

}  // namespace waymark
