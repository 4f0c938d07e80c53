#include "waymark/ledger/events.hpp"

// payload_reader.hpp before RapidJSON: it has cereal make RapidJSON's assertions throw.
#include "canonical_json.hpp"
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

namespace {

// Hands each value to the canonical writer and to the document being built.
template <class Writer>
struct WrittenAndKept {
    Writer& writer;
    ParsedPayload& parsed;
    bool fractions = false;  // a number was read as a double
    using Ch = char;
    bool Null() { return writer.Null() && parsed.Null(); }
    bool Bool(bool b) { return writer.Bool(b) && parsed.Bool(b); }
    bool Int(int i) { return writer.Int(i) && parsed.Int(i); }
    bool Uint(unsigned u) { return writer.Uint(u) && parsed.Uint(u); }
    bool Int64(std::int64_t i) { return writer.Int64(i) && parsed.Int64(i); }
    bool Uint64(std::uint64_t u) { return writer.Uint64(u) && parsed.Uint64(u); }
    bool Double(double d) {
        fractions = true;
        return writer.Double(d) && parsed.Double(d);
    }
    bool RawNumber(const Ch* s, rapidjson::SizeType n, bool copy) {
        return writer.RawNumber(s, n, copy) && parsed.RawNumber(s, n, copy);
    }
    bool String(const Ch* s, rapidjson::SizeType n, bool copy) {
        return writer.String(s, n, copy) && parsed.String(s, n, copy);
    }
    bool StartObject() { return writer.StartObject() && parsed.StartObject(); }
    bool Key(const Ch* s, rapidjson::SizeType n, bool copy) {
        return writer.Key(s, n, copy) && parsed.Key(s, n, copy);
    }
    bool EndObject(rapidjson::SizeType members) {
        return writer.EndObject(members) && parsed.EndObject(members);
    }
    bool StartArray() { return writer.StartArray() && parsed.StartArray(); }
    bool EndArray(rapidjson::SizeType elements) {
        return writer.EndArray(elements) && parsed.EndArray(elements);
    }
};

// canonical_json(), and with `parsed`, canonical_json(json, parsed).
Result<std::string> canonicalise(std::string_view json, ParsedPayload* parsed) {
    // The encoding is checked over the whole text first, which is several times faster
    // than RapidJSON's check character by character (bytes outside strings must be ASCII
    // JSON anyway, so the two refuse the same payloads).
    if (std::size_t bad = 0; !valid_utf8(json, &bad))
        return make_error(ErrorCode::parse,
                          "the event payload is not valid JSON (it is not valid UTF-8 at byte " +
                              std::to_string(bad) + ")");
    // Parsed straight into the writer, not through a document: the same output, since
    // both see every value (duplicate keys included) in order. The reader's and
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
    bool fractions = false;
    if (parsed) {
        // Iterative, as below: the document is built from the same events, not by
        // recursing into the text.
        auto parse = [&](ParsedPayload& document) {
            WrittenAndKept<rapidjson::Writer<rapidjson::StringBuffer>> both{c.writer, document};
            reader.Parse<rapidjson::kParseIterativeFlag>(in, both);
            fractions = both.fractions;
            return !reader.HasParseError();
        };
        parsed->Populate(parse);
    } else {
        reader.Parse<rapidjson::kParseIterativeFlag>(in, c.writer);
    }
    if (reader.HasParseError())
        return make_error(ErrorCode::parse,
                          std::string("the event payload is not valid JSON (") +
                              rapidjson::GetParseError_En(reader.GetParseErrorCode()) +
                              " at byte " + std::to_string(reader.GetErrorOffset()) + ")");
    if (buffer.GetSize() == 0 || buffer.GetString()[0] != '{')
        return make_error(ErrorCode::parse, "the event payload must be a JSON object");
    std::string out(buffer.GetString(), buffer.GetSize());
    // Strings, whole numbers, true, false and null read back from the canonical text as
    // they were parsed; a double's canonical digits may not (RapidJSON's default parse
    // rounds some inputs to a neighbouring double), unless they are the digits given.
    if (parsed && fractions && out != json)
        parsed->SetNull();
    if (buffer.GetSize() > kKeptBytes) {
        buffer.Clear();
        buffer.ShrinkToFit();
    }
    return out;
}

}  // namespace

Result<std::string> canonical_json(std::string_view json) {
    return canonicalise(json, nullptr);
}

Result<std::string> canonical_json(std::string_view json, ParsedPayload& parsed) {
    return canonicalise(json, &parsed);
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
