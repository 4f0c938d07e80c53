// waymark/player/manager.hpp: the manager area: who must do what, and the exports.
//
// Managers see who is overdue, due soon, complete, in progress or not started, by team
// and course, with names and staff ids, and export the same signed reports and
// certificates as the command line. The area is behind a passphrase that an
// administrator sets with 'waymark manager passphrase' and the ledger keeps
// (Journal::check_manager_passphrase); the player only asks for it.
//
// Every number comes from report::StatusMatrix, the one status computation that every
// report uses, so the app always agrees with `waymark report`. ManagerArea holds one
// matrix, as of the player's clock when the area opened, and decides what the screen
// lists (search, filters, sort); it keeps a small row per learner and course and an
// index of the rows shown, so 100,000 learners stay responsive, and the row chosen in the
// list (which a PIN reset acts on). ManagerLoad reads an area on a worker thread, on its
// own read-only connection, because a large organisation takes seconds to read (figures in
// docs/PERFORMANCE.md, from tools/bench/manager_bench.cpp). ManagerExport writes an
// export on a worker thread, on its own connection to the ledger, with the functions
// the CLI uses (report::write_signed_export, report::save_certificate_pdf).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/ledger/person.hpp"
#include "waymark/report/status.hpp"

namespace waymark::player {

// A manager's word for a status: "Overdue", "Due soon", "Not started".
const char* status_label(report::Status status);

// The area names a learner as the ledger's rule does: "Bob Hart (B-2)". Here for ui/,
// which reaches the ledger only through the player.
using ledger::name_with_staff_id;

// One learner on one course as the list shows it. The views point into the area's matrix.
struct ManagerRow {
    std::string_view learner_id, staff_id, name, team, course_id, course_title;
    report::Status status = report::Status::not_started;
    bool required = true;  // false: optional for this learner (course.<id>.required_for)
    int percent = 0;
    std::optional<UtcTime> completed_at;
    std::optional<UtcTime> due_by;  // expiry plus grace; none: not completed or never expires
};

// What the list says of a row, in words (its colour only repeats them): "Overdue by 12
// days (due 2026-03-01)", "Due in 5 days (by 2026-04-12)", "Complete, due again by
// 2027-03-02", "In progress, 40% read", "Not started, due by 2026-04-01"; a course that
// is optional for the learner says so first: "Optional: Not started".
std::string status_text(const ManagerRow& row, UtcTime as_of);

// What the list is sorted by. By status puts the most urgent first (overdue, due soon,
// in progress, not started, untrusted, completed), each by due date then name, and
// courses that are optional for the learner after every required one.
enum class ManagerSort { status, name, staff_id, team, course, due_by };
inline constexpr ManagerSort kManagerSorts[] = {ManagerSort::status,   ManagerSort::name,
                                                ManagerSort::staff_id, ManagerSort::team,
                                                ManagerSort::course,   ManagerSort::due_by};
const char* sort_label(ManagerSort sort);  // "Status", "Name", "Staff ID", ...

struct ManagerFilter {
    std::string search;  // part of a name or staff id, in any case; "" matches all
    std::string team;    // "" all teams
    std::string course;  // a course id; "" all courses
    // A status lists learners who must complete the course (the tiles count only them);
    // required false lists those for whom it is optional; neither: everyone.
    std::optional<report::Status> status;
    std::optional<bool> required;
};

// One team on one course: the counts of the "By team and course" table.
struct TeamCourseTally {
    std::string team;
    std::string course_id;
    std::string course_title;
    report::Tally tally;
};

// How far ManagerArea::load has got, read from another thread while it runs, and a way
// to stop it early.
struct AreaLoadProgress {
    enum Stage { reading, listing, sorting };
    std::atomic<int> stage{reading};
    std::atomic<std::int64_t> listed{0}, rows{0};  // while listing: rows made, of rows
    std::atomic<bool> cancel{false};  // load stops at its next check (ErrorCode::usage)
};

class ManagerArea {
  public:
    // Reads the ledger's status matrix as of `as_of`. `titles` names courses the
    // organisation gave no title (the ledger keeps none) by the installed course's own.
    // `progress`, when given, is kept up to date and its cancel obeyed.
    static Result<ManagerArea> load(ledger::Ledger& ledger, UtcTime as_of,
                                    const std::map<std::string, std::string>& titles = {},
                                    AreaLoadProgress* progress = nullptr);

    ManagerArea(ManagerArea&&) noexcept = default;
    ManagerArea& operator=(ManagerArea&&) noexcept = default;

    const report::StatusMatrix& matrix() const { return *matrix_; }
    UtcTime as_of() const { return matrix_->as_of(); }
    std::filesystem::path ledger_path() const { return ledger_path_; }

