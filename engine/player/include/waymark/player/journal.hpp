// waymark/player/journal.hpp: where the player records what a learner did.
//
// The player appends every page view, knowledge-check try and assessment event here
// before the screen moves on, and rebuilds a learner's place in a course from it when
// they come back. The ledger (SQLite, hash-chained) implements Journal for real use;
// MemoryJournal keeps everything in memory (tests, and the player until a ledger is
// configured). A write that fails must return an Error: the player then stops the
// course rather than let the learner go on unrecorded.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/player/learner.hpp"
#include "waymark/player/settings.hpp"
#include "waymark/report/settings.hpp"

namespace waymark::player {

// The exact course a record is about.
struct CourseRef {
    std::string id;
    std::string version;
    std::string digest;   // content digest (hex) of the package or course folder
    bool trusted = true;  // false: a preview of an untrusted package, not compliant
};

// A page, named so that it survives pages being added before it in a new version. The
// indices say where it was when viewed (for reports); equality looks at the name only.
struct PageRef {
    std::string module_id;
    std::string anchor;
    int module_index = 0;
    int page_index = 0;
    int pages_total = 0;  // pages in the whole course
    friend bool operator==(const PageRef& a, const PageRef& b) {
        return a.module_id == b.module_id && a.anchor == b.anchor;
    }
};

struct Completion {
    std::string course_version;
    UtcTime at{};
    double scaled = 0;         // the passing attempt's score, 0..1
    std::string attempt_id;    // the passing attempt
    int refresher_months = 0;  // the course's, at the time: when the completion expires
    // When the completion stops being valid, as recorded; none: from refresher_months.
    std::optional<UtcTime> valid_until;
    bool trusted = true;  // earned on a trusted package; a preview's never counts
};

// Everything recorded for one learner on one course, oldest first.
struct CourseHistory {
    std::vector<PageRef> pages_viewed;
    // The events of each attempt, grouped by attempt, in the order attempts started.
    std::vector<std::vector<assessment::AttemptEvent>> attempts;
    std::vector<Completion> completions;
};

// Where a learner is within an open attempt (Journal::sitting_place).
struct SittingPlace {
    std::string question_id;           // on screen; empty: the review list
    std::vector<std::string> flagged;  // flagged to come back to, in paper order
    friend bool operator==(const SittingPlace&, const SittingPlace&) = default;
};

// What checking a manager passphrase or a learner's PIN came to.
struct ManagerCheck {
    enum class Outcome {
        granted,  // the right passphrase or PIN
        refused,  // a wrong one: the next try waits `wait`
        wait,     // too soon after a wrong one: not checked; try again after `wait`
        not_set,  // no passphrase is set on this device; the learner has no PIN
    };
    Outcome outcome = Outcome::refused;
    std::chrono::seconds wait{0};
};

class Journal {
  public:
    virtual ~Journal() = default;

    // Learners on this device, in the order they were added.
    virtual Result<std::vector<Learner>> learners() = 0;
    // Stores a new learner; the journal may give them its own id. Returns them as stored.
    virtual Result<Learner> add_learner(const Learner& learner) = 0;
    // The learner's settings; defaults when none were saved.
    virtual Result<Settings> settings(const std::string& learner_id) = 0;
    virtual Result<void> save_settings(const std::string& learner_id, const Settings& s) = 0;

    // The learner read `page`: its end has been on the screen (not merely opened).
    virtual Result<void> page_viewed(const std::string& learner_id, const CourseRef& course,
                                     const PageRef& page, UtcTime at) = 0;
    virtual Result<void> practice_answered(const std::string& learner_id, const CourseRef& course,
                                           const assessment::PracticeAnswered& event) = 0;
    // One event of the attempt `attempt_id` (AttemptStarted carries the same id).
    virtual Result<void> attempt_event(const std::string& learner_id, const CourseRef& course,
                                       const std::string& attempt_id,
                                       const assessment::AttemptEvent& event) = 0;
    virtual Result<void> course_completed(const std::string& learner_id, const CourseRef& course,
                                          const Completion& c) = 0;

