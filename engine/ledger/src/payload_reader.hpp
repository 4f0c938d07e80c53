// Reads event payloads from memory through each payload type's own serialize().
//
// Payloads are written by cereal (events.hpp, the assessment module's attempt_events.hpp)
// as {"type": ..., "event": {"cereal_class_version": n, ...}}. A type's versioned
// serialize() is the one description of its shape, for writing and for reading: a field
// added in version N is read only from payloads of version N or later, and a payload of
// a version newer than the type's CEREAL_CLASS_VERSION is refused (serialized_fields.hpp,
// refuse_newer_version). cereal's own JSON reader parses through a std::istream a few
// bytes at a time, and the projector reads one payload per event it appends or replays,
// so PayloadArchive is a cereal input archive over RapidJSON parsed from the bytes in
// place. It follows cereal's JSON rules (fields by name, in any order; fields nobody asks
// for ignored; "cereal_class_version" required the first time a type is read) and is
// stricter about types: a value must be of its field's JSON type and fit it (an int
// field takes no 3.5, no true and no 2^32).
// Nothing throws out of read_payload(); a payload of any size, nesting or encoding gives
// a value or an Error.
#pragma once

// cereal's JSON header first: it makes RapidJSON's assertions throw, in every file that
// reads payloads.
#include <cereal/archives/json.hpp>
// clang-format off
#include <rapidjson/document.h>
// clang-format on

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "waymark/assessment/serialized_fields.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/events.hpp"

namespace waymark::ledger {

class PayloadArchive : public cereal::InputArchive<PayloadArchive>,
                       public cereal::traits::TextArchive {
  public:
    // Reads the members of `root`, a JSON object.
    explicit PayloadArchive(const rapidjson::Value& root);

    // cereal's calls: the name of the next field, entering and leaving an object or array,
    // the length of the array just entered, and one value.
    void setNextName(const char* name) { next_name_ = name; }
    void startNode();
    void finishNode();
    void loadSize(cereal::size_type& size);
    void loadValue(std::string& value);
    void loadValue(bool& value);
    template <class T>
    requires std::is_arithmetic_v<T>
    void loadValue(T& value);

  private:
    struct Level {
        const rapidjson::Value* node;  // an object or an array
        rapidjson::SizeType index;     // of the next member or element
    };
    // The value the next name (or, with none, the next position) points at; moves past it.
    const rapidjson::Value& take();
    [[noreturn]] void not_a(const char* expected) const;

    // Payloads nest a few levels (event, result, questions, a question, its feedback);
    // a fixed stack keeps reading off the heap.
    std::array<Level, 16> levels_{};
    std::size_t depth_ = 0;
    const char* next_name_ = nullptr;
    const char* taken_name_ = "";  // for messages
};

template <class T>
requires std::is_arithmetic_v<T>
void PayloadArchive::loadValue(T& value) {
    const rapidjson::Value& v = take();
    if constexpr (std::is_floating_point_v<T>) {
        if (!v.IsNumber())
            not_a("a number");
        value = static_cast<T>(v.GetDouble());
    } else if constexpr (std::is_signed_v<T>) {
        if (!v.IsInt64() || !std::in_range<T>(v.GetInt64()))
            not_a("a whole number that fits");
        value = static_cast<T>(v.GetInt64());
    } else {
        if (!v.IsUint64() || !std::in_range<T>(v.GetUint64()))
            not_a("a whole number that fits");
        value = static_cast<T>(v.GetUint64());
    }
}

using ParsedPayload =
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>,
                               rapidjson::MemoryPoolAllocator<>>;

// A document for one payload whose values and parse stack live in buffers of its own, so
// a small payload is parsed without touching the heap.
class SmallDocument {
  public:
    SmallDocument();
    SmallDocument(const SmallDocument&) = delete;
    SmallDocument& operator=(const SmallDocument&) = delete;

    ParsedPayload& document() { return document_; }
    const ParsedPayload& document() const { return document_; }

  private:
    std::array<char, 4096> value_buffer_;
    std::array<char, 1024> parse_buffer_;
    rapidjson::MemoryPoolAllocator<> value_allocator_;
    rapidjson::MemoryPoolAllocator<> parse_allocator_;
    ParsedPayload document_;
};

// Why `root` is not a payload of event `type` ("not a JSON object", "\"type\" is
// missing", ...), or "" when it is one.
std::string problem_with_root(const rapidjson::Value& root, std::string_view type);

// A JSON document parsed from a payload, with the root and "type" checked.
class PayloadDocument {
  public:
    // Parses `payload`, which must be a `type` event; check ok() or error() after.
    PayloadDocument(std::string_view payload, std::string_view type);
    PayloadDocument(const PayloadDocument&) = delete;
    PayloadDocument& operator=(const PayloadDocument&) = delete;

