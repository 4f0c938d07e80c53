// waymark/ledger/events.hpp: the facts the ledger records, and how each is written.
//
// Every fact is an event appended to the ledger; nothing is updated in place. An event
// names a pseudonymous learner (never a name), the exact course it concerns (id,
// version, content digest, and whether its package was trusted) and carries a payload:
// canonical JSON written through cereal, always shaped {"type": ..., "event": {...}}.
// Attempt and knowledge-check payloads are the assessment module's own events
// (waymark/assessment/event_json.hpp); the others are the small structs below.
#pragma once

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "waymark/assessment/serialized_fields.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"

namespace waymark::ledger {

enum class EventType {
    learner_enrolled,
    session_started,
    session_ended,
    page_viewed,
    knowledge_check_answered,
    attempt_started,
    answer_saved,
    attempt_submitted,
    attempt_scored,
    course_completed,
    certificate_issued,
    learner_erased,
    settings_changed,
    learner_updated,
    manager_passphrase_set,
    learner_pin_set,
    answer_cleared,  // an attempt event, listed last because it came later
};

// "learner-enrolled", "page-viewed", ... as stored in the ledger and in payloads.
const char* to_string(EventType type);
std::optional<EventType> parse_event_type(std::string_view text);

// The exact course an event concerns. Empty for events about no course (enrolment).
struct CourseRef {
    std::string id;
    std::string version;
    std::string digest;    // the package's content digest, 64 lowercase hex digits
    bool trusted = false;  // an untrusted package's completions never count as compliant
    friend bool operator==(const CourseRef&, const CourseRef&) = default;
};

// An event as the caller asks for it to be recorded.
struct NewEvent {
    std::string learner_id;  // "" for events about the device or organisation
    CourseRef course;
    EventType type = EventType::session_started;
    std::string payload;          // JSON {"type": ..., "event": {...}}; canonicalised on append
    std::optional<UtcTime> time;  // the moment it happened; now when absent
};

// An event as recorded. `position` is its place in this ledger file (1, 2, ...);
// `seq` its place in the chain of the device that first recorded it. On a ledger that
// never merged another device's events the two are equal.
struct Event {
    std::int64_t position = 0;
    std::string id;  // UUID
    std::string device_id;
    std::int64_t seq = 0;
    std::string time;  // ISO 8601 UTC, as recorded
    std::string learner_id;
    CourseRef course;
    std::string type;     // to_string(EventType), as recorded
    std::string payload;  // canonical JSON
    Sha256Digest prev_hash{};
    Sha256Digest hash{};
};

// --- payloads of the events the assessment module does not define -------------------

// learner-enrolled, session-started, session-ended, learner-erased carry no fields:
// everything about them is in the event itself.
struct NoFields {
    friend bool operator==(const NoFields&, const NoFields&) = default;
};

// The learner opened a page. `pages_total` is the number of pages in the course, so
// progress is the share of distinct pages viewed.
struct PageViewed {
    std::string page_id;   // stable within a course version, e.g. "02-contest/3"
    int module_index = 0;  // 0-based
    int page_index = 0;    // 0-based within the module
    int pages_total = 0;
    friend bool operator==(const PageViewed&, const PageViewed&) = default;
};

// The learner passed the course. Valid until the completion time plus
// `refresher_months` (0: never expires).
struct CourseCompleted {
    std::string attempt_id;
    double score = 0;  // scaled, 0..1
    int refresher_months = 0;
    friend bool operator==(const CourseCompleted&, const CourseCompleted&) = default;
};

struct CertificateIssued {
    std::string completion_event_id;  // the course-completed event it certifies
    std::string code;                 // the verification code printed on it
    friend bool operator==(const CertificateIssued&, const CertificateIssued&) = default;
};

// learner-enrolled and learner-updated bind the person's details in the learners table
// to the chain without putting them in it: `commitment` is person_commitment() (ledger.hpp)
// of the learner id, a random salt kept beside the details, and the details. Erasing the
// details and the salt leaves a commitment nobody can open, and any edit of the row
// (a name, a team, two ids swapped, an erasure undone) no longer matches it.
struct IdentityCommitment {
    std::string commitment;  // 64 lowercase hex digits
    friend bool operator==(const IdentityCommitment&, const IdentityCommitment&) = default;
};

// The manager passphrase, as libsodium's Argon2id string (salt and cost included).
struct ManagerPassphraseSet {
    std::string argon2id;
    friend bool operator==(const ManagerPassphraseSet&, const ManagerPassphraseSet&) = default;
};

// A learner's PIN, as libsodium's Argon2id string; "" when a manager reset it (the
// learner has none until they choose one). Read only by the PIN check: never exported.
struct LearnerPinSet {
    std::string argon2id;
    friend bool operator==(const LearnerPinSet&, const LearnerPinSet&) = default;
};

// A setting of one learner (text size, theme) or, with no learner, of the organisation.
struct SettingChanged {
    std::string key;
    std::string value;
    friend bool operator==(const SettingChanged&, const SettingChanged&) = default;
};

// Each serialize() is the one description of its payload's shape: the ledger writes
// and reads through it (see serialized_fields.hpp in the assessment module for the
// version rules: refuse a newer version; read a field added in version N only from
// version N on).
template <class Archive>
void serialize(Archive&, NoFields&, const std::uint32_t version) {
    assessment::refuse_newer_version<NoFields>(version);
}

template <class Archive>
void serialize(Archive& ar, PageViewed& e, const std::uint32_t version) {
    assessment::refuse_newer_version<PageViewed>(version);
    ar(cereal::make_nvp("page_id", e.page_id), cereal::make_nvp("module_index", e.module_index),
       cereal::make_nvp("page_index", e.page_index),
       cereal::make_nvp("pages_total", e.pages_total));
}

template <class Archive>
void serialize(Archive& ar, CourseCompleted& e, const std::uint32_t version) {
    assessment::refuse_newer_version<CourseCompleted>(version);
    ar(cereal::make_nvp("attempt_id", e.attempt_id), cereal::make_nvp("score", e.score),
       cereal::make_nvp("refresher_months", e.refresher_months));
}

template <class Archive>
void serialize(Archive& ar, CertificateIssued& e, const std::uint32_t version) {
    assessment::refuse_newer_version<CertificateIssued>(version);
    ar(cereal::make_nvp("completion_event_id", e.completion_event_id),
       cereal::make_nvp("code", e.code));
}

template <class Archive>
void serialize(Archive& ar, SettingChanged& e, const std::uint32_t version) {
    assessment::refuse_newer_version<SettingChanged>(version);
    ar(cereal::make_nvp("key", e.key), cereal::make_nvp("value", e.value));
}

template <class Archive>
void serialize(Archive& ar, IdentityCommitment& e, const std::uint32_t version) {
    assessment::refuse_newer_version<IdentityCommitment>(version);
    ar(cereal::make_nvp("commitment", e.commitment));
}

template <class Archive>
void serialize(Archive& ar, ManagerPassphraseSet& e, const std::uint32_t version) {
    assessment::refuse_newer_version<ManagerPassphraseSet>(version);
    ar(cereal::make_nvp("argon2id", e.argon2id));
}

template <class Archive>
void serialize(Archive& ar, LearnerPinSet& e, const std::uint32_t version) {
    assessment::refuse_newer_version<LearnerPinSet>(version);
    ar(cereal::make_nvp("argon2id", e.argon2id));
}

// The canonical payload of each struct above, for the given event type.
std::string write_payload(EventType type, const NoFields& e);
std::string write_payload(const PageViewed& e);
std::string write_payload(const CourseCompleted& e);
std::string write_payload(const CertificateIssued& e);
std::string write_payload(const SettingChanged& e);
// `type` is learner-enrolled or learner-updated.
std::string write_payload(EventType type, const IdentityCommitment& e);
std::string write_payload(const ManagerPassphraseSet& e);
std::string write_payload(const LearnerPinSet& e);

// Read a payload back through serialize() above, from memory (every replayed event goes
// through one). ErrorCode::parse, naming what was wrong, for anything that is not such
// an event (another type, a missing field, malformed JSON); ErrorCode::invalid, saying
// to upgrade Waymark, for a payload of a newer version than this build reads. Never
// throws.
Result<PageViewed> read_page_viewed(std::string_view payload);
Result<CourseCompleted> read_course_completed(std::string_view payload);
Result<CertificateIssued> read_certificate_issued(std::string_view payload);
Result<SettingChanged> read_setting_changed(std::string_view payload);
// learner-enrolled (from schema 3; earlier ones carry no fields) or learner-updated.
Result<IdentityCommitment> read_identity_commitment(EventType type, std::string_view payload);
Result<ManagerPassphraseSet> read_manager_passphrase_set(std::string_view payload);
Result<LearnerPinSet> read_learner_pin_set(std::string_view payload);

// `json` written compactly (no spaces), keys in their given order, numbers and strings
// in RapidJSON's one form; ErrorCode::parse when it is not a JSON object.
Result<std::string> canonical_json(std::string_view json);

}  // namespace waymark::ledger

CEREAL_CLASS_VERSION(waymark::ledger::NoFields, 1)
CEREAL_CLASS_VERSION(waymark::ledger::PageViewed, 1)
CEREAL_CLASS_VERSION(waymark::ledger::CourseCompleted, 1)
CEREAL_CLASS_VERSION(waymark::ledger::CertificateIssued, 1)
CEREAL_CLASS_VERSION(waymark::ledger::SettingChanged, 1)
CEREAL_CLASS_VERSION(waymark::ledger::IdentityCommitment, 1)
CEREAL_CLASS_VERSION(waymark::ledger::ManagerPassphraseSet, 1)
CEREAL_CLASS_VERSION(waymark::ledger::LearnerPinSet, 1)
