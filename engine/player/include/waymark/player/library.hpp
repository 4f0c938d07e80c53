// waymark/player/library.hpp: the courses a learner can pick, and where they stand.
//
// Courses come from folders: each sub-folder holding a course.json is a course source
// (a trainer's), each *.wmpkg file a package that is opened and verified (the bundled
// courses are packages signed when Waymark is built). Nothing found there ever stops the
// player: a course that cannot be loaded stays in the library with its error, a course
// folder or an untrusted package with a preview badge.
//
// Only a package whose signature verified against a key this device trusts earns
// completions that count as compliant. A course folder never does: anyone who can edit
// its course.json could set the pass mark to 0, and nothing would show it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/time.hpp"
#include "waymark/course/course.hpp"
#include "waymark/course/files.hpp"
#include "waymark/package/trust.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/report/settings.hpp"
#include "waymark/report/status.hpp"

namespace waymark::player {

enum class CourseOrigin {
    source_folder,      // a course folder (an author's preview, or --courses DIR): preview only
    signed_package,     // a .wmpkg whose signature verified against a trusted key
    untrusted_package,  // signed by a key this device does not trust, or damaged
};

struct LibraryCourse {
    std::filesystem::path path;
    CourseOrigin origin = CourseOrigin::source_folder;
    std::string digest;  // content digest (hex): the package's, or what packing the folder gives
    std::shared_ptr<const course::Course> course;      // null when it could not be loaded
    std::shared_ptr<const course::CourseFiles> files;  // the course's files (images)
    Diagnostics diagnostics;                           // from loading and checking, sorted
    std::string error;                                 // why it cannot be played; empty when it can

    bool playable() const { return course != nullptr && error.empty(); }
    // Whether completions on this course count as compliant: only on a package signed by a
    // trusted publisher. Everything else can be taken, but only as a preview.
    bool trusted() const { return origin == CourseOrigin::signed_package; }
    bool preview_only() const { return !trusted(); }
    // The title to show: the course's, else the file or folder name.
    std::string title() const;
    // What the journal records; `trusted` only when trusted() is.
    CourseRef ref() const;
};

// Loads a course source folder. Errors in the course are in `diagnostics` and `error`.
LibraryCourse load_course_folder(const std::filesystem::path& folder);
// Opens and verifies a package, then loads the course inside it.
LibraryCourse load_course_package(const std::filesystem::path& file,
                                  const package::TrustStore& trust);
// Every course in `folders` (missing folders are skipped), folders before packages,
// each group in name order. Of two courses with the same id the first is kept, unless
// only the later one is trusted: a course folder or an untrusted package never hides a
// signed package of the same course, or a copy of a bundled course dropped into a courses
// folder would leave the learner no course that counts.
std::vector<LibraryCourse> scan_courses(const std::vector<std::filesystem::path>& folders,
                                        const package::TrustStore& trust);

enum class StatusKind { not_started, in_progress, completed, due_soon, overdue };

// Where a learner stands on a course, as report::standing() (the one status computation
// the reports and the manager area use) sees it, with the library's words for it.
struct CourseStatus {
    StatusKind kind = StatusKind::not_started;
    report::Status status = report::Status::not_started;  // as the reports call it
    int percent = 0;                                      // pages read
    bool started = false;                                 // pages read or attempts made
    // An attempt left open ("Assessment started, 3 of 8 questions answered"); empty if none.
    std::string open_attempt;
    bool has_completion = false;    // any completion, counting or not
    UtcTime completed_on{};         // the latest completion (a preview's when none counts)
    UtcTime valid_until{};          // when the refresher is due (completions that expire)
    bool expires = false;           // the completion stops being valid one day
    int days_left = 0;              // due soon: days until due_by; overdue: days past it
    bool required = true;           // the organisation requires it of this learner
    std::optional<UtcTime> due_by;  // complete (again) by this day; none: no date
    // Offered to staff (course.<id>.offered): false for a trainers' sample or a course
    // for young people, which the library leaves out except in an author's preview.
    bool listed = true;

    // What the learner has done: "Not started", "In progress, 40%", "Completed on 5 January
    // 2026", "Completed on 5 January 2026 as a preview, which does not count".
    std::string label() const;
    // What is asked of them: "Required: complete by 12 January 2026", "Due again by 5
    // January 2028", "Overdue since 12 January 2026", "Required" (no date) or "Optional".
    std::string requirement_label() const;
};

// What the library knows of the learner beyond their history.
struct LearnerPlace {
    std::string team, role;
    std::optional<UtcTime> enrolled_at;
};

// How `history` stands against `course` at `now` under the organisation's settings
// (required_for, first_due_days, recertification, grace, due-soon window), computed by
// report::standing().
CourseStatus course_status(const course::Course& course, const CourseHistory& history,
                           const report::OrganisationSettings& organisation,
                           const LearnerPlace& learner, UtcTime now);
// The same with the default settings and no enrolment date (a device without a ledger).
CourseStatus course_status(const course::Course& course, const CourseHistory& history, UtcTime now,
                           int due_soon_days = 30);

// Every distinct character outside ASCII that the course shows (pages, contacts,
// questions), as UTF-8: the glyphs the player's fonts must hold for it.
std::string characters_used(const course::Course& course);

}  // namespace waymark::player
