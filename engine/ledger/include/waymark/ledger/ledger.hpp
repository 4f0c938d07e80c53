// waymark/ledger/ledger.hpp: the record of truth for who completed what, when.
//
// A Ledger is one SQLite file (WAL, synchronous=FULL) holding
//   - events: append-only and hash-chained per device (events.hpp);
//   - learners: the people, outside the chain, so erasing one keeps the chain intact;
//   - projections: progress and bookmarks, attempts, completions, certificates and
//     settings, updated in the same transaction as the event they come from and
//     rebuildable from the events alone;
//   - signed heads and checkpoints: the device key (Ed25519) signs the head of the
//     chain after every append, and keeps a checkpoint at each completion and export.
// A Result error from any function means nothing of that call was recorded; what was
// recorded before is untouched. A Ledger is used from one thread; several processes may
// share one file (each append waits for the others on the busy timeout).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/core/ids.hpp"
#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/events.hpp"
#include "waymark/ledger/person.hpp"

namespace waymark::ledger {

// The schema version this code writes (PRAGMA user_version); older files are migrated
// on open, newer ones refused.
inline constexpr int kSchemaVersion = 4;

struct OpenOptions {
    // The device's signing key is NAME.key / NAME.pub (core/keys.hpp); by default NAME
    // is the ledger path itself ("ledger.db.key" beside "ledger.db"), so a backup of
    // the folder carries both. Created (mode 0600) when the ledger is created.
    std::filesystem::path key_name;
    std::chrono::milliseconds busy_timeout{5000};
    bool create = true;  // false: a missing file is ErrorCode::not_found
    // Opens the file for reading only and never writes to it, its folder or the key
    // files: for verify and every other read, and for an auditor's copy on a 0400 file,
    // a 0555 folder or a read-only mount. A missing or empty file is an error; an older
    // schema is not migrated (ErrorCode::usage says how to upgrade it). Every call that
    // records is then refused.
    bool read_only = false;

