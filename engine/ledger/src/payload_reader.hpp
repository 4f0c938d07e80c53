// Reads the fields of an event payload straight from memory.
//
// Payloads are written by cereal (events.hpp, the assessment module's event_json.hpp)
// as {"type": ..., "event": {"cereal_class_version": n, ...}}. Reading them back through
// cereal's stream reader costs a std::istream call per character, and the projector
// reads one payload per event it replays, so the readers the ledger uses on that path
// parse with RapidJSON from the bytes in place and take fields by the names serialize()
// gives them, with cereal's rules: the root and "event" are objects, "type" is the
// expected one, "cereal_class_version" is present, every field asked for is present with
// its type (an int must fit an int), and fields nobody asks for are ignored.
// Nothing throws; a payload of any size, nesting or encoding gives a value or an Error.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"

namespace waymark::ledger {

class PayloadReader {
  public:
    // Parses `payload`, which must be a `type` event; check ok() or error() after.
    PayloadReader(std::string_view payload, std::string_view type);
    PayloadReader(const PayloadReader&) = delete;
    PayloadReader& operator=(const PayloadReader&) = delete;

    // Each reads a field of the current object ("event" at first). After the first
    // field that is missing or of the wrong type they return empty values and ok()
    // stays false, so a reader can take all its fields and check once.
    std::string string(const char* key);
    std::string_view view(const char* key);  // valid while the reader lives
    int integer(const char* key);
    double number(const char* key);
    bool boolean(const char* key);
    // Makes the object `key` of the current object the current one (with its
    // cereal_class_version checked like "event"'s).
    void enter(const char* key);

    bool ok() const { return problem_.empty(); }
    // ErrorCode::parse: "the page-viewed event is not readable (...); verify the ledger".
    Error error() const;

  private:
    const rapidjson::Value* field(const char* key, bool (rapidjson::Value::*is)() const,
                                  const char* expected);
    void fail(std::string problem);

    // Small payloads are parsed without touching the heap.
    std::array<char, 4096> value_buffer_;
    std::array<char, 1024> parse_buffer_;
    rapidjson::MemoryPoolAllocator<> value_allocator_;
    rapidjson::MemoryPoolAllocator<> parse_allocator_;
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>,
                               rapidjson::MemoryPoolAllocator<>>
        document_;
    const rapidjson::Value* current_ = nullptr;
    std::string_view type_;
    std::string problem_;
};

}  // namespace waymark::ledger
