// waymark/report/status.hpp: who is complete, due or overdue on which course, on any day.
//
// A StatusMatrix holds one cell per learner and course, built from the ledger's
// projections as they stood on an "as of" day: the latest completion on a trusted
// package (the only kind that counts), the latest on an untrusted one (kept apart),
// and progress. Which packages are trusted is the device's record unless the reader
// names them (StatusOptions::trust, package_trust.hpp). Rows are materialised on demand so a matrix
// of 100,000 learners by ten courses stays small (about 20 bytes a cell); exports stream them.
//
// Statuses, in the order a manager reads them:
//   not_started   nothing recorded on this course
//   in_progress   pages viewed or attempts made, no valid completion
//   completed     a trusted completion that is valid beyond the due-soon window
//   due_soon      valid, but due (expiry plus grace) within N days, or its version was
//                 superseded by one that requires retraining
//   overdue       the latest trusted completion has expired (past its grace period), or
//                 a required course was never completed by its first due date
//                 (enrolment plus course.<id>.first_due_days)
//   untrusted     no valid trusted completion, but one on an untrusted package
//
// Whether a learner must complete a course is the organisation's (course.<id>.required_for,
// settings.hpp); rows where it is optional are listed with required = false and never
// counted in a Tally's statuses, so an optional course nobody took is not "Not started".
// Courses not offered to staff (course.<id>.offered) are left out altogether.
//
// standing() is the one status computation: the matrix builds every row with it, and the
// player's library and manager area call it on what the learner's journal holds, so the
// library, the manager area and every report always agree.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/package_trust.hpp"
#include "waymark/report/settings.hpp"

namespace waymark::report {

enum class Status { not_started, in_progress, completed, due_soon, overdue, untrusted };
inline constexpr int kStatusCount = 6;

// "not-started", "in-progress", "completed", "due-soon", "overdue", "untrusted".
const char* to_string(Status status);
std::optional<Status> parse_status(std::string_view text);

// One learner on one course. The views point into the matrix and live as long as it.
struct StatusRow {
    std::string_view learner_id, staff_id, name, team, role;
    std::string_view course_id, course_title;
    Status status = Status::not_started;
    bool required = true;  // false: optional for this learner, left out of the tallies
    int percent = 0;       // of pages viewed; 0 when not started
    // The latest trusted completion on or before the as-of day.
    std::optional<UtcTime> completed_at;
    double score = 0;  // scaled, 0..1
    std::string_view version;
    std::optional<UtcTime> valid_until;  // none: never expires (or not completed)
    // valid_until plus the grace period; before a first completion of a required course,
    // enrolment plus its first_due_days.
    std::optional<UtcTime> due_by;
    // The completion's version when the organisation has installed a newer one.
    std::string_view superseded_version;
    bool retraining_required = false;  // superseded by a version that requires it
    // The latest completion on an untrusted package, kept apart: it never counts.
    std::optional<UtcTime> untrusted_completed_at;
    std::string_view untrusted_version;
};

// What is known about one learner on one course, as of some moment.
struct StandingFacts {
    std::string_view team, role;
    std::optional<UtcTime> enrolled_at;
    std::optional<UtcTime> completed_at;  // the latest completion on a trusted package
    // When that completion stops being valid under the organisation's rule (valid_until()
    // in settings.hpp); none: it never expires.
    std::optional<UtcTime> valid_until;
    std::string_view version;                       // the version it was earned on
    bool started = false;                           // pages viewed or attempts made
    std::optional<UtcTime> untrusted_completed_at;  // the latest on an untrusted package
};

struct Standing {
    Status status = Status::not_started;
    bool required = true;
    std::optional<UtcTime> due_by;
    bool superseded = false;  // earned on a version older than the current one
    bool retraining_required = false;
};

// How `facts` stand on `course` at `as_of`, with completions due within `due_soon_days`
// due soon.
Standing standing(const CourseSettings& course, const StandingFacts& facts, UtcTime as_of,
                  int due_soon_days);

struct RowFilter {
    std::string course, team, role;  // "" matches all
    std::optional<Status> status;
    // true: only rows where the course is required; false: only optional ones; none: all.
    std::optional<bool> required;
};

struct Tally {
    std::int64_t total = 0;  // rows of learners who must complete the course
    // Rows of learners for whom the course is optional: never in `total` or a status.
    std::int64_t optional = 0;
    std::int64_t by_status[kStatusCount] = {};
    std::int64_t count(Status s) const { return by_status[static_cast<int>(s)]; }
    // Completed or due soon: currently holding a valid trusted completion.
    std::int64_t compliant() const { return count(Status::completed) + count(Status::due_soon); }
    double rate() const { return total > 0 ? double(compliant()) / double(total) : 0; }
};

struct Summary {
    Tally all;
    std::map<std::string, Tally, std::less<>> by_course, by_team, by_role;
};

struct StatusOptions {
    std::optional<UtcTime> as_of;      // none: now
    std::optional<int> due_soon_days;  // none: the organisation's setting (default 30)
    // Which completions are on a trusted package; by default, as the device recorded.
    CompletionTrust trust;
};

class StatusMatrix {
  public:
    // Reads the ledger's learners, completions and progress as they stood at the end of
    // the as-of day. Erased learners are left out (their personal data is gone).
    // Progress recorded after the as-of day is recomputed from the page-viewed events.
    static Result<StatusMatrix> load(ledger::Ledger& ledger, const StatusOptions& options = {});