    virtual Result<CourseHistory> history(const std::string& learner_id,
                                          const std::string& course_id) = 0;

    // Where the learner is in an open attempt: the question on screen and the questions
    // flagged to come back to, as last saved (empty when nothing was). These are the
    // learner's own markers, not part of the answers, so they are kept beside the attempt
    // rather than in its events; they are saved as they change, so a crash keeps them.
    virtual Result<SittingPlace> sitting_place(const std::string& learner_id,
                                               const std::string& attempt_id) = 0;
    virtual Result<void> save_sitting_place(const std::string& learner_id,
                                            const std::string& attempt_id,
                                            const SittingPlace& place) = 0;

    // The organisation's settings (report/settings.hpp: who must complete which course by
    // when, titles); the defaults for a journal that keeps none. A value the reports would
    // refuse is an error here too.
    virtual Result<report::OrganisationSettings> organisation() {
        return report::OrganisationSettings{};
    }
    // When the learner was enrolled, the start of a new starter's first due date; none
    // when the journal does not know.
    virtual Result<std::optional<UtcTime>> enrolled_at(const std::string&) {
        return std::optional<UtcTime>{};
    }
    // Records `title` as the course's title (course.<id>.title) unless the organisation
    // already has one for it, so reports and certificates name the course, not its id.
    virtual Result<void> record_course_title(const std::string&, const std::string&) { return {}; }

    // Whether what is saved here outlasts this run of the player: false for journals kept
    // only in memory (an author's preview, the screenshot tour), so no screen promises to
    // remember anything.
    virtual bool keeps_records() const { return false; }

    // Whether save_certificate() can work: false for journals kept only in memory (an
    // author's preview), where a certificate would certify nothing.
    virtual bool issues_certificates() const { return false; }
    // Writes a PDF certificate of the learner's latest trusted completion of the course
    // to `pdf` (replaced only when whole) and records that it was issued. The certificate
    // names the course by the organisation's title for it if one is set, else by
    // `course_title` (the course's own, which the ledger does not keep). Only a journal
    // that keeps a verifiable record can issue one: the default refuses, saying why.
    virtual Result<void> save_certificate(const std::string& learner_id,
                                          const std::string& course_id,
                                          const std::string& course_title,
                                          const std::filesystem::path& pdf);

    // The manager area opens with a passphrase an administrator sets on the device
    // ('waymark manager passphrase'); the player never sets one. A journal that keeps no
    // record on the device has none, so its manager area stays shut.
    virtual Result<bool> has_manager_passphrase() { return false; }
    // Checks a typed passphrase. The journal, not the player, counts wrong ones and
    // makes the next try wait, so that closing the player does not reset the count.
    virtual Result<ManagerCheck> check_manager_passphrase(const std::string&) {
        return ManagerCheck{ManagerCheck::Outcome::not_set, {}};
    }

