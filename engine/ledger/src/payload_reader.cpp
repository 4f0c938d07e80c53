#include "payload_reader.hpp"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstring>

#include "waymark/core/files.hpp"

namespace waymark::ledger {

PayloadArchive::PayloadArchive(const rapidjson::Value& root) : InputArchive(this) {
    levels_[0] = Level{&root, 0};
    depth_ = 1;
}

const rapidjson::Value& PayloadArchive::take() {
    Level& level = levels_[depth_ - 1];
    const char* name = next_name_;
    next_name_ = nullptr;
    if (name) {
        taken_name_ = name;
        if (!level.node->IsObject())
            throw cereal::Exception(std::string("\"") + name + "\" is missing");
        // In the order written, cereal's way, or else by name.
        const auto members = level.node->MemberBegin();
        const bool next_is_it = level.index < level.node->MemberCount() &&
                                std::strcmp(members[level.index].name.GetString(), name) == 0;
        if (!next_is_it) {
            const auto it = level.node->FindMember(name);
            if (it == level.node->MemberEnd())
                throw cereal::Exception(std::string("\"") + name + "\" is missing");
            level.index = static_cast<rapidjson::SizeType>(it - members);
        }
        return members[level.index++].value;
    }
    if (!level.node->IsArray() || level.index >= level.node->Size())
        throw cereal::Exception(std::string("\"") + taken_name_ +
                                "\" has fewer items than expected");
    return (*level.node)[level.index++];
}

void PayloadArchive::not_a(const char* expected) const {
    throw cereal::Exception(std::string("\"") + taken_name_ + "\" is not " + expected);
}

void PayloadArchive::startNode() {
    const rapidjson::Value& v = take();
    if (!v.IsObject() && !v.IsArray())
        not_a("an object or a list");
    if (depth_ == levels_.size())
        throw cereal::Exception("it is nested more deeply than any event");
    levels_[depth_++] = Level{&v, 0};
}

void PayloadArchive::finishNode() {
    --depth_;
}

void PayloadArchive::loadSize(cereal::size_type& size) {
    const Level& level = levels_[depth_ - 1];
    if (!level.node->IsArray())
        not_a("a list");
    size = level.node->Size();
}

void PayloadArchive::loadValue(std::string& value) {
    const rapidjson::Value& v = take();
    if (!v.IsString())
        not_a("a string");
    value.assign(v.GetString(), v.GetStringLength());
}

void PayloadArchive::loadValue(bool& value) {
    const rapidjson::Value& v = take();
    if (!v.IsBool())
        not_a("true or false");
    value = v.GetBool();
}

namespace {

// What one look at every byte of a payload tells: whether all are ASCII (which is valid
// UTF-8: only other bytes need the full check), whether any is NUL (which JSON never
// holds, and where the in-place parse below would stop as if the text ended there), and
// how many objects and arrays open, which bounds how deeply they nest.
struct Shape {
    bool ascii = true;
    bool nul = false;
    std::size_t opens = 0;
};

Shape shape_of(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    unsigned char high = 0;
    bool nul = false;
    std::size_t opens = 0;
    // Counted in blocks of bytes, which a byte cannot overflow: the compiler then
    // compares 16 or 32 bytes an instruction.
    constexpr std::size_t kBlock = 128;
    for (std::size_t at = 0; at < text.size(); at += kBlock) {
        const std::size_t end = std::min(text.size(), at + kBlock);
        unsigned char in_block = 0;
        unsigned char nul_in_block = 0;
        for (std::size_t i = at; i < end; ++i) {
            high |= bytes[i];
            nul_in_block |= static_cast<unsigned char>(bytes[i] == 0);
            in_block += static_cast<unsigned char>((bytes[i] == '{') + (bytes[i] == '['));
        }
        opens += in_block;
        nul = nul || nul_in_block != 0;
    }
    return Shape{high < 0x80, nul, opens};
}

// RapidJSON's recursive parser takes about a fifth fewer instructions than its iterative
// one on an event's payload, and a few stack frames for each level of nesting: safe for
// payloads of up to this many objects and arrays.
constexpr std::size_t kRecursiveOpens = 64;

}  // namespace

SmallDocument::SmallDocument()
    : value_allocator_(value_buffer_.data(), value_buffer_.size()),
      parse_allocator_(parse_buffer_.data(), parse_buffer_.size()),
      // The parse stack starts at half its buffer: the pool's header takes a few bytes
      // of it, and a stack as large as the buffer took a 64 KiB block from the heap for
      // every payload.
      document_(&value_allocator_, parse_buffer_.size() / 2, &parse_allocator_) {}

std::string problem_with_root(const rapidjson::Value& root, std::string_view type) {
    if (!root.IsObject())
        return "not a JSON object";
    const auto found = root.FindMember("type");
    if (found == root.MemberEnd())
        return "\"type\" is missing";
    if (!found->value.IsString())
        return "\"type\" is not a string";
    const std::string_view name(found->value.GetString(), found->value.GetStringLength());
    if (name != type)
        return "it is a \"" + std::string(name) + "\" event";
    return "";
}

PayloadDocument::PayloadDocument(std::string_view payload, std::string_view type) : type_(type) {
    ParsedPayload& document = parsed_.document();
    const Shape shape = shape_of(payload);
    if (shape.nul) {
        problem_ = "not JSON: a NUL byte at byte " + std::to_string(payload.find('\0'));
        return;
    }
    if (std::size_t bad = 0; !shape.ascii && !valid_utf8(payload, &bad)) {
        problem_ = "not valid UTF-8 at byte " + std::to_string(bad);
        return;
    }
    // In place, from a copy ending in the terminator RapidJSON's in-place stream stops
    // at: no string is copied again, and nothing past the payload is read.
    char* text = text_buffer_.data();
    if (payload.size() >= text_buffer_.size()) {
        large_text_.assign(payload);
        text = large_text_.data();
    } else {
        std::memcpy(text, payload.data(), payload.size());
        text[payload.size()] = '\0';
    }
    // A hostile payload nested a million levels deep cannot exhaust the stack: past
    // kRecursiveOpens, the iterative parser.
    if (shape.opens <= kRecursiveOpens)
        document.ParseInsitu<rapidjson::kParseNoFlags>(text);
    else
        document.ParseInsitu<rapidjson::kParseIterativeFlag>(text);
    if (document.HasParseError()) {
        problem_ = std::string("not JSON: ") +
                   rapidjson::GetParseError_En(document.GetParseError()) + " at byte " +
                   std::to_string(document.GetErrorOffset());
        return;
    }
    // Through root(), a const reference: RapidJSON's mutable member iterators compare
    // ambiguously under C++20's reversed operators (clang's -Wambiguous-reversed-operator).
    problem_ = problem_with_root(root(), type);
}

Error PayloadDocument::error() const {
    return error(problem_);
}

Error PayloadDocument::error(const std::string& problem) const {
    return make_error(ErrorCode::parse, "the " + std::string(type_) + " event is not readable (" +
                                            problem + "); verify the ledger's chain");
}

Error PayloadDocument::newer_version_error(const std::string& problem) const {
    return make_error(ErrorCode::invalid,
                      "the " + std::string(type_) + " event " + problem +
                          ": it was recorded by a newer Waymark; upgrade Waymark to read "
                          "this ledger");
}

}  // namespace waymark::ledger
