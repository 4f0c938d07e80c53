#include "waymark/ledger/events.hpp"

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cereal/archives/json.hpp>
#include <sstream>

#include "payload_reader.hpp"

namespace waymark::ledger {

namespace {

constexpr std::array<const char*, 15> kTypeNames = {
    "learner-enrolled",         "session-started",  "session-ended",          "page-viewed",
    "knowledge-check-answered", "attempt-started",  "answer-saved",           "attempt-submitted",
    "attempt-scored",           "course-completed", "certificate-issued",     "learner-erased",
    "settings-changed",         "learner-updated",  "manager-passphrase-set",
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
    // Parsed straight into the writer, without building a document: the same output,
    // since both see every value (duplicate keys included) in order.
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    rapidjson::MemoryStream bytes(json.data(), json.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
    rapidjson::Reader reader;
    reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(in,
                                                                                         writer);
    if (reader.HasParseError())
        return make_error(ErrorCode::parse,
                          std::string("the event payload is not valid JSON (") +
                              rapidjson::GetParseError_En(reader.GetParseErrorCode()) +
                              " at byte " + std::to_string(reader.GetErrorOffset()) + ")");
    if (buffer.GetSize() == 0 || buffer.GetString()[0] != '{')
        return make_error(ErrorCode::parse, "the event payload must be a JSON object");
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

std::string write_payload(EventType type, const IdentityCommitment& e) {
    return write_as(type, e);
}
std::string write_payload(const ManagerPassphraseSet& e) {
    return write_as(EventType::manager_passphrase_set, e);
}

// Each reads the fields its serialize() above writes, by the same names.
Result<PageViewed> read_page_viewed(std::string_view payload) {
    PayloadReader r(payload, to_string(EventType::page_viewed));
    PageViewed e{r.string("page_id"), r.integer("module_index"), r.integer("page_index"),
                 r.integer("pages_total")};
    if (!r.ok())
        return r.error();
    return e;
}
Result<CourseCompleted> read_course_completed(std::string_view payload) {
    PayloadReader r(payload, to_string(EventType::course_completed));
    CourseCompleted e{r.string("attempt_id"), r.number("score"), r.integer("refresher_months")};
    if (!r.ok())
        return r.error();
    return e;
}
Result<CertificateIssued> read_certificate_issued(std::string_view payload) {
    PayloadReader r(payload, to_string(EventType::certificate_issued));
    CertificateIssued e{r.string("completion_event_id"), r.string("code")};
    if (!r.ok())
        return r.error();
    return e;
}
Result<SettingChanged> read_setting_changed(std::string_view payload) {
    PayloadReader r(payload, to_string(EventType::settings_changed));
    SettingChanged e{r.string("key"), r.string("value")};
    if (!r.ok())
        return r.error();
    return e;
}

Result<IdentityCommitment> read_identity_commitment(EventType type, std::string_view payload) {
    PayloadReader r(payload, to_string(type));
    IdentityCommitment e{r.string("commitment")};
    if (!r.ok())
        return r.error();
    return e;
}
Result<ManagerPassphraseSet> read_manager_passphrase_set(std::string_view payload) {
    PayloadReader r(payload, to_string(EventType::manager_passphrase_set));
    ManagerPassphraseSet e{r.string("argon2id")};
    if (!r.ok())
        return r.error();
    return e;
}

}  // namespace waymark::ledger