    bool ok() const { return problem_.empty(); }
    const rapidjson::Value& root() const { return parsed_.document(); }

    // ErrorCode::parse: "the page-viewed event is not readable (...); verify the ledger".
    Error error() const;
    // `problem` as error() words it.
    Error error(const std::string& problem) const;
    // ErrorCode::invalid: the payload is of a newer version than this build reads.
    Error newer_version_error(const std::string& problem) const;

  private:
    // The payload, copied and parsed in place (its strings point into the copy); small
    // payloads are parsed without touching the heap.
    std::array<char, 2048> text_buffer_;
    std::string large_text_;
    SmallDocument parsed_;
    std::string_view type_;
    std::string problem_;
};

// Reads `payload`, which must be a `type` event, through T's serialize().
template <class T>
Result<T> read_payload(std::string_view type, std::string_view payload) {
    PayloadDocument document(payload, type);
    if (!document.ok())
        return document.error();
    try {
        PayloadArchive archive(document.root());
        T event;
        archive(cereal::make_nvp("event", event));
        return event;
    } catch (const assessment::NewerVersion& e) {
        return document.newer_version_error(e.what());
    } catch (const std::exception& e) {
        return document.error(e.what());
    }
}

template <class T>
Result<T> read_payload(EventType type, std::string_view payload) {
    return read_payload<T>(to_string(type), payload);
}

// cereal's NVP, size, string and number plumbing, as its JSON archive has it.
template <class T>
void prologue(PayloadArchive&, const cereal::NameValuePair<T>&) {}
template <class T>
void epilogue(PayloadArchive&, const cereal::NameValuePair<T>&) {}
template <class T>
void prologue(PayloadArchive&, const cereal::SizeTag<T>&) {}
template <class T>
void epilogue(PayloadArchive&, const cereal::SizeTag<T>&) {}
template <class T>
requires std::is_arithmetic_v<T>
void prologue(PayloadArchive&, const T&) {}
template <class T>
requires std::is_arithmetic_v<T>
void epilogue(PayloadArchive&, const T&) {}
inline void prologue(PayloadArchive&, const std::string&) {}
inline void epilogue(PayloadArchive&, const std::string&) {}

// Objects and arrays start a node; minimal types (a time, a seed) are one value.
template <class T,
          cereal::traits::EnableIf<
              !std::is_arithmetic_v<T>,
              !cereal::traits::has_minimal_base_class_serialization<
                  T, cereal::traits::has_minimal_input_serialization, PayloadArchive>::value,
              !cereal::traits::has_minimal_input_serialization<T, PayloadArchive>::value> =
              cereal::traits::sfinae>
void prologue(PayloadArchive& ar, const T&) {
    ar.startNode();
}
template <class T,
          cereal::traits::EnableIf<
              !std::is_arithmetic_v<T>,
              !cereal::traits::has_minimal_base_class_serialization<
                  T, cereal::traits::has_minimal_input_serialization, PayloadArchive>::value,
              !cereal::traits::has_minimal_input_serialization<T, PayloadArchive>::value> =
              cereal::traits::sfinae>
void epilogue(PayloadArchive& ar, const T&) {
    ar.finishNode();
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(PayloadArchive& ar, cereal::NameValuePair<T>& field) {
    ar.setNextName(field.name);
    ar(field.value);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(PayloadArchive& ar, cereal::SizeTag<T>& size) {
    ar.loadSize(size.size);
}
template <class T>
requires std::is_arithmetic_v<T>
void CEREAL_LOAD_FUNCTION_NAME(PayloadArchive& ar, T& value) {
    ar.loadValue(value);
}
inline void CEREAL_LOAD_FUNCTION_NAME(PayloadArchive& ar, std::string& value) {
    ar.loadValue(value);
}

}  // namespace waymark::ledger

// A minimal type (load_minimal) is read as the type its save_minimal writes to JSON.
namespace cereal::traits::detail {
template <>
struct get_output_from_input<waymark::ledger::PayloadArchive> {
    using type = cereal::JSONOutputArchive;
};
}  // namespace cereal::traits::detail
