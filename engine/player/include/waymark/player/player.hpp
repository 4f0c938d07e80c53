// waymark/player/player.hpp: everything the player decides, with no window attached.
//
// Player is the whole application state: which screen is showing, who is signed in,
// the library, the course being read, the assessment being sat, the result. The UI
// (waymark/ui) reads it each frame and calls its actions when the learner clicks;
// tests drive the same actions directly. Facts go to the Journal before the screen
// changes; when a write fails the player stops on a screen that says so.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/assessment/eligibility.hpp"
#include "waymark/core/time.hpp"
#include "waymark/player/assessment_session.hpp"
#include "waymark/player/course_reader.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/learner.hpp"
#include "waymark/player/library.hpp"
#include "waymark/player/manager.hpp"
#include "waymark/player/settings.hpp"

namespace waymark::player {

enum class Screen {
    learners,          // who is taking training
    add_learner,       // the "Add yourself" form
    library,           // the courses
    course,            // a page of a course, with its table of contents
    assessment_intro,  // rules of the assessment, Start or the reason you cannot
    assessment,        // one question, the review list or the submit confirmation
    result,            // score, pass or fail, review, completion
    settings,          // text size, theme, font, motion
    manager_sign_in,   // the manager passphrase, or how an administrator sets one
    manager,           // who must do what by when, by team and course; exports
    stopped,           // the journal could not be written: nothing more is allowed
};

struct PlayerOptions {
    std::function<UtcTime()> clock = utc_now;
    std::function<std::uint64_t()> random_seed;  // default: libsodium's randombytes
    std::function<std::string()> new_id;         // default: a random Uuid
    // Where "Save certificate" writes the PDF (the learner's documents folder, say).
    std::filesystem::path certificate_folder;
};

class Player {
  public:
    // `journal` must outlive the player. Learners are read from it at once; a journal
    // that cannot be read stops the player.
    Player(std::vector<LibraryCourse> library, Journal& journal, PlayerOptions options = {});

    Screen screen() const { return screen_; }
    // The time by the player's clock (time limits are shown against it).
    UtcTime now() const { return options_.clock(); }
    // Why the player stopped (Screen::stopped), written for the learner.
    const std::string& stop_message() const { return stop_message_; }
    // A passing message for the current screen ("This assessment cannot start: ..."),
    // cleared when the screen changes.
    const std::string& notice() const { return notice_; }

    // --- learners ----------------------------------------------------------------
    const std::vector<Learner>& learners() const { return learners_; }
    const Learner* learner() const;
    // Signs the learner in (-> library, with their settings), or first asks for their PIN
    // (pin_step()) when they have one or the organisation requires one.
    void choose_learner(std::size_t index);
    // The learners screen's search (waymark/player/name_search.hpp), offered when there are
    // more names than a screen shows at once; learners_listed() are the indices of those it
    // matches, in list order. Emptied when a learner signs out, for the next person.
    static constexpr std::size_t kLearnersListedWithoutSearch = 8;
    bool offers_learner_search() const { return learners_.size() > kLearnersListedWithoutSearch; }
    std::string& learner_search() { return learner_search_; }
    std::vector<std::size_t> learners_listed() const;
    void show_add_learner();  // -> add_learner, with an empty form
    LearnerForm& form() { return form_; }
    const std::vector<FieldProblem>& form_problems() const { return form_problems_; }
    // Whether the organisation requires a PIN of every learner (as the journal said when
    // the form or the PIN step opened): the form then asks for one rather than offering it.
    bool pins_required() const { return pins_required_; }
    // Checks the form; when it is fine records the learner (and their PIN, if they chose
    // one), signs them in and shows the library. Returns whether it was saved.
    bool submit_learner_form();
    void cancel_add_learner();  // -> learners

