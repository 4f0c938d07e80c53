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
};

// Everything recorded for one learner on one course, oldest first.
struct CourseHistory {
    std::vector<PageRef> pages_viewed;
    // The events of each attempt, grouped by attempt, in the order attempts started.
    std::vector<std::vector<assessment::AttemptEvent>> attempts;
    std::vector<Completion> completions;
};

// What checking a manager passphrase came to.
struct ManagerCheck {
    enum class Outcome {
        granted,  // the right passphrase
        refused,  // a wrong one: the next try waits `wait`
        wait,     // too soon after a wrong one: not checked; try again after `wait`
        not_set,  // no passphrase is set on this device
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

    // Holds a manager passphrase in memory (tests): the check counts wrong tries and
    // answers with the ledger's waits (1 s, 2 s, 4 s, ... up to 5 minutes) but does not
    // enforce them; the player does, by disabling its button.
    void set_manager_passphrase(std::string passphrase);
    Result<bool> has_manager_passphrase() override;
    Result<ManagerCheck> check_manager_passphrase(const std::string& passphrase) override;

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
};

}  // namespace waymark::player