    // For data generators and tests only, so that the same input gives the same events:
    // where the ledger takes every identifier it makes (a new ledger's device id, learner
    // ids, event ids) and the current time (event times the caller leaves out, enrolment
    // and erasure times, signed heads and checkpoints). Unset, the ledger uses fresh
    // random UUIDs and the system clock, as every real ledger must: ids from a
    // predictable source can collide when ledgers from several devices are merged, and
    // another clock records false times. The device key is always random.
    std::function<Uuid()> new_id;
    std::function<UtcTime()> clock;
};

// What an erasure could not reach.
struct Erasure {
    // False when another program kept reading the ledger throughout: the old details stay
    // in its write-ahead log (ledger.db-wal) until that program closes. Also false inside
    // in_one_transaction, which empties the log when it commits.
    bool removed_from_log = true;
    // Copies made with 'waymark ledger backup' (path, when): each still holds the details.
    std::vector<std::pair<std::string, std::string>> backups;
};

struct Learner {
    std::string id;  // pseudonymous: the only thing events know about the person
    Person person;   // empty once erased
    std::string enrolled_at;
    std::optional<std::string> erased_at;
    bool erased() const { return erased_at.has_value(); }
};

struct Progress {
    std::string learner_id;
    std::string course_id;
    std::string course_version;  // of the last page viewed
    int pages_viewed = 0;        // distinct pages
    int pages_total = 0;
    std::string bookmark;  // page_id of the last page viewed: where to resume
    std::string updated_at;
    int percent() const { return pages_total > 0 ? pages_viewed * 100 / pages_total : 0; }
};

enum class AttemptState { in_progress, submitted, scored };

struct Attempt {
    std::string attempt_id;
    std::string learner_id;
    CourseRef course;
    AttemptState state = AttemptState::in_progress;
    std::string started_at;
    std::string submitted_at;  // "" until submitted
    std::string scored_at;     // "" until scored
    double raw = 0, max = 0, scaled = 0;
    bool passed = false;
};

struct Completion {
    std::string event_id;  // the course-completed event, for certificate codes
    std::string learner_id;
    CourseRef course;
    std::string completed_at;
    std::optional<std::string> valid_until;  // none: never expires
    double score = 0;                        // scaled, 0..1
    std::string attempt_id;
};

struct Certificate {
    std::string event_id;
    std::string completion_event_id;
    std::string code;
    std::string issued_at;
};

struct Checkpoint {
    std::string device_id;
    std::int64_t seq = 0;  // the last event of that device's chain it covers
    Sha256Digest head_hash{};
    std::string time;
    std::string reason;  // "completion", "export", ...
    Ed25519Signature signature{};
    Ed25519PublicKey public_key;
};

// What checking a secret typed at the device (the manager passphrase, a learner's PIN)
// came to.
struct SignInCheck {
    enum class Outcome { granted, refused, wait, not_set };
    Outcome outcome = Outcome::refused;
    int failures = 0;              // wrong passphrases in a row, this one included
    std::chrono::seconds wait{0};  // with wait or refused: how long until the next try
};
using ManagerSignIn = SignInCheck;

// How much work the Argon2id hash of a manager passphrase takes: what keeps guessing at a
// copied ledger file slow. The hash records its own cost, and a check refuses a hash
// cheaper than the cost it is given, so a passphrase hashed cheaply never opens a manager
// area that expects the standard cost, and nobody can make an existing passphrase cheaper
// to guess by editing the file (the hash is in the signed chain as well).
enum class PassphraseCost {
    standard,      // libsodium's interactive limits (2 passes over 64 MiB): every program
    test_minimum,  // libsodium's least (1 pass over 8 KiB): tests only, which set dozens
};

// A checkpoint kept outside this ledger, and where ("witness.json", "the ledger
// /x/other.db"): see waymark/ledger/witness.hpp.
struct Witness {
    Checkpoint checkpoint;
    std::string source;
};

struct VerifyOptions {
    // Also work out every projection row from the events, learner by learner in memory,
    // and compare them with the stored rows (nothing is written). This parses every
    // payload, so it costs more than the chain check, and runs beside it in a second
    // thread; false checks only what makes the ledger tamper-evident: chains, signed
    // heads and checkpoints.
    bool projections = true;
    // Checkpoints kept outside the file (read_witnesses()): the ledger must still hold
    // each one's event, unchanged. Those witnessed in merges are always checked.
    std::vector<Witness> witnesses;
};

struct VerifyReport {
    std::int64_t events_checked = 0;
    std::int64_t checkpoints_checked = 0;
    std::vector<std::string> problems;  // each names the event or checkpoint concerned
    // The position (see Event) of the first event that fails the chain, if any.
    std::optional<std::int64_t> first_bad_position;
    bool ok() const { return problems.empty(); }
};

// A device whose key this ledger learnt from a merge.
struct NewDevice {
    std::string id;
    Ed25519PublicKey key;
};

struct MergeReport {
    std::int64_t imported = 0;    // new events
    std::int64_t duplicates = 0;  // events already here (same UUID)
    std::int64_t learners_added = 0;
    std::int64_t devices = 0;  // device chains in the other ledger
    // Devices first seen in this merge. Their keys are taken on trust, so a person should
    // compare each fingerprint with the one 'waymark ledger stats' shows on that device:
    // a forged ledger verifies under a key of its own making.
    std::vector<NewDevice> new_devices;
};

struct Stats {
    std::filesystem::path file;
    int schema_version = 0;
    std::string device_id;
    std::string device_fingerprint;
    std::int64_t events = 0;
    std::int64_t devices = 0;
    std::int64_t learners = 0;
    std::int64_t erased_learners = 0;
    std::int64_t completions = 0;
    std::int64_t checkpoints = 0;
    std::string first_event_time, last_event_time;
    std::vector<std::pair<std::string, std::int64_t>> events_by_type;
    std::uintmax_t file_bytes = 0;
};

struct LedgerState;  // the open connection, device key and prepared statements

class Ledger {
  public:
    // Opens (creating if needed, mode 0600) the ledger at `path`, sets WAL,
    // synchronous=FULL, foreign_keys=ON and the busy timeout, reads each back and
    // refuses to run if one did not take, then migrates an older schema. Errors name the
    // file and the fix: read-only, locked, not a ledger, a newer schema, a missing or
    // foreign device key.
    static Result<Ledger> open(const std::filesystem::path& path, const OpenOptions& options = {});

    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;
    ~Ledger();

    const std::filesystem::path& path() const;
    const std::string& device_id() const;
    const Ed25519PublicKey& device_public_key() const;

    // --- learners -------------------------------------------------------------------
    // Validates the person (validate_person() in person.hpp, the staff id unique without
    // regard to case among learners not erased), stores them tidied and appends
    // learner-enrolled. ErrorCode::invalid names each field and what to type instead.
    Result<Learner> add_learner(const Person& person);
    // All learners, erased ones included, in enrolment order.
    Result<std::vector<Learner>> learners();
    // The same one at a time, so memory stays flat however many there are (reports).
    // `visit` returning false stops early.
    Result<void> for_each_learner(const std::function<bool(const Learner&)>& visit);
    // ErrorCode::not_found when there is no learner with this id.
    Result<Learner> learner(std::string_view id);
    // Removes the person's name, staff id, email, team, role and salt, keeps the
    // pseudonymous id and appends learner-erased, in one transaction; the erased bytes are
    // overwritten in the file (secure_delete) and the write-ahead log is emptied. Events
    // are untouched, so the chain still verifies. ErrorCode::not_found / usage (already
    // erased). The Erasure says what may still hold the details.
    Result<Erasure> erase_learner(std::string_view id);