    // Teams (in alphabetical order) and course ids known to the ledger, for the filters;
    // a course's title.
    const std::vector<std::string>& teams() const { return teams_; }
    const std::vector<std::string>& course_ids() const { return course_ids_; }
    std::string course_title(std::string_view course_id) const;
    // Every team on every course (sorted by team, then course title), and those the team
    // and course filters leave.
    const std::vector<TeamCourseTally>& by_team_and_course() const { return by_team_course_; }
    std::size_t listed_cells() const { return cells_listed_.size(); }
    const TeamCourseTally& listed_cell(std::size_t i) const {
        return by_team_course_[cells_listed_[i]];
    }

    const ManagerFilter& filter() const { return filter_; }
    // The search text, for a text field to edit in place; call relist() after a change.
    std::string& search() { return filter_.search; }
    void set_team(std::string team);
    void set_course(std::string course_id);
    // A status, or none for everyone; either way optional rows are shown again only by
    // show_optional().
    void set_status(std::optional<report::Status> status);
    // Lists the rows where the course is optional for the learner.
    void show_optional();
    ManagerSort sort() const { return sort_; }
    void set_sort(ManagerSort sort);
    // Lists the rows matching the filter again, in the sort order.
    void relist();

    // Counts by status for the team and course filters (not the status or the search):
    // what each status filter would list; optional rows are counted apart (Tally::optional).
    const report::Tally& tally() const { return tally_; }
    // The rows listed: those matching the whole filter, sorted.
    std::size_t listed() const { return listed_.size(); }
    const ManagerRow& listed_row(std::size_t i) const { return rows_[listed_[i]]; }
    std::size_t total_rows() const { return rows_.size(); }
    // The rows an export writes: the team, course and status filters as the CLI takes
    // them (`waymark report --team --course --status`). The search narrows the list
    // only: a report names everyone its filter covers.
    report::RowFilter export_filter() const;

    // The row chosen in the list (by keyboard or mouse), which the PIN reset acts on: its
    // place among the listed rows. It stays on the same learner and course when the list
    // changes, and is none while that row is not listed.
    std::optional<std::size_t> selected() const { return selected_at_; }
    const ManagerRow* selected_row() const {
        return selected_at_ ? &rows_[listed_[*selected_at_]] : nullptr;
    }
    // Chooses the listed row `i`, or the nearest one; nothing on an empty list.
    void select(std::size_t i);
    // Moves the choice `delta` rows down (up when negative), stopping at either end; with
    // nothing chosen it starts at the first row.
    void move_selection(std::ptrdiff_t delta);

  private:
    ManagerArea() = default;
    void count();  // the tally and table for the team and course filters
    void order();  // every row in the sort order

    // On the heap so the rows' views stay valid when the area moves.
    std::unique_ptr<report::StatusMatrix> matrix_;
    std::filesystem::path ledger_path_;
    std::vector<std::string> teams_, course_ids_;
    std::map<std::string, std::string, std::less<>> titles_;
    std::vector<TeamCourseTally> by_team_course_;
    std::vector<ManagerRow> rows_;
    std::vector<std::uint32_t> learner_rows_;  // each learner's first row in rows_
    std::vector<std::uint32_t> learner_of_;    // each row's learner: an index into learner_rows_
    std::vector<char> found_;                  // per learner: matches the search (relist)
    std::vector<std::uint32_t> order_;         // every row, sorted: indices into rows_
    std::vector<std::uint32_t> listed_;        // those matching the filter, in that order
    std::vector<std::uint32_t> cells_listed_;  // indices into by_team_course_
    std::optional<std::uint32_t> selected_;    // the chosen row: an index into rows_
    std::optional<std::size_t> selected_at_;   // its place in listed_, while it is listed
    ManagerFilter filter_;
    ManagerSort sort_ = ManagerSort::status;
    report::Tally tally_;
};

// Reads a ManagerArea on a worker thread, on its own read-only connection to the ledger,
// so the player's window keeps drawing while 100,000 learners' records are read (about
// 1.5 s for 1,000,000 rows; docs/PERFORMANCE.md). Destroying it stops the worker at its
// next check and waits for it.
class ManagerLoad {
  public:
    ManagerLoad(std::filesystem::path ledger_path, UtcTime as_of,
                std::map<std::string, std::string> titles);
    ~ManagerLoad();
    ManagerLoad(const ManagerLoad&) = delete;
    ManagerLoad& operator=(const ManagerLoad&) = delete;

    bool finished() const { return finished_; }
    // Waits up to `wait` for the worker; whether it has finished.
    bool wait_for(std::chrono::milliseconds wait) const;
    // What the worker is doing, for the manager ("Reading the training records..."), and
    // roughly how far it has got, 0 to 1, for a progress bar.
    std::string message() const;
    float fraction() const;
    // The area, or why it could not be read; once finished, and only once.
    Result<ManagerArea> take();

