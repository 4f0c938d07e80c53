#include "waymark/ledger/events.hpp"

// payload_reader.hpp before RapidJSON: it has cereal make RapidJSON's assertions throw.
#include "payload_reader.hpp"
#include "waymark/core/files.hpp"
// clang-format off
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
// clang-format on

#include <array>
#include <cereal/archives/json.hpp>
#include <sstream>

namespace waymark::ledger {

namespace {

constexpr std::array<const char*, 17> kTypeNames = {
    "learner-enrolled",         "session-started",  "session-ended",          "page-viewed",
    "knowledge-check-answered", "attempt-started",  "answer-saved",           "attempt-submitted",
    "attempt-scored",           "course-completed", "certificate-issued",     "learner-erased",
    "settings-changed",         "learner-updated",  "manager-passphrase-set", "learner-pin-set",
    "answer-cleared",
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
    // The encoding is checked over the whole text first, which is several times faster
    // than RapidJSON's check character by character (bytes outside strings must be ASCII
    // JSON anyway, so the two refuse the same payloads).
    if (std::size_t bad = 0; !valid_utf8(json, &bad))
        return make_error(ErrorCode::parse,
                          "the event payload is not valid JSON (it is not valid UTF-8 at byte " +
                              std::to_string(bad) + ")");
    // Parsed straight into the writer, without building a document: the same output,
    // since both see every value (duplicate keys included) in order. The reader's and
    // the writer's stacks and the output buffer are kept for the thread's next payload
    // (up to kKeptBytes), instead of three allocations or more for every event.
    constexpr std::size_t kKeptBytes = 64 * 1024;
    struct Canonicaliser {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
        rapidjson::Reader reader;
    };
    thread_local Canonicaliser c;
    rapidjson::StringBuffer& buffer = c.buffer;
    buffer.Clear();
    c.writer.Reset(buffer);
    rapidjson::MemoryStream bytes(json.data(), json.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
    rapidjson::Reader& reader = c.reader;
    reader.Parse<rapidjson::kParseIterativeFlag>(in, c.writer);
    if (reader.HasParseError())
        return make_error(ErrorCode::parse,
                          std::string("the event payload is not valid JSON (") +
                              rapidjson::GetParseError_En(reader.GetParseErrorCode()) +
                              " at byte " + std::to_string(reader.GetErrorOffset()) + ")");
    if (buffer.GetSize() == 0 || buffer.GetString()[0] != '{')
        return make_error(ErrorCode::parse, "the event payload must be a JSON object");
    std::string out(buffer.GetString(), buffer.GetSize());
    if (buffer.GetSize() > kKeptBytes) {
        buffer.Clear();
        buffer.ShrinkToFit();
    }
    return out;
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
std::string write_payload(const LearnerPinSet& e) {
    return write_as(EventType::learner_pin_set, e);
}

// Each reads through its type's serialize() (events.hpp).
Result<PageViewed> read_page_viewed(std::string_view payload) {
    return read_payload<PageViewed>(EventType::page_viewed, payload);
}
Result<CourseCompleted> read_course_completed(std::string_view payload) {
    return read_payload<CourseCompleted>(EventType::course_completed, payload);
}
Result<CertificateIssued> read_certificate_issued(std::string_view payload) {
    return read_payload<CertificateIssued>(EventType::certificate_issued, payload);
}
Result<SettingChanged> read_setting_changed(std::string_view payload) {
    return read_payload<SettingChanged>(EventType::settings_changed, payload);
}
Result<IdentityCommitment> read_identity_commitment(EventType type, std::string_view payload) {
    return read_payload<IdentityCommitment>(type, payload);
}
Result<ManagerPassphraseSet> read_manager_passphrase_set(std::string_view payload) {
    return read_payload<ManagerPassphraseSet>(EventType::manager_passphrase_set, payload);
}
Result<LearnerPinSet> read_learner_pin_set(std::string_view payload) {
    return read_payload<LearnerPinSet>(EventType::learner_pin_set, payload);
}

}  // namespace waymark::ledger