    // --- PIN step (on the learners screen, after choose_learner) ------------------
    enum class PinStep {
        none,
        enter,   // the learner has a PIN: form().pin
        choose,  // a PIN is required and they have none yet: form().pin and pin_again
    };
    PinStep pin_step() const { return pin_step_; }
    const Learner* pin_learner() const;  // who the step is for
    // Whether "Sign in" does anything: no wait after wrong PINs is running.
    bool can_submit_pin() const;
    std::chrono::seconds pin_wait() const;
    // With PinStep::enter: why the last try failed, counting down the wait ("Wrong PIN. Try
    // again in 2 seconds."); with choose, the problems are in form_problems(). A PIN record
    // the ledger cannot vouch for (edited in the file) is said in a learner's words; what
    // the ledger found is for a manager, who sees it beside the reset (pin_record_detail()).
    std::string pin_problem() const;
    // Checks or saves the PIN; on success signs the learner in. The typed PIN is cleared
    // whatever the outcome.
    void submit_pin();
    void cancel_pin();  // back to the list
    // Whether "Sign out" is offered: a learner is signed in, and this is not an author's
    // preview, whose stand-in learner is the only one there is.
    bool can_sign_out() const { return learner_.has_value() && !author_preview_; }
    void sign_out();  // -> learners; ignored when !can_sign_out()
    // Whether a learner's settings are kept for them on this device: not in an author's
    // preview, whose journal is kept only in memory (Journal::keeps_records()).
    bool settings_are_remembered() const { return journal_->keeps_records(); }
    // For `waymark-player --preview`: signs in the stand-in learner "Author preview" and
    // opens the first course. Returns whether it could (a journal that fails stops).
    bool start_author_preview();

    // --- settings ----------------------------------------------------------------
    const Settings& settings() const { return settings_; }
    void open_settings();   // remembers the screen to return to
    void close_settings();  // back where the learner was
    // Applies `s` (clamped) and remembers it for the signed-in learner.
    void change_settings(Settings s);

    // --- library -----------------------------------------------------------------
    const std::vector<LibraryCourse>& library() const { return library_; }
    CourseStatus status_of(std::size_t index) const;
    // Opens a playable course where the learner left off: the attempt they left open
    // (Continue returns to it), else the page they last read.
    void open_course(std::size_t index);
    // Opens the course's pages at the page last read, even while an attempt is open
    // ("Back to the course" from the assessment's introduction).
    void read_course(std::size_t index);
    void back_to_library();
    // Replaces a course after its files changed (author preview), keeping the page
    // when it still exists.
    void reload_course(std::size_t index, LibraryCourse course);

    // --- course ------------------------------------------------------------------
    const LibraryCourse* current_course() const;
    // The contact kept in view on every screen of the open course (the top bar): the
    // course's pinned contact (course.json "pinned_contact", such as 999) while the
    // course, its assessment or its result is shown; null elsewhere or when none is pinned.
    const course::Contact* pinned_contact() const;
    CourseReader* reader() { return reader_.get(); }
    const CourseReader* reader() const { return reader_.get(); }
    void go_to_page(PagePosition p);
    // The end of the page on screen has been on the screen: the page counts as read from
    // now (recorded first, once). The course screen calls it each frame the end shows.
    void page_end_seen();
    void next_page();  // on the last page: the assessment intro
    void previous_page();
    // "Next", or "Continue to the assessment" on the last page of a course with one.
    std::string next_label() const;
    bool can_go_next() const;
    // Marks the draft of a knowledge check, records the try and shows feedback.
    void check_answer(const std::string& question_id);
    void try_check_again(const std::string& question_id);

    // --- assessment ----------------------------------------------------------------
    bool has_assessment() const;
    void open_assessment_intro();
    assessment::StartDecision eligibility() const;
    // All pages the completion rule counts have been read.
    bool ready_for_assessment() const;
    void start_assessment();  // a new attempt, or the one in progress
    AssessmentSession* session() { return session_ ? &*session_ : nullptr; }
    const AssessmentSession* session() const { return session_ ? &*session_ : nullptr; }
    void assessment_next();
    void assessment_back();
    void assessment_go_to(std::size_t index);
    // Flags or unflags the question on screen; saved at once, as where the learner is.
    void assessment_toggle_flag();
    // Saves the answer on screen when it is a whole answer that differs from the one
    // saved. The screen calls it whenever no control is being edited, so a crash keeps
    // the ticks on an open question, and typing is saved once the field is left.
    void assessment_save_answer();
    void assessment_review();
    void assessment_ask_submit();
    void assessment_cancel_submit();
    void assessment_submit();
    // Called every frame: submits when the time limit has passed.
    void tick();