    // --- recording ------------------------------------------------------------------
    // Appends one event (and updates the projections) durably: when this returns ok
    // the event survives a crash or power loss. The payload must be a JSON object whose
    // "type" is the event's type; for the types with a payload struct it must read
    // back as one (so projections can use it). Returns the recorded event.
    Result<Event> append(const NewEvent& event);
    // Appends several events in one transaction: all or none. From 128 events, and when
    // the process may use two cores, the events are checked and hashed in a second
    // thread while this one stores them; new_id and clock (OpenOptions) are then called
    // from that thread, one call at a time.
    Result<std::vector<Event>> append(std::span<const NewEvent> events);
    // Runs `body`, which records through this Ledger, as one write transaction: all of it
    // lands with a single durable commit at the end, or none of it does. For importers
    // and data generators writing thousands of learners, where a commit per call would
    // spend most of the time waiting for the disk; the player commits every answer on
    // its own so that a crash never loses one. A call inside `body` that fails undoes
    // only its own writes; `body` returning an error undoes everything. Nesting is
    // allowed (the inner call joins the outer transaction).
    Result<void> in_one_transaction(const std::function<Result<void>()>& body);

    // Typed shortcuts for append(); `at` defaults to now.
    Result<Event> record_session(std::string_view learner_id, const CourseRef& course, bool started,
                                 std::optional<UtcTime> at = {});
    Result<Event> record_page_view(std::string_view learner_id, const CourseRef& course,
                                   const PageViewed& page, std::optional<UtcTime> at = {});
    Result<Event> record_knowledge_check(std::string_view learner_id, const CourseRef& course,
                                         const assessment::PracticeAnswered& answer);
    // AttemptStarted opens an attempt; the other attempt events belong to the latest
    // attempt this learner started on this course. The event time is the event's own.
    Result<Event> record_attempt_event(std::string_view learner_id, const CourseRef& course,
                                       const assessment::AttemptEvent& event);
    // Appends course-completed and writes a checkpoint in the same transaction.
    Result<Event> record_completion(std::string_view learner_id, const CourseRef& course,
                                    const CourseCompleted& completion,
                                    std::optional<UtcTime> at = {});
    Result<Event> record_certificate(std::string_view learner_id, const CourseRef& course,
                                     const CertificateIssued& certificate);
    // learner_id "" for an organisation setting.
    Result<Event> record_setting(std::string_view learner_id, const SettingChanged& setting);

    // Signs the current head of this device's chain as a checkpoint (for an export).
    Result<Checkpoint> checkpoint(std::string_view reason);
    // The latest checkpoint of this device, if any.
    Result<std::optional<Checkpoint>> latest_checkpoint();

    // --- manager access ---------------------------------------------------------------
    // The manager area of the player opens with a passphrase an administrator sets with
    // 'waymark manager passphrase'. It is kept in the chain (manager-passphrase-set, an
    // Argon2id hash), so deleting or editing a file cannot reset it, and setting it
    // needs the device key. ErrorCode::invalid for fewer than 10 characters.
    Result<void> set_manager_passphrase(std::string_view passphrase,
                                        PassphraseCost cost = PassphraseCost::standard);
    Result<bool> has_manager_passphrase();
    // Checks a passphrase typed at the device. Each wrong one makes the next try wait
    // longer (1 s, 2 s, 4 s, ... up to 5 minutes), counted in the ledger so that
    // restarting the player does not reset it; a try during the wait is not checked.
    // A recorded hash cheaper than `least` is refused, whatever was typed (ErrorCode::
    // verification, saying to set the passphrase again).
    Result<ManagerSignIn> check_manager_passphrase(std::string_view passphrase,
                                                   PassphraseCost least = PassphraseCost::standard);

    // --- learner PINs -----------------------------------------------------------------
    // A learner may keep a PIN (pin_problem() in person.hpp), so that a colleague at a
    // shared device cannot casually sign in as them. It is kept like the manager
    // passphrase: an Argon2id hash in the chain (learner-pin-set, written by this device,
    // needing its key), checked with the same back-off, counted per learner in the file.
    // Nothing else reads the event: reports, exports and xAPI never see the hash.
    // ErrorCode::invalid for a PIN that breaks the rules; not_found / usage for a learner
    // who is not there or erased.
    Result<void> set_learner_pin(std::string_view learner_id, std::string_view pin,
                                 PassphraseCost cost = PassphraseCost::standard);
    // A manager's reset: records that the learner has no PIN (learner-pin-set with no
    // hash), so they choose a new one when they next sign in, and forgets wrong tries.
    Result<void> reset_learner_pin(std::string_view learner_id);
    Result<bool> has_learner_pin(std::string_view learner_id);
    // Checks a PIN typed at the device; wrong ones back off as the manager passphrase's
    // do (1 s, 2 s, 4 s, ... up to 5 minutes), counted for this learner in the ledger.
    // not_set when the learner has no PIN. A hash edited in the file, or a chain that no
    // longer ends at the signed head, opens nothing (ErrorCode::verification).
    Result<SignInCheck> check_learner_pin(std::string_view learner_id, std::string_view pin,
                                          PassphraseCost least = PassphraseCost::standard);
    // Whether the organisation requires every learner to have a PIN (kPinRequiredSetting).
    Result<bool> learner_pins_required();