    // Checks a filter against what exists: ErrorCode::usage naming the unknown course,
    // team or role and listing the known ones.
    Result<void> check(const RowFilter& filter) const;

    // Visits every row matching `filter`, learners in enrolment order, courses by id.
    // `visit` returning false stops early.
    void for_each_row(const RowFilter& filter,
                      const std::function<bool(const StatusRow&)>& visit) const;
    std::int64_t count_rows(const RowFilter& filter) const;
    Summary summarise(const RowFilter& filter) const;

    UtcTime as_of() const { return as_of_; }
    int due_soon_days() const { return due_soon_days_; }
    const OrganisationSettings& settings() const { return settings_; }
    std::vector<std::string> course_ids() const;
    const std::vector<std::string>& teams() const { return teams_; }
    const std::vector<std::string>& roles() const { return roles_; }
    std::size_t learner_count() const { return learners_.size(); }

    StatusMatrix(StatusMatrix&&) noexcept = default;
    StatusMatrix& operator=(StatusMatrix&&) noexcept = default;

  private:
    StatusMatrix() = default;
    friend class StatusMatrixLoader;

    static constexpr std::uint32_t kNever = 0xffffffffu;
    struct Cell {
        std::uint32_t completed = 0;    // seconds since 1970; 0: none
        std::uint32_t valid_until = 0;  // kNever: never expires
        std::uint32_t untrusted = 0;    // latest untrusted completion; 0: none
        float score = 0;
        std::uint16_t version = 0;  // index into versions_
        std::uint16_t untrusted_version = 0;
        std::int8_t percent = -1;  // -1: nothing recorded
    };
    // A learner's id, staff id and name are kept end to end in learner_text_ (one
    // allocation for the whole organisation instead of three per learner: at 100,000
    // learners that is the difference between 8 and 26 MiB).
    struct TextSpan {
        std::uint32_t offset = 0;
        std::uint32_t size = 0;
    };
    struct LearnerEntry {
        TextSpan id, staff_id, name;
        std::uint32_t enrolled = 0;  // seconds since 1970; 0: not recorded
        std::uint16_t team = 0, role = 0;
    };
    std::string_view text(TextSpan span) const {
        return std::string_view(learner_text_).substr(span.offset, span.size);
    }
    struct CourseEntry {
        std::string id;
        std::string title;
        CourseSettings settings;
        std::vector<Cell> cells;  // one per learner
    };

    StatusRow row(std::size_t learner, const CourseEntry& course) const;

    UtcTime as_of_{};
    int due_soon_days_ = 30;
    OrganisationSettings settings_;
    std::vector<LearnerEntry> learners_;
    std::string learner_text_;
    std::vector<CourseEntry> courses_;  // sorted by id once loaded
    std::vector<std::string> teams_, roles_, versions_;
};

// True when dotted version `a` is older than `b` ("1.9.0" < "1.10.0"); parts that are
// not numbers compare as text.
bool version_less(std::string_view a, std::string_view b);

}  // namespace waymark::report