  private:
    std::filesystem::path ledger_path_;
    UtcTime as_of_;
    std::map<std::string, std::string> titles_;
    AreaLoadProgress progress_;
    std::atomic<bool> finished_{false};
    mutable std::mutex mutex_;
    mutable std::condition_variable done_;
    std::optional<Result<ManagerArea>> result_;
    std::thread worker_;  // last: started once everything it uses exists
};

// --- exports ------------------------------------------------------------------------

// certificates: one PDF per learner and course; certificates_in_one_file: one PDF of them
// all, a page each (team, then name).
enum class ExportKind { csv, xlsx, html, certificates, certificates_in_one_file };
inline constexpr ExportKind kExportKinds[] = {ExportKind::csv, ExportKind::xlsx, ExportKind::html,
                                              ExportKind::certificates,
                                              ExportKind::certificates_in_one_file};
// "CSV", "XLSX", "HTML", "PDF certificates, one per learner", "PDF certificates, one file"
const char* export_label(ExportKind kind);

struct ExportRequest {
    ExportKind kind = ExportKind::csv;
    std::filesystem::path folder;  // created when missing
    report::RowFilter filter;
    UtcTime as_of{};                            // the report's as-of time: the area's
    std::map<std::string, std::string> titles;  // course id -> title, for certificates
};

// The name an export of `kind` for `filter` gets: "waymark-report-2026-03-02.csv",
// "waymark-report-2026-03-02-early-help-overdue.xlsx",
// "waymark-certificates-2026-03-02-early-help.pdf". Certificates one per learner are
// named by learner and course instead (certificate_file_name).
std::string export_file_name(ExportKind kind, const report::RowFilter& filter, UtcTime as_of);
// "certificate-WF-1-prevent-duty.pdf": a staff id and course id, made safe for a file name.
std::string certificate_file_name(std::string_view staff_id, std::string_view course_id);

struct ExportOutcome {
    std::vector<std::filesystem::path> files;  // written, whole (reports: with FILE.sig)
    std::optional<Error> error;                // what stopped it; none when all was written
    bool cancelled = false;                    // stopped by cancel(): nothing half-written
    // Certificates: rows listed with no current trusted completion to certify.
    std::int64_t skipped = 0;
    std::int64_t certificates = 0;  // in the one file of certificates_in_one_file
};

// One export running on a worker thread. The worker opens its own connection to the
// ledger (SQLite connections are not shared between threads), loads the status matrix
// as of the request's time and writes as `waymark report -o FILE` (a report and its
// FILE.sig), `waymark certificate LEARNER COURSE -o FILE.pdf` (one PDF per learner with
// a current trusted completion among the rows) or `waymark certificate --team ... -o
// FILE.pdf` (all of them in one PDF). Cancel stops the report or the file being written
// within a moment (its writer checks between rows or pages) and before it is put in
// place: its content is written to a temporary file and dropped, so no file is ever left
// half-written, and a cancelled report leaves no "export" checkpoint. Destroying the
// export cancels it and waits for the worker.
class ManagerExport {
  public:
    ManagerExport(std::filesystem::path ledger_path, ExportRequest request);
    ~ManagerExport();
    ManagerExport(const ManagerExport&) = delete;
    ManagerExport& operator=(const ManagerExport&) = delete;

    const ExportRequest& request() const { return request_; }
    void cancel() { cancel_ = true; }
    bool cancelling() const { return cancel_; }
    bool finished() const { return finished_; }
    // Work done so far: rows written for a report, certificates for certificates.
    std::int64_t done() const { return done_; }
    std::int64_t total() const { return total_; }
    // Once finished(): what was written, or why not.
    ExportOutcome outcome() const;
    // For the manager: what is being written and how far it has got; once finished, the
    // files written and how an auditor checks them, or what stopped it and what to do.
    std::string message() const;

  private:
    void run();
    ExportOutcome write();
    ExportOutcome write_report(ledger::Ledger& ledger, const report::StatusMatrix& matrix);
    ExportOutcome write_certificates(ledger::Ledger& ledger, const report::StatusMatrix& matrix);
    ExportOutcome write_certificate_file(ledger::Ledger& ledger,
                                         const report::StatusMatrix& matrix);

    std::filesystem::path ledger_path_;
    ExportRequest request_;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> finished_{false};
    std::atomic<std::int64_t> done_{0}, total_{0};
    mutable std::mutex mutex_;
    ExportOutcome outcome_;
    std::thread worker_;  // last: started once everything it uses exists
};

}  // namespace waymark::player