    // --- manager area ----------------------------------------------------------------
    // The passphrase is an administrator's to set ('waymark manager passphrase', kept in
    // the ledger): the player only asks for it, so whoever opens the area first cannot
    // choose it. Offered everywhere but an author's preview, which has no managers.
    bool has_manager_area() const { return !author_preview_; }
    // -> manager_sign_in, remembering where to come back; asks the journal whether a
    // passphrase is set.
    void open_manager();
    void close_manager();  // locks the area again and goes back
    // Whether this device has a manager passphrase (as the journal said when the area was
    // opened). Without one the sign-in screen says how an administrator sets one and
    // offers only Back.
    bool manager_passphrase_set() const { return manager_passphrase_set_; }
    std::string& manager_passphrase() { return passphrase_; }
    // How long until the journal will check another passphrase after a wrong one; zero
    // when it will now.
    std::chrono::seconds manager_wait() const;
    // Whether "Open the manager area" does anything: a passphrase is set and no wait is
    // running (the screen disables the button otherwise).
    bool can_submit_manager_passphrase() const;
    // Why the last try failed, counting down the wait: "Wrong passphrase. Try again in
    // 4 seconds."; empty when there is nothing to say.
    std::string manager_problem() const;
    // Checks the passphrase; on success shows the area and starts reading the ledger's
    // status matrix as of now on a worker (take_manager_area()). Does nothing while
    // can_submit_manager_passphrase() is false; otherwise the typed passphrase is cleared
    // whatever the outcome.
    void submit_manager_passphrase();
    // While the area's records are being read: what the worker is doing, and how far it
    // has got (0 to 1).
    bool manager_loading() const { return manager_load_ != nullptr; }
    std::string manager_load_message() const {
        return manager_load_ ? manager_load_->message() : std::string();
    }
    float manager_load_fraction() const { return manager_load_ ? manager_load_->fraction() : 0; }
    // Takes the area once the worker has read it, waiting up to `wait` (the manager screen
    // asks every frame without waiting); manager_problem() says why when it could not be
    // read. Returns whether the reading is over.
    bool take_manager_area(std::chrono::milliseconds wait = std::chrono::milliseconds{0});
    // The open area: the status matrix, its filters and list. Null while it is locked,
    // and on a journal that keeps no ledger (manager_problem() then says so).
    ManagerArea* manager_area() { return manager_area_ ? &*manager_area_ : nullptr; }
    const ManagerArea* manager_area() const { return manager_area_ ? &*manager_area_ : nullptr; }
    // Where exports are written: the certificate folder (the user's documents) unless
    // the manager types another.
    std::string& export_folder() { return export_folder_; }
    // Writes the rows the team, course and status filters cover, as `waymark report` or
    // `waymark certificate` would, on a worker thread. One at a time: ignored while one
    // runs. Locking the area cancels a running export.
    void start_export(ExportKind kind);
    bool exporting() const { return export_ && !export_->finished(); }
    const ManagerExport* current_export() const { return export_.get(); }
    void cancel_export();
    // What the running or last export is doing or did, for the manager: "Writing the
    // CSV report: 1,200 of 5,000 rows", or the files written and how to check them.
    std::string export_message() const;

    // --- PIN reset (in the manager area) ---------------------------------------------
    // The list's choice goes through the player, which asks the journal whether the
    // chosen learner has a PIN: the reset is offered only for one who has, or whose PIN
    // record the ledger cannot vouch for (the learner is then told to ask a manager).
    void select_manager_row(std::size_t listed_index);
    void move_manager_selection(std::ptrdiff_t delta);  // rows down; negative: up
    enum class PinRecord { none, set, damaged };
    PinRecord chosen_pin() const;  // none when no row is chosen
    // With PinRecord::damaged: what the ledger found and how to check it, for the manager.
    const std::string& pin_record_detail() const { return pin_record_detail_; }
    // Asks to confirm (pin_reset_question()); ignored unless chosen_pin() != none.
    void ask_pin_reset();
    bool confirming_pin_reset() const { return pin_reset_for_.has_value(); }
    // "Reset the PIN of Sam Patel (WF-12)? They will choose a new one when they next
    // sign in."
    std::string pin_reset_question() const;
    // Resets through the journal (the rule 'waymark learner pin-reset' uses); the message
    // says what happened, or what stopped it.
    void confirm_pin_reset();
    void cancel_pin_reset();
    const std::string& pin_reset_message() const { return pin_reset_message_; }