    // --- reading (projections) ------------------------------------------------------
    Result<std::optional<Progress>> progress(std::string_view learner_id,
                                             std::string_view course_id);
    // page_id of every distinct page viewed, in the order first viewed.
    Result<std::vector<std::string>> pages_viewed(std::string_view learner_id,
                                                  std::string_view course_id);
    // Attempts of one learner on one course, oldest first.
    Result<std::vector<Attempt>> attempts(std::string_view learner_id, std::string_view course_id);
    // The events of one attempt, in order, as the assessment module reads them, so the
    // player can restore an attempt after a crash. ErrorCode::not_found for no such id.
    Result<std::vector<assessment::AttemptEvent>> attempt_events(std::string_view attempt_id);
    // Every completion of one learner on one course (not only the latest), oldest first.
    Result<std::vector<Completion>> completions(std::string_view learner_id,
                                                std::string_view course_id);
    Result<std::optional<Completion>> completion(std::string_view event_id);
    Result<std::optional<Certificate>> certificate_by_code(std::string_view code);
    // Settings of one learner ("" for the organisation): key, value.
    Result<std::vector<std::pair<std::string, std::string>>> settings(std::string_view learner_id);

    // Streaming reads for reports and exports: memory stays flat however big the
    // ledger. `visit` returning false stops early.
    Result<void> for_each_progress(const std::function<bool(const Progress&)>& visit);
    Result<void> for_each_attempt(const std::function<bool(const Attempt&)>& visit);
    Result<void> for_each_completion(const std::function<bool(const Completion&)>& visit);
    // Events with position > after, in position order (for xAPI and audits).
    Result<void> for_each_event(std::int64_t after, const std::function<bool(const Event&)>& visit);

    // --- integrity ------------------------------------------------------------------
    // Checks every device chain (hashes, links, sequence), every signed head and
    // checkpoint (signature, and that it matches the chain), and the projections
    // against a rebuild from events. Streams: memory does not grow with the ledger.
    // The Result is an error only when the checks could not run; problems found are in
    // the report. options.projections = false skips the projection comparison.
    Result<VerifyReport> verify(const VerifyOptions& options = {});
    // The check that comes before the ledger is read as evidence (reports, certificates,
    // xAPI export and sync): every device's signed head against the end of its chain; the
    // chain re-hashed from the position this device last signed as checked (so it costs
    // what was recorded since); the counts the device signed against the tables; and the
    // rows evidence is read from (learners, completions, certificates, the
    // organisation's settings) against the events they come from. Reads only, but on a
    // writable ledger it holds the write lock while it runs (other writers wait, within
    // their busy timeout) and checks the rows on a second connection in a second thread.
    // Inside in_one_transaction it joins that transaction, and must come before its
    // first write (the second connection sees only what is committed); the state the
    // rest of the transaction reads and writes on is then the state checked.
    // When it passes, the next write this Ledger makes signs everything up to here as
    // checked. A rewrite of events before that position is found by verify(), not here.
    Result<VerifyReport> check_evidence();
    // Recreates every projection from the events in one transaction; refused (with the
    // first problem) when the chain does not verify.
    Result<void> rebuild();
    // Copies the ledger to `target` (which must not exist) with SQLite's online backup,
    // while others may keep appending; then checks the copy's integrity.
    Result<void> backup(const std::filesystem::path& target);
    // Imports the events of another ledger: each of its device chains must verify,
    // events already here (same UUID) are skipped, a chain that forks from ours is
    // refused. All or nothing.
    Result<MergeReport> merge(const std::filesystem::path& other);
    Result<Stats> stats();

  private:
    explicit Ledger(std::unique_ptr<LedgerState> state);
    std::unique_ptr<LedgerState> state_;
};

// check_evidence() as an error a command can print: the first problem, how many more,
// and what to do. Ok when the ledger may be read as evidence.
Result<void> refuse_unless_evidence(Ledger& ledger);

// The ledger used when none is named: $WAYMARK_LEDGER, else
// $XDG_DATA_HOME/waymark/ledger.db, else ~/.local/share/waymark/ledger.db.
std::filesystem::path default_ledger_path();

}  // namespace waymark::ledger