    // Learners' PINs (waymark/ledger/person.hpp has the rules): optional, or required of
    // everyone when the organisation says so. As with the passphrase, the journal counts
    // wrong PINs and sets the waits. A journal that keeps no record on the device keeps no
    // PINs: none is required, set or asked for.
    virtual Result<bool> pins_required() { return false; }
    virtual Result<bool> has_pin(const std::string&) { return false; }
    virtual Result<void> set_pin(const std::string&, const std::string&) {
        return make_error(ErrorCode::usage,
                          "this player keeps no training record, so it cannot keep a PIN; start "
                          "it with a ledger (the default)");
    }
    virtual Result<ManagerCheck> check_pin(const std::string&, const std::string&) {
        return ManagerCheck{ManagerCheck::Outcome::not_set, {}};
    }
    // A manager's reset of a forgotten (or damaged) PIN: the learner has none from now,
    // chooses a new one when they next sign in, and their wrong tries are forgotten. The
    // same rule as 'waymark learner pin-reset' (Ledger::reset_learner_pin).
    virtual Result<void> reset_pin(const std::string&) {
        return make_error(ErrorCode::usage,
                          "this player keeps no training record, so it keeps no PINs to reset; "
                          "start it with a ledger (the default)");
    }
};

// A Journal held in memory: lost when the program ends.
class MemoryJournal : public Journal {
  public:
    Result<std::vector<Learner>> learners() override;
    Result<Learner> add_learner(const Learner& learner) override;
    Result<Settings> settings(const std::string& learner_id) override;
    Result<void> save_settings(const std::string& learner_id, const Settings& s) override;
    Result<void> page_viewed(const std::string& learner_id, const CourseRef& course,
                             const PageRef& page, UtcTime at) override;
    Result<void> practice_answered(const std::string& learner_id, const CourseRef& course,
                                   const assessment::PracticeAnswered& event) override;
    Result<void> attempt_event(const std::string& learner_id, const CourseRef& course,
                               const std::string& attempt_id,
                               const assessment::AttemptEvent& event) override;
    Result<void> course_completed(const std::string& learner_id, const CourseRef& course,
                                  const Completion& c) override;
    Result<CourseHistory> history(const std::string& learner_id,
                                  const std::string& course_id) override;
    Result<SittingPlace> sitting_place(const std::string& learner_id,
                                       const std::string& attempt_id) override;
    Result<void> save_sitting_place(const std::string& learner_id, const std::string& attempt_id,
                                    const SittingPlace& place) override;

    // Holds a manager passphrase in memory (tests): the check counts wrong tries and
    // answers with the ledger's waits (1 s, 2 s, 4 s, ... up to 5 minutes) but does not
    // enforce them; the player does, by disabling its button.
    void set_manager_passphrase(std::string passphrase);
    Result<bool> has_manager_passphrase() override;
    Result<ManagerCheck> check_manager_passphrase(const std::string& passphrase) override;

    // PINs held in memory (tests), checked and counted as the passphrase is.
    void set_pins_required(bool required) { pins_required_ = required; }
    Result<bool> pins_required() override { return pins_required_; }
    Result<bool> has_pin(const std::string& learner_id) override;
    Result<void> set_pin(const std::string& learner_id, const std::string& pin) override;
    Result<ManagerCheck> check_pin(const std::string& learner_id, const std::string& pin) override;
    Result<void> reset_pin(const std::string& learner_id) override;

    // Organisation settings and enrolment dates held in memory (tests): what the ledger's
    // settings and learner-enrolled events hold for a LedgerJournal.
    Result<report::OrganisationSettings> organisation() override;
    Result<std::optional<UtcTime>> enrolled_at(const std::string& learner_id) override;
    Result<void> record_course_title(const std::string& course_id,
                                     const std::string& title) override;
    void set_organisation_setting(const std::string& key, const std::string& value);
    void set_enrolled_at(const std::string& learner_id, UtcTime at);

    // Practice tries recorded for a learner, oldest first (for tests and the dashboard).
    std::vector<assessment::PracticeAnswered> practice(const std::string& learner_id) const;

  private:
    struct Record {
        CourseHistory history;
        std::vector<std::string> attempt_ids;  // parallel to history.attempts
        std::vector<assessment::PracticeAnswered> practice;
    };
    std::vector<Learner> learners_;
    std::map<std::string, Settings> settings_;
    std::map<std::pair<std::string, std::string>, Record> records_;  // (learner, course)
    std::optional<std::string> manager_passphrase_;
    int manager_failures_ = 0;
    std::vector<std::pair<std::string, std::string>> organisation_settings_;
    std::map<std::string, UtcTime> enrolled_;  // learner id -> when enrolled
    bool pins_required_ = false;
    std::map<std::string, std::string> pins_;  // learner id -> PIN
    std::map<std::string, int> pin_failures_;  // learner id -> wrong PINs in a row

    // (learner, attempt) -> where the learner is in that attempt
    std::map<std::pair<std::string, std::string>, SittingPlace> places_;
};

}  // namespace waymark::player