    // --- result ------------------------------------------------------------------
    const assessment::AttemptResult* result() const;
    bool may_review_answers() const;
    bool completed() const;  // the course is complete for this learner now
    // A certificate can be saved: the course is complete on a trusted package and the
    // journal keeps a record that can confirm it.
    bool can_save_certificate() const;
    // Saves the certificate as "Certificate - COURSE - NAME.pdf" in the certificate
    // folder, recording that it was issued; a failure becomes the notice.
    void save_certificate();
    // The certificate saved since this screen was shown; empty before.
    const std::filesystem::path& certificate_path() const { return certificate_path_; }
    std::vector<assessment::Attempt> past_attempts() const;

  private:
    void show(Screen s);
    bool recorded(const Result<void>& r);  // false (and stopped) when a write failed
    RecordEvent recorder();
    void load_history();
    void record_completion_if_earned();
    void save_sitting_place();  // when the question on screen or a flag changed

    std::vector<LibraryCourse> library_;
    Journal* journal_;
    PlayerOptions options_;
    Screen screen_ = Screen::learners;
    Screen settings_return_ = Screen::learners;
    std::string stop_message_;
    std::string notice_;

    std::vector<Learner> learners_;
    std::string learner_search_;
    std::optional<std::size_t> learner_;
    bool author_preview_ = false;
    LearnerForm form_;
    std::vector<FieldProblem> form_problems_;
    bool pins_required_ = false;
    // The PIN step: for whom, what the last try came to, when the wait is over.
    PinStep pin_step_ = PinStep::none;
    std::size_t pin_for_ = 0;
    enum class PinTry { none, wrong, too_soon, failed, unverifiable };
    PinTry pin_try_ = PinTry::none;
    std::string pin_error_;   // with PinTry::failed: the journal's reason
    UtcTime pin_retry_at_{};  // by the player's clock
    void sign_in_as(std::size_t index);
    void pin_failed(const Error& error);  // the journal could not check or read the PIN
    Settings settings_;

    std::optional<std::size_t> course_index_;
    std::unique_ptr<CourseReader> reader_;
    CourseHistory history_;
    std::optional<AssessmentSession> session_;
    SittingPlace saved_place_;  // what the journal last kept for the open attempt
    std::optional<assessment::AttemptResult> result_;
    std::filesystem::path certificate_path_;

    // What the last try at the manager passphrase came to, for manager_problem().
    enum class ManagerTry { none, wrong, too_soon, failed };
    Screen manager_return_ = Screen::learners;
    bool manager_passphrase_set_ = false;
    std::string passphrase_;
    ManagerTry manager_try_ = ManagerTry::none;
    std::string manager_error_;   // with ManagerTry::failed: the journal's reason
    UtcTime manager_retry_at_{};  // by the player's clock: when the wait is over
    std::optional<ManagerArea> manager_area_;
    std::unique_ptr<ManagerLoad> manager_load_;  // reading the area's records
    std::string export_folder_;
    std::unique_ptr<ManagerExport> export_;
    // The PIN of the learner chosen in the area, as the journal said when they were chosen.
    void forget_pin_reset();
    void check_chosen_pin(const ManagerRow* before);  // after the list's choice moved
    std::string pin_checked_for_;                     // learner id
    PinRecord pin_record_ = PinRecord::none;
    std::string pin_record_detail_;
    struct PinResetFor {
        std::string learner_id, name, staff_id;
    };
    std::optional<PinResetFor> pin_reset_for_;  // while the confirmation shows
    std::string pin_reset_message_;
};

}  // namespace waymark::player
