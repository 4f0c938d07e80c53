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
#include <string>
#include <vector>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/time.hpp"
#include "waymark/course/course.hpp"
#include "waymark/course/files.hpp"
#include "waymark/package/trust.hpp"
#include "waymark/player/journal.hpp"

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

struct CourseStatus {
    StatusKind kind = StatusKind::not_started;
    int percent = 0;         // in progress: pages read
    UtcTime completed_on{};  // completed, due soon, overdue: the latest completion
    UtcTime valid_until{};   // when the refresher is due (completions that expire)
    bool expires = false;    // the course has a refresher period
    int days_left = 0;       // due soon: days until valid_until; overdue: days past it
    // "Not started", "In progress, 40%", "Completed on 2026-01-05, valid until
    // 2028-01-05", "Due in 12 days", "Overdue by 3 days".
    std::string label() const;
};

// How `history` stands against `course` at `now`. A completion expires after the
// course's refresher months; within `due_soon_days` of that it is due soon.
CourseStatus course_status(const course::Course& course, const CourseHistory& history, UtcTime now,
                           int due_soon_days = 30);

// Every distinct character outside ASCII that the course shows (pages, contacts,
// questions), as UTF-8: the glyphs the player's fonts must hold for it.
std::string characters_used(const course::Course& course);

}  // namespace waymark::player
