#include "payload_reader.hpp"

#include <rapidjson/error/en.h>

namespace waymark::ledger {

PayloadReader::PayloadReader(std::string_view payload, std::string_view type)
    : value_allocator_(value_buffer_.data(), value_buffer_.size()),
      parse_allocator_(parse_buffer_.data(), parse_buffer_.size()),
      document_(&value_allocator_, parse_buffer_.size(), &parse_allocator_),
      type_(type) {
    // Iterative: a hostile payload nested a million levels deep cannot exhaust the stack.
    document_.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(
        payload.data(), payload.size());
    if (document_.HasParseError()) {
        fail(std::string("not JSON: ") + rapidjson::GetParseError_En(document_.GetParseError()) +
             " at byte " + std::to_string(document_.GetErrorOffset()));
        return;
    }
    if (!document_.IsObject()) {
        fail("not a JSON object");
        return;
    }
    current_ = &document_;
    const std::string_view found = view("type");
    if (!ok())
        return;
    if (found != type) {
        fail("it is a \"" + std::string(found) + "\" event");
        return;
    }
    enter("event");
}

const rapidjson::Value* PayloadReader::field(const char* key, bool (rapidjson::Value::*is)() const,
                                             const char* expected) {
    if (!ok())
        return nullptr;
    const auto it = current_->FindMember(key);
    if (it == current_->MemberEnd()) {
        fail(std::string("\"") + key + "\" is missing");
        return nullptr;
    }
    if (!(it->value.*is)()) {
        fail(std::string("\"") + key + "\" is not " + expected);
        return nullptr;
    }
    return &it->value;
}

std::string_view PayloadReader::view(const char* key) {
    const auto* v = field(key, &rapidjson::Value::IsString, "a string");
    return v ? std::string_view(v->GetString(), v->GetStringLength()) : std::string_view();
}

std::string PayloadReader::string(const char* key) {
    return std::string(view(key));
}

int PayloadReader::integer(const char* key) {
    const auto* v = field(key, &rapidjson::Value::IsInt, "a whole number");
    return v ? v->GetInt() : 0;
}

double PayloadReader::number(const char* key) {
    const auto* v = field(key, &rapidjson::Value::IsNumber, "a number");
    return v ? v->GetDouble() : 0;
}

bool PayloadReader::boolean(const char* key) {
    const auto* v = field(key, &rapidjson::Value::IsBool, "true or false");
    return v ? v->GetBool() : false;
}

void PayloadReader::enter(const char* key) {
    const auto* v = field(key, &rapidjson::Value::IsObject, "an object");
    if (!v)
        return;
    current_ = v;
    (void)field("cereal_class_version", &rapidjson::Value::IsUint, "a version number");
}

void PayloadReader::fail(std::string problem) {
    if (problem_.empty())
        problem_ = std::move(problem);
    current_ = nullptr;
}

Error PayloadReader::error() const {
    return make_error(ErrorCode::parse, "the " + std::string(type_) + " event is not readable (" +
                                            problem_ + "); verify the ledger's chain");
}

}  // namespace waymark::ledger
