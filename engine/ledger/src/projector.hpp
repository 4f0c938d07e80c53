// Applies events to the projection tables of one schema.
//
// The same code updates the projections as each event is appended (or merged) and
// replays every event on `waymark ledger rebuild`. verify() works the rows out in memory
// instead (projection_check.hpp), by the rules written here: a change to them goes in
// both, and the projection tests (an untouched ledger verifies; rebuild gives identical
// tables) fail until it does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/events.hpp"

namespace waymark::ledger {

bool is_attempt_event(EventType type);

// What the projections take from an attempt event (the assessment module's payload):
// the id of a started attempt, the marks of a scored one.
struct AttemptFields {
    std::string attempt_id;
    double raw = 0;
    double max = 0;
    double scaled = 0;
    bool passed = false;
};
// Reads the whole payload, through the assessment module's serialize() for `type`
// (payload_reader.hpp), and gives those fields. Errors as read_payload()'s. Events
// entering the ledger (append, merge) are projected, so every recorded attempt payload
// is one the modules that read it back can read in full.
Result<AttemptFields> read_attempt_fields(EventType type, std::string_view payload);

// What apply() takes from an event's payload, read ahead of it (read_ahead()), or
// nothing: then apply() reads the payload itself.
using PayloadFields = std::variant<std::monostate, PageViewed, AttemptFields, CourseCompleted,
                                   CertificateIssued, SettingChanged>;

// An event's payload as it is stored (canonical_json()) and what apply() takes from it,
// read from the same parse when that gives the stored text's values (canonical_json.hpp):
// so appending parses each payload once.
struct ReadAhead {
    std::string canonical;
    PayloadFields fields;
};
Result<ReadAhead> read_ahead(EventType type, std::string_view payload);

// A completion's valid_until: its time plus the refresher months, none for 0 months. The
// one rule for the projector, the projection check and the evidence check.
std::optional<std::string> completion_valid_until(UtcTime completed, int refresher_months);

class Projector {
  public:
    // Statements are prepared on first use; `schema` is "main" or an attached schema.
    Projector(Database& db, std::string schema) : db_(db), schema_(std::move(schema)) {}

    // Updates the projections for `event`, which has just been stored at its position.
    // Fails (ErrorCode::parse / invalid) when its payload does not read as its type, or
    // an attempt event has no attempt to belong to. `ahead` is what read_ahead() read
    // from this payload, if anything.
    Result<void> apply(const Event& event, PayloadFields ahead = {});

    // Deletes every projection row.
    Result<void> clear();

    // While one lives, apply() remembers the latest attempt of the (learner, course) it
    // last projected, instead of looking it up again for each of the attempt's events, and
    // holds back the update of that (learner, course)'s progress row and of its attempt
    // row until an event of another one comes or end() writes them: a batch's twelve page
    // views of a course then update its progress once and an attempt's answers its row
    // once, and the rows end as updating them event by event leaves them.
    // Make one only inside one write transaction, call end() before it commits, and let it
    // go with that transaction: only this projector starts attempts on that connection
    // while it lasts, but another program may start one between two writes, and a
    // rolled-back write's attempt is gone.
    class InOneWrite {
      public:
        explicit InOneWrite(Projector& projector) : projector_(projector) {
            projector_.remembering_ = true;
        }
        // Without end(), what was held back is dropped with the write being rolled back.
        ~InOneWrite() {
            projector_.remembering_ = false;
            projector_.latest_attempt_.reset();
            projector_.held_progress_.reset();
            projector_.held_attempt_.reset();
        }
        InOneWrite(const InOneWrite&) = delete;
        InOneWrite& operator=(const InOneWrite&) = delete;

        // Writes the rows held back: the tables are then as updating them event by event
        // leaves them.
        Result<void> end() { return projector_.write_held(); }

      private:
        Projector& projector_;
    };

  private:
    // The statement in `slot`, prepared from `sql()` the first time: the SQL is built
    // only then, not for every event.
    template <class Sql>
    Result<Statement*> statement(Statement& slot, Sql&& sql);
    // The rowid of the learner's latest attempt on the course: the one remembered, else
    // looked up. Fails when they have none.
    Result<std::int64_t> latest_attempt(const Event& e);
    Result<void> page_viewed(const Event& e, PayloadFields& ahead);
    Result<void> attempt_event(const Event& e, EventType type, PayloadFields& ahead);
    Result<void> course_completed(const Event& e, PayloadFields& ahead);
    Result<void> certificate_issued(const Event& e, PayloadFields& ahead);
    Result<void> setting_changed(const Event& e, PayloadFields& ahead);

    struct LatestAttempt {
        std::string learner_id;
        std::string course_id;
        std::int64_t rowid = 0;
    };
    // A progress row's update as the page views so far would leave it: `added` pages
    // more, the rest from the last of them.
    struct HeldProgress {
        std::string learner_id;
        std::string course_id;
        std::string course_version;
        std::string bookmark;
        std::string updated_at;
        std::int64_t pages_total = 0;
        std::int64_t added = 0;
    };
    // An attempt row's update as its events so far would leave it: each field from the
    // last event that sets it (the SQL's coalesce()).
    struct HeldAttempt {
        std::int64_t rowid = 0;
        std::int64_t last_position = 0;
        const char* state = nullptr;
        std::optional<std::string> submitted_at;
        std::optional<std::string> scored_at;
        std::optional<AttemptFields> scored;
        // For the message when the row is gone.
        std::string learner_id;
        std::string course_id;
        std::string last_event;
    };
    Result<void> write_progress(const HeldProgress& p);
    Result<void> write_attempt(const HeldAttempt& a);
    Result<void> write_held();

    Database& db_;
    std::string schema_;
    Statement insert_page_, upsert_progress_, insert_attempt_, find_attempt_, update_attempt_,
        insert_completion_, insert_certificate_, upsert_setting_;
    bool remembering_ = false;                     // an InOneWrite lives
    std::optional<LatestAttempt> latest_attempt_;  // only while remembering_
    std::optional<HeldProgress> held_progress_;    // only while remembering_
    std::optional<HeldAttempt> held_attempt_;      // only while remembering_
};

}  // namespace waymark::ledger
