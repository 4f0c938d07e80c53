#include "waymark/ledger/events.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cereal/archives/json.hpp>
#include <sstream>

namespace waymark::ledger {

namespace {

constexpr std::array<const char*, 13> kTypeNames = {
    "learner-enrolled",         "session-started",  "session-ended",      "page-viewed",
    "knowledge-check-answered", "attempt-started",  "answer-saved",       "attempt-submitted",
    "attempt-scored",           "course-completed", "certificate-issued", "learner-erased",
    "settings-changed",
};

template <typename T>
std::string write_as(EventType type, const T& event) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive ar(out, cereal::JSONOutputArchive::Options::NoIndent());
        ar(cereal::make_nvp("type", std::string(to_string(type))));
        ar(cereal::make_nvp("event", event));
    }
    // cereal's own output is always well-formed JSON, so this cannot fail.
    return canonical_json(out.str()).value();
}

template <typename T>
Result<T> read_as(EventType type, std::string_view payload) {
    // cereal reports malformed input by throwing; here that becomes an Error.
    try {
        std::istringstream in{std::string(payload)};
        cereal::JSONInputArchive ar(in);
        std::string found;
        ar(cereal::make_nvp("type", found));
        if (found != to_string(type))
            return make_error(ErrorCode::parse, "expected a " + std::string(to_string(type)) +
                                                    " event, found \"" + found + "\"");
        T event;
        ar(cereal::make_nvp("event", event));
        return event;
    } catch (const std::exception& e) {
        return make_error(ErrorCode::parse, "the " + std::string(to_string(type)) +
                                                " event is not readable (" + e.what() +
                                                "); verify the ledger's chain");
    }
}

}  // namespace

const char* to_string(EventType type) {
    return kTypeNames.at(static_cast<std::size_t>(type));
}

std::optional<EventType> parse_event_type(std::string_view text) {
    for (std::size_t i = 0; i < kTypeNames.size(); ++i)
        if (text == kTypeNames[i])
            return static_cast<EventType>(i);
    return std::nullopt;
}

Result<std::string> canonical_json(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(json.data(),
                                                                                      json.size());
    if (doc.HasParseError())
        return make_error(ErrorCode::parse, std::string("the event payload is not valid JSON (") +
                                                rapidjson::GetParseError_En(doc.GetParseError()) +
                                                " at byte " + std::to_string(doc.GetErrorOffset()) +
                                                ")");
    if (!doc.IsObject())
        return make_error(ErrorCode::parse, "the event payload must be a JSON object");
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string write_payload(EventType type, const NoFields& e) {
    return write_as(type, e);
}
std::string write_payload(const PageViewed& e) {
    return write_as(EventType::page_viewed, e);
}
std::string write_payload(const CourseCompleted& e) {
    return write_as(EventType::course_completed, e);
}
std::string write_payload(const CertificateIssued& e) {
    return write_as(EventType::certificate_issued, e);
}
std::string write_payload(const SettingChanged& e) {
    return write_as(EventType::settings_changed, e);
}

Result<PageViewed> read_page_viewed(std::string_view payload) {
    return read_as<PageViewed>(EventType::page_viewed, payload);
}
Result<CourseCompleted> read_course_completed(std::string_view payload) {
    return read_as<CourseCompleted>(EventType::course_completed, payload);
}
Result<CertificateIssued> read_certificate_issued(std::string_view payload) {
    return read_as<CertificateIssued>(EventType::certificate_issued, payload);
}
Result<SettingChanged> read_setting_changed(std::string_view payload) {
    return read_as<SettingChanged>(EventType::settings_changed, payload);
}

}  // namespace waymark::ledger
