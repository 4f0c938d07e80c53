// waymark/player/ledger_journal.hpp: the player's Journal kept in the SQLite ledger.
//
// Every page view, knowledge-check try, attempt event, completion and setting becomes a
// ledger event, appended durably (WAL, synchronous=FULL) before the call returns; a
// failed append returns the ledger's error, which stops the course. A learner's place
// in a course is read back from the ledger's projections (pages viewed, bookmark,
// attempts and their events, completions).
#pragma once

#include <filesystem>
#include <optional>

#include "waymark/ledger/ledger.hpp"
#include "waymark/player/journal.hpp"

namespace waymark::player {

class LedgerJournal : public Journal {
  public:
    explicit LedgerJournal(ledger::Ledger ledger) : ledger_(std::move(ledger)) {}

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
    // Kept as the learner's setting "sitting/ATTEMPT" (the question on screen, then each
    // flagged question, one a line): the ledger has no event for markers that are not
    // evidence, and settings are the learner's own state it already keeps, latest value
    // per key.
    Result<SittingPlace> sitting_place(const std::string& learner_id,
                                       const std::string& attempt_id) override;
    Result<void> save_sitting_place(const std::string& learner_id, const std::string& attempt_id,
                                    const SittingPlace& place) override;
    // The ledger's organisation settings, the learner's learner-enrolled time, and the
    // course title recorded as an organisation setting (course.<id>.title).
    Result<report::OrganisationSettings> organisation() override;
    Result<std::optional<UtcTime>> enrolled_at(const std::string& learner_id) override;
    Result<void> record_course_title(const std::string& course_id,
                                     const std::string& title) override;
    bool keeps_records() const override { return true; }
    bool issues_certificates() const override { return true; }
    // Issues the certificate through the report module (its verification code is
    // recorded in the ledger) and draws it with cairo.
    Result<void> save_certificate(const std::string& learner_id, const std::string& course_id,
                                  const std::string& course_title,
                                  const std::filesystem::path& pdf) override;
    // The ledger's manager passphrase and back-off (Ledger::check_manager_passphrase).
    Result<bool> has_manager_passphrase() override;
    Result<ManagerCheck> check_manager_passphrase(const std::string& passphrase) override;
    // The ledger's learner PINs (Ledger::check_learner_pin), hashed at the standard cost;
    // required when the organisation sets ledger::kPinRequiredSetting.
    Result<bool> pins_required() override;
    Result<bool> has_pin(const std::string& learner_id) override;
    Result<void> set_pin(const std::string& learner_id, const std::string& pin) override;
    Result<ManagerCheck> check_pin(const std::string& learner_id, const std::string& pin) override;
    Result<void> reset_pin(const std::string& learner_id) override;  // Ledger::reset_learner_pin

    ledger::Ledger& ledger() { return ledger_; }

    // The ledger's page id for a page: "module-id/page-anchor".
    static std::string page_id(const PageRef& page);
    static std::optional<PageRef> parse_page_id(const std::string& id);

  private:
    ledger::Ledger ledger_;
    Settings saved_;  // last settings written, so only changed keys are recorded
};

// A Journal that refuses everything with one error: what the player runs on when the
// ledger cannot be opened, so the learner sees why instead of a crash.
class UnavailableJournal : public Journal {
  public:
    explicit UnavailableJournal(Error why) : why_(std::move(why)) {}
    Result<std::vector<Learner>> learners() override { return why_; }
    Result<Learner> add_learner(const Learner&) override { return why_; }
    Result<Settings> settings(const std::string&) override { return why_; }
    Result<void> save_settings(const std::string&, const Settings&) override { return why_; }
    Result<void> page_viewed(const std::string&, const CourseRef&, const PageRef&,
                             UtcTime) override {
        return why_;
    }
    Result<void> practice_answered(const std::string&, const CourseRef&,
                                   const assessment::PracticeAnswered&) override {
        return why_;
    }
    Result<void> attempt_event(const std::string&, const CourseRef&, const std::string&,
                               const assessment::AttemptEvent&) override {
        return why_;
    }
    Result<void> course_completed(const std::string&, const CourseRef&,
                                  const Completion&) override {
        return why_;
    }
    Result<CourseHistory> history(const std::string&, const std::string&) override { return why_; }
    Result<SittingPlace> sitting_place(const std::string&, const std::string&) override {
        return why_;
    }
    Result<void> save_sitting_place(const std::string&, const std::string&,
                                    const SittingPlace&) override {
        return why_;
    }

  private:
    Error why_;
};

}  // namespace waymark::player
