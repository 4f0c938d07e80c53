#include "waymark/player/player.hpp"

#include <sodium.h>

#include <algorithm>

#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/core/ids.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/player/name_search.hpp"

namespace waymark::player {

namespace as = waymark::assessment;

Player::Player(std::vector<LibraryCourse> library, Journal& journal, PlayerOptions options)
    : library_(std::move(library)), journal_(&journal), options_(std::move(options)) {
    if (!options_.clock)
        options_.clock = utc_now;
    if (!options_.random_seed)
        options_.random_seed = [] {
            std::uint64_t seed = 0;
            randombytes_buf(&seed, sizeof seed);
            return seed;
        };
    if (!options_.new_id)
        options_.new_id = [] { return Uuid::random().str(); };
    auto people = journal_->learners();
    if (!people) {
        recorded(people.error());
        return;
    }
    learners_ = std::move(*people);
    auto required = journal_->pins_required();
    if (!required) {
        recorded(required.error());
        return;
    }
    pins_required_ = *required;
    // Each trusted course on this device is recorded with its title when the player finds
    // it, so the manager area and the reports list and name it before anyone opens it.
    for (const LibraryCourse& c : library_)
        if (c.trusted() && c.playable() && !c.course->title.empty() &&
            !recorded(journal_->record_course_title(c.course->id, c.course->title)))
            return;
    screen_ = learners_.empty() ? Screen::add_learner : Screen::learners;
}

void Player::show(Screen s) {
    if (screen_ == Screen::stopped)
        return;
    screen_ = s;
    notice_.clear();
    certificate_path_.clear();
    // Leaving the manager area locks it: nothing it read is kept, and an export stops.
    if (s != Screen::manager) {
        manager_area_.reset();
        manager_load_.reset();
        export_.reset();
    }
}

bool Player::recorded(const Result<void>& r) {
    if (r)
        return true;
    stop_message_ =
        "Your progress could not be saved, so the course has stopped here to keep your "
        "record complete. " +
        r.error().describe() +
        ". Close the player and ask your manager or IT team to check the ledger file; "
        "nothing after this point was recorded.";
    screen_ = Screen::stopped;
    return false;
}

// --- learners --------------------------------------------------------------------

const Learner* Player::learner() const {
    return learner_ ? &learners_[*learner_] : nullptr;
}

namespace {

// How long until `at` by `now`, rounded up; zero once it has passed.
std::chrono::seconds wait_until(UtcTime at, UtcTime now) {
    const auto left = at - now;
    return left > UtcTime::duration::zero() ? std::chrono::ceil<std::chrono::seconds>(left)
                                            : std::chrono::seconds{0};
}

// "Try again in 4 seconds." while a wait runs, else "Try again."
std::string try_again(std::chrono::seconds wait) {
    const auto n = wait.count();
    return n > 0 ? "Try again in " + std::to_string(n) + (n == 1 ? " second." : " seconds.")
                 : "Try again.";
}

}  // namespace

void Player::choose_learner(std::size_t index) {
    if (index >= learners_.size())
        return;
    form_ = {};
    form_problems_.clear();
    pin_for_ = index;
    pin_error_.clear();
    // A wait still running keeps its message: it says why the button is disabled.
    if (pin_wait() == std::chrono::seconds{0})
        pin_try_ = PinTry::none;
    // Asked each time: a manager may have reset the PIN, or the organisation required
    // PINs, while the player was open.
    auto has = journal_->has_pin(learners_[index].id);
    if (!has) {
        // A PIN the ledger cannot vouch for opens nothing: the step says why.
        pin_step_ = PinStep::enter;
        pin_failed(has.error());
        return;
    }
    if (*has) {
        pin_step_ = PinStep::enter;
        return;
    }
    auto required = journal_->pins_required();
    if (!recorded(required ? Result<void>{} : Result<void>{required.error()}))
        return;
    pins_required_ = *required;
    if (pins_required_) {
        pin_step_ = PinStep::choose;
        return;
    }
    sign_in_as(index);
}

void Player::sign_in_as(std::size_t index) {
    pin_step_ = PinStep::none;
    form_ = {};
    auto saved = journal_->settings(learners_[index].id);
    if (!recorded(saved ? Result<void>{} : Result<void>{saved.error()}))
        return;
    learner_ = index;
    settings_ = *saved;
    show(Screen::library);
}

const Learner* Player::pin_learner() const {
    return pin_step_ != PinStep::none ? &learners_[pin_for_] : nullptr;
}

std::chrono::seconds Player::pin_wait() const {
    return wait_until(pin_retry_at_, now());
}

bool Player::can_submit_pin() const {
    return screen_ == Screen::learners && pin_step_ != PinStep::none &&
           pin_wait() == std::chrono::seconds{0};
}

std::string Player::pin_problem() const {
    switch (pin_try_) {
        case PinTry::none:
            return {};
        case PinTry::wrong:
            return "Wrong PIN. " + try_again(pin_wait());
        case PinTry::too_soon:
            return "Too many wrong PINs for this name. " + try_again(pin_wait());
        case PinTry::failed:
            return pin_error_;
        case PinTry::unverifiable:
            return "This PIN cannot be checked on this device. Ask your manager to reset it.";
    }
    return {};
}

void Player::submit_pin() {
    if (!can_submit_pin())
        return;
    const std::string& id = learners_[pin_for_].id;
    if (pin_step_ == PinStep::choose) {
        form_problems_ = pin_problems(form_.pin, form_.pin_again, true);
        if (form_problems_.empty()) {
            auto set = journal_->set_pin(id, form_.pin);
            if (!set && set.error().code == ErrorCode::invalid)
                form_problems_.push_back({LearnerField::pin, set.error().message});
            else if (!recorded(set))
                return;
        }
        form_.pin.clear();
        form_.pin_again.clear();
        if (form_problems_.empty())
            sign_in_as(pin_for_);
        return;
    }
    auto checked = journal_->check_pin(id, form_.pin);
    // Never keep a PIN in memory longer than needed.
    form_.pin.clear();
    pin_error_.clear();
    if (!checked) {
        pin_failed(checked.error());
        return;
    }
    using Outcome = ManagerCheck::Outcome;
    switch (checked->outcome) {
        case Outcome::granted:
            pin_try_ = PinTry::none;
            sign_in_as(pin_for_);
            return;
        case Outcome::refused:
        case Outcome::wait:
            pin_try_ = checked->outcome == Outcome::refused ? PinTry::wrong : PinTry::too_soon;
            pin_retry_at_ = now() + checked->wait;
            return;
        case Outcome::not_set:
            // Reset by a manager since the step opened: choose a new one if required.
            pin_try_ = PinTry::none;
            choose_learner(pin_for_);
            return;
    }
}

void Player::pin_failed(const Error& error) {
    // A record that fails its check is the learner's to hear about in their words; the
    // ledger's account (which file, which command) is shown to a manager at the reset.
    pin_try_ = error.code == ErrorCode::verification ? PinTry::unverifiable : PinTry::failed;
    pin_error_ = error.describe();
}

void Player::cancel_pin() {
    pin_step_ = PinStep::none;
    form_ = {};
    form_problems_.clear();
}

std::vector<std::size_t> Player::learners_listed() const {
    const NameSearch search(offers_learner_search() ? learner_search_ : std::string());
    std::vector<std::size_t> listed;
    for (std::size_t i = 0; i < learners_.size(); ++i)
        if (search.matches(learners_[i].name, learners_[i].staff_id))
            listed.push_back(i);
    return listed;
}

void Player::show_add_learner() {
    form_ = {};
    form_problems_.clear();
    pin_step_ = PinStep::none;
    auto required = journal_->pins_required();
    if (!recorded(required ? Result<void>{} : Result<void>{required.error()}))
        return;
    pins_required_ = *required;
    show(Screen::add_learner);
}

bool Player::submit_learner_form() {
    form_problems_ = check_learner_form(form_, learners_, pins_required_);
    if (!form_problems_.empty())
        return false;
    const LearnerForm tidied = tidy(form_);
    Learner l{options_.new_id(), tidied.name, tidied.staff_id, tidied.team, tidied.role};
    auto stored = journal_->add_learner(l);
    if (!stored) {
        // The ledger has the last word on what makes a valid learner.
        if (stored.error().code == ErrorCode::invalid) {
            form_problems_.push_back({LearnerField::name, stored.error().message});
            return false;
        }
        recorded(stored.error());
        return false;
    }
    learners_.push_back(*stored);
    if (!form_.pin.empty() && !recorded(journal_->set_pin(stored->id, form_.pin)))
        return false;
    learner_ = learners_.size() - 1;
    settings_ = {};
    form_ = {};
    show(Screen::library);
    return true;
}

void Player::cancel_add_learner() {
    form_problems_.clear();
    show(learners_.empty() ? Screen::add_learner : Screen::learners);
}

void Player::sign_out() {
    if (!can_sign_out())
        return;
    learner_.reset();
    course_index_.reset();
    reader_.reset();
    session_.reset();
    result_.reset();
    settings_ = {};
    learner_search_.clear();
    show(learners_.empty() ? Screen::add_learner : Screen::learners);
}

bool Player::start_author_preview() {
    form_ = {"Author preview", "PREVIEW", "Preview", "Author"};
    if (!submit_learner_form())
        return false;
    author_preview_ = true;
    open_course(0);
    // A course that cannot be loaded at all (a broken course.json) shows its diagnostics,
    // not a learner's card: the author is the one who can fix it.
    if (screen_ == Screen::library && !library_.empty()) {
        course_index_ = 0;
        show(Screen::course);
    }
    return true;
}

// --- settings --------------------------------------------------------------------

void Player::open_settings() {
    if (screen_ == Screen::settings || screen_ == Screen::stopped)
        return;
    settings_return_ = screen_;
    show(Screen::settings);
}

void Player::close_settings() {
    if (screen_ == Screen::settings)
        show(settings_return_);
}

void Player::change_settings(Settings s) {
    s.text_size_percent = clamp_text_size(s.text_size_percent);
    s.reading_speed = clamp_reading_speed(s.reading_speed);
    if (s == settings_)
        return;
    settings_ = s;
    if (learner_)
        recorded(journal_->save_settings(learners_[*learner_].id, s));
}

// --- library ---------------------------------------------------------------------

CourseStatus Player::status_of(std::size_t index) const {
    if (!learner_ || index >= library_.size() || !library_[index].course)
        return {};
    const Learner& who = learners_[*learner_];
    auto h = journal_->history(who.id, library_[index].course->id);
    if (!h)
        return {};
    // Settings the reports would refuse cannot be recorded by `waymark settings`; should one
    // be there anyway, the library falls back to the defaults rather than show nothing.
    auto organisation = journal_->organisation();
    auto enrolled = journal_->enrolled_at(who.id);
    CourseStatus s = course_status(
        *library_[index].course, *h, organisation ? *organisation : report::OrganisationSettings{},
        {who.team, who.role, enrolled ? *enrolled : std::nullopt}, options_.clock());
    // An author previews every course, the trainers' sample included; a course folder is
    // always someone's deliberate preview (--courses DIR). Only packages follow the
    // organisation's course.<id>.offered.
    if (author_preview_ || library_[index].origin == CourseOrigin::source_folder)
        s.listed = true;
    return s;
}

void Player::load_history() {
    auto h = journal_->history(learners_[*learner_].id, library_[*course_index_].course->id);
    if (!recorded(h ? Result<void>{} : Result<void>{h.error()}))
        return;
    history_ = std::move(*h);
}

void Player::open_course(std::size_t index) {
    read_course(index);
    if (screen_ != Screen::course || !ready_for_assessment())
        return;
    const auto past = past_attempts();
    if (std::any_of(past.begin(), past.end(), [](const as::Attempt& a) {
            return a.state() == as::AttemptState::in_progress ||
                   a.state() == as::AttemptState::submitted;
        }))
        start_assessment();
}

void Player::read_course(std::size_t index) {
    if (!learner_ || index >= library_.size() || !library_[index].playable())
        return;
    course_index_ = index;
    session_.reset();
    result_.reset();
    reader_ = std::make_unique<CourseReader>(*library_[index].course);
    load_history();
    if (screen_ == Screen::stopped)
        return;
    reader_->restore(history_);
    show(Screen::course);
    go_to_page(reader_->position());
}

void Player::back_to_library() {
    session_.reset();
    show(Screen::library);
}

void Player::reload_course(std::size_t index, LibraryCourse course) {
    if (index >= library_.size())
        return;
    const bool current = course_index_ == index && reader_;
    const bool showing_problems = author_preview_ && course_index_ == index && !reader_;
    std::optional<PageRef> where;
    if (current)
        where = reader_->ref(reader_->position());
    library_[index] = std::move(course);
    if (showing_problems && library_[index].playable())
        open_course(index);  // the author fixed it
    if (!current)
        return;
    if (!library_[index].course) {
        // Nothing loadable: keep the old reader away from the freed course. An author's
        // preview stays on the course, showing what to fix; a learner goes to the library.
        reader_.reset();
        session_.reset();
        show(author_preview_ ? Screen::course : Screen::library);
        return;
    }
    reader_ = std::make_unique<CourseReader>(*library_[index].course);
    reader_->restore(history_);
    if (where)
        if (auto p = reader_->find(*where))
            reader_->go_to(*p);
    session_.reset();
    if (screen_ == Screen::assessment || screen_ == Screen::result)
        show(Screen::course);
}

const LibraryCourse* Player::current_course() const {
    return course_index_ ? &library_[*course_index_] : nullptr;
}

const course::Contact* Player::pinned_contact() const {
    const auto* c = current_course();
    if (!c || !c->course)
        return nullptr;
    switch (screen()) {
        case Screen::course:
        case Screen::assessment_intro:
        case Screen::assessment:
        case Screen::result:
            return c->course->pinned_contact();
        default:
            return nullptr;
    }
}

// --- course ----------------------------------------------------------------------

void Player::go_to_page(PagePosition p) {
    if (!reader_ || !reader_->valid(p))
        return;
    reader_->go_to(p);
    show(Screen::course);
}

void Player::page_end_seen() {
    if (!reader_ || screen_ != Screen::course || reader_->is_read(reader_->position()))
        return;
    // A page is read once its end has been on the screen, and recorded before the tick
    // shows: the journal's page views are the pages read.
    const PageRef ref = reader_->ref(reader_->position());
    if (!recorded(journal_->page_viewed(learners_[*learner_].id, current_course()->ref(), ref,
                                        options_.clock())))
        return;
    history_.pages_viewed.push_back(ref);
    reader_->mark_read();
}

bool Player::can_go_next() const {
    return reader_ && (reader_->can_go_next() || has_assessment());
}

std::string Player::next_label() const {
    if (reader_ && !reader_->can_go_next() && has_assessment())
        return "Continue to the assessment";
    return "Next";
}

void Player::next_page() {
    if (!reader_)
        return;
    if (auto next = reader_->following())
        go_to_page(*next);
    else if (has_assessment())
        open_assessment_intro();
}

void Player::previous_page() {
    if (!reader_)
        return;
    if (auto prev = reader_->previous())
        go_to_page(*prev);
}

void Player::check_answer(const std::string& question_id) {
    if (!reader_)
        return;
    CheckState* state = reader_->check(question_id);
    const content::Question* q = reader_->course().find_knowledge_check(question_id);
    if (!state || !q)
        return;
    if (q->type == content::QuestionType::essay || q->type == content::QuestionType::description) {
        state->reflected = is_complete(*q, state->draft);
        return;
    }
    auto response = to_response(*q, state->shown, state->draft);
    if (!response) {
        notice_ = response.error().message;
        return;
    }
    auto marked = as::practise(*q, *response, options_.clock());
    if (!marked) {
        notice_ = marked.error().describe();
        return;
    }
    if (!recorded(journal_->practice_answered(learners_[*learner_].id, current_course()->ref(),
                                              marked->event)))
        return;
    state->feedback = marked->score;
    ++state->tries;
    notice_.clear();
}

void Player::try_check_again(const std::string& question_id) {
    if (!reader_)
        return;
    if (CheckState* state = reader_->check(question_id); state && state->may_try_again()) {
        state->feedback.reset();
        state->reflected = false;
    }
}

// --- assessment ------------------------------------------------------------------

bool Player::has_assessment() const {
    return reader_ && !reader_->course().assessment_questions.empty();
}

std::vector<as::Attempt> Player::past_attempts() const {
    std::vector<as::Attempt> out;
    for (const auto& events : history_.attempts)
        if (auto a = as::rebuild_attempt(events))
            out.push_back(std::move(*a));
    return out;
}

void Player::open_assessment_intro() {
    if (has_assessment())
        show(Screen::assessment_intro);
}

bool Player::ready_for_assessment() const {
    return reader_ && reader_->required_pages_read();
}

as::StartDecision Player::eligibility() const {
    if (!has_assessment())
        return {};
    const auto past = past_attempts();
    return as::can_start_attempt(policy_of(reader_->course().assessment), past, options_.clock());
}

RecordEvent Player::recorder() {
    return [this](const as::AttemptEvent& e) -> Result<void> {
        std::string attempt_id;
        if (const auto* s = std::get_if<as::AttemptStarted>(&e))
            attempt_id = s->attempt_id;
        else if (session_)
            attempt_id = session_->attempt().id();
        auto r = journal_->attempt_event(learners_[*learner_].id, current_course()->ref(),
                                         attempt_id, e);
        if (!r) {
            recorded(r);
            return r;
        }
        // Keep the history the eligibility rules read in step with the journal.
        if (std::holds_alternative<as::AttemptStarted>(e))
            history_.attempts.push_back({e});
        else if (!history_.attempts.empty())
            history_.attempts.back().push_back(e);
        return {};
    };
}

void Player::start_assessment() {
    if (!has_assessment() || !ready_for_assessment())
        return;
    // An attempt left open (the player was closed mid-way) carries on.
    const auto past = past_attempts();
    for (const auto& a : past)
        if (a.state() == as::AttemptState::in_progress ||
            a.state() == as::AttemptState::submitted) {
            auto place = journal_->sitting_place(learners_[*learner_].id, a.id());
            if (!recorded(place ? Result<void>{} : Result<void>{place.error()}))
                return;
            auto resumed = AssessmentSession::resume(reader_->course(), a, *place);
            if (!resumed) {
                notice_ = resumed.error().message;
                return;
            }
            session_ = std::move(*resumed);
            saved_place_ = *place;
            show(Screen::assessment);
            if (session_->attempt().state() == as::AttemptState::submitted)
                assessment_submit();
            return;
        }
    const auto decision = eligibility();
    if (!decision.allowed) {
        notice_ = decision.message;
        return;
    }
    auto started = AssessmentSession::start(reader_->course(), options_.new_id(),
                                            options_.random_seed(), options_.clock(), recorder());
    if (screen_ == Screen::stopped)
        return;
    if (!started) {
        notice_ = "The assessment cannot start: " + started.error().describe() +
                  ". Tell the course's trainer.";
        return;
    }
    session_ = std::move(*started);
    saved_place_ = {};
    result_.reset();
    show(Screen::assessment);
}

void Player::save_sitting_place() {
    if (!session_ || screen_ == Screen::stopped ||
        session_->attempt().state() != as::AttemptState::in_progress)
        return;
    const SittingPlace place = session_->place();
    if (place == saved_place_)
        return;
    if (recorded(
            journal_->save_sitting_place(learners_[*learner_].id, session_->attempt().id(), place)))
        saved_place_ = place;
}

void Player::assessment_toggle_flag() {
    if (!session_ || session_->stage() != SittingStage::question)
        return;
    session_->toggle_flag();
    save_sitting_place();
}

void Player::assessment_save_answer() {
    if (!session_)
        return;
    if (auto r = session_->save_draft(options_.clock(), recorder());
        !r && screen_ != Screen::stopped)
        notice_ = r.error().message;
    // Resume here rather than at the first unanswered question, which this may no longer be.
    save_sitting_place();
}

void Player::assessment_next() {
    if (session_) {
        if (auto r = session_->next(options_.clock(), recorder()); !r && screen_ != Screen::stopped)
            notice_ = r.error().message;
    }
    save_sitting_place();
}

void Player::assessment_back() {
    if (session_) {
        if (auto r = session_->back(options_.clock(), recorder()); !r && screen_ != Screen::stopped)
            notice_ = r.error().message;
    }
    save_sitting_place();
}

void Player::assessment_go_to(std::size_t index) {
    if (session_) {
        if (auto r = session_->go_to(index, options_.clock(), recorder());
            !r && screen_ != Screen::stopped)
            notice_ = r.error().message;
    }
    save_sitting_place();
}

void Player::assessment_review() {
    if (session_) {
        if (auto r = session_->open_review(options_.clock(), recorder());
            !r && screen_ != Screen::stopped)
            notice_ = r.error().message;
    }
    save_sitting_place();
}

void Player::assessment_ask_submit() {
    if (session_)
        session_->ask_to_submit();
}

void Player::assessment_cancel_submit() {
    if (session_)
        session_->cancel_submit();
}

void Player::assessment_submit() {
    if (!session_)
        return;
    auto r = session_->submit(options_.clock(), recorder());
    if (screen_ == Screen::stopped)
        return;
    if (!r) {
        notice_ = "Your answers could not be marked: " + r.error().describe();
        return;
    }
    result_ = session_->attempt().result();
    record_completion_if_earned();
    if (screen_ == Screen::stopped)
        return;
    show(Screen::result);
}

void Player::tick() {
    if (screen_ == Screen::assessment && session_ && session_->out_of_time(options_.clock()))
        assessment_submit();
}

void Player::record_completion_if_earned() {
    if (!result_ || !result_->passed || !reader_ || !reader_->required_pages_read())
        return;
    Completion c{reader_->course().version, options_.clock(), result_->scaled,
                 session_ ? session_->attempt().id() : std::string(),
                 reader_->course().refresher_months};
    if (!recorded(journal_->course_completed(learners_[*learner_].id, current_course()->ref(), c)))
        return;
    history_.completions.push_back(c);
}

// --- manager area ----------------------------------------------------------------

void Player::open_manager() {
    if (!has_manager_area() || screen_ == Screen::stopped || screen_ == Screen::manager_sign_in ||
        screen_ == Screen::manager)
        return;
    manager_return_ = screen_ == Screen::settings ? settings_return_ : screen_;
    passphrase_.clear();
    manager_error_.clear();
    // A wait still running keeps its message: it says why the button is disabled.
    if (manager_wait() == std::chrono::seconds{0})
        manager_try_ = ManagerTry::none;
    // Asked each time: an administrator may have set one while the player was open.
    auto set = journal_->has_manager_passphrase();
    manager_passphrase_set_ = set && *set;
    if (!set) {
        manager_try_ = ManagerTry::failed;
        manager_error_ = set.error().describe();
    }
    show(Screen::manager_sign_in);
}

void Player::close_manager() {
    if (screen_ != Screen::manager_sign_in && screen_ != Screen::manager)
        return;
    manager_area_.reset();
    manager_load_.reset();
    export_.reset();
    forget_pin_reset();
    passphrase_.clear();
    show(manager_return_);
}

std::chrono::seconds Player::manager_wait() const {
    return wait_until(manager_retry_at_, now());
}

bool Player::can_submit_manager_passphrase() const {
    return screen_ == Screen::manager_sign_in && manager_passphrase_set_ &&
           manager_wait() == std::chrono::seconds{0};
}

std::string Player::manager_problem() const {
    const std::string again = try_again(manager_wait());
    switch (manager_try_) {
        case ManagerTry::none:
            return {};
        case ManagerTry::wrong:
            return "Wrong passphrase. " + again;
        case ManagerTry::too_soon:
            return "Too many wrong passphrases on this device. " + again;
        case ManagerTry::failed:
            return manager_error_;
    }
    return {};
}

void Player::submit_manager_passphrase() {
    if (!can_submit_manager_passphrase())
        return;
    auto checked = journal_->check_manager_passphrase(passphrase_);
    // Never keep a passphrase in memory longer than needed.
    passphrase_.clear();
    manager_error_.clear();
    if (!checked) {
        manager_try_ = ManagerTry::failed;
        manager_error_ = checked.error().describe();
        return;
    }
    using Outcome = ManagerCheck::Outcome;
    switch (checked->outcome) {
        case Outcome::granted:
            manager_try_ = ManagerTry::none;
            break;
        case Outcome::refused:
        case Outcome::wait:
            manager_try_ =
                checked->outcome == Outcome::refused ? ManagerTry::wrong : ManagerTry::too_soon;
            manager_retry_at_ = now() + checked->wait;
            return;
        case Outcome::not_set:
            manager_passphrase_set_ = false;
            manager_try_ = ManagerTry::none;
            return;
    }
    // The area reads the ledger's status matrix, which every report uses; a journal kept
    // in memory has none, and the screen says so rather than count by other rules.
    auto* ledger_journal = dynamic_cast<LedgerJournal*>(journal_);
    if (!ledger_journal) {
        manager_try_ = ManagerTry::failed;
        manager_error_ =
            "This player keeps no record on this device (it runs without a ledger), so there "
            "is nothing to report. Open the player on the device whose ledger holds the "
            "training records.";
        show(Screen::manager);
        return;
    }
    std::map<std::string, std::string> titles;
    for (const auto& c : library_)
        if (c.course)
            titles.emplace(c.course->id, c.course->title);
    show(Screen::manager);
    forget_pin_reset();
    // Read on a worker: a large organisation's records take longer than a frame.
    manager_load_ = std::make_unique<ManagerLoad>(ledger_journal->ledger().path(), options_.clock(),
                                                  std::move(titles));
}

bool Player::take_manager_area(std::chrono::milliseconds wait) {
    if (!manager_load_)
        return true;
    if (!manager_load_->wait_for(wait))
        return false;
    auto area = manager_load_->take();
    manager_load_.reset();
    if (!area) {
        manager_try_ = ManagerTry::failed;
        manager_error_ = "The training records could not be read: " + area.error().describe() +
                         ". Ask your IT team to check the ledger with 'waymark ledger verify'.";
        return true;
    }
    manager_area_ = std::move(*area);
    if (export_folder_.empty())
        export_folder_ = options_.certificate_folder.empty()
                             ? std::filesystem::current_path().string()
                             : options_.certificate_folder.string();
    return true;
}

void Player::start_export(ExportKind kind) {
    if (!manager_area_ || exporting())
        return;
    ExportRequest request;
    request.kind = kind;
    request.folder = export_folder_;
    request.filter = manager_area_->export_filter();
    request.as_of = manager_area_->as_of();
    for (const auto& id : manager_area_->course_ids())
        request.titles.emplace(id, manager_area_->course_title(id));
    export_.reset();  // the last one has finished: its worker is joined here
    export_ = std::make_unique<ManagerExport>(manager_area_->ledger_path(), std::move(request));
}

void Player::cancel_export() {
    if (export_)
        export_->cancel();
}

std::string Player::export_message() const {
    return export_ ? export_->message() : std::string();
}

// --- PIN reset -------------------------------------------------------------------

void Player::forget_pin_reset() {
    pin_checked_for_.clear();
    pin_record_ = PinRecord::none;
    pin_record_detail_.clear();
    pin_reset_for_.reset();
    pin_reset_message_.clear();
}

void Player::select_manager_row(std::size_t listed_index) {
    if (!manager_area_)
        return;
    const ManagerRow* before = manager_area_->selected_row();
    manager_area_->select(listed_index);
    check_chosen_pin(before);
}

void Player::move_manager_selection(std::ptrdiff_t delta) {
    if (!manager_area_)
        return;
    const ManagerRow* before = manager_area_->selected_row();
    manager_area_->move_selection(delta);
    check_chosen_pin(before);
}

void Player::check_chosen_pin(const ManagerRow* before) {
    const ManagerRow* chosen = manager_area_->selected_row();
    if (!chosen || chosen == before)
        return;
    // A confirmation names one person: choosing another row withdraws it.
    pin_reset_for_.reset();
    if (chosen->learner_id == pin_checked_for_)
        return;
    pin_reset_message_.clear();
    pin_checked_for_ = std::string(chosen->learner_id);
    pin_record_detail_.clear();
    auto has = journal_->has_pin(pin_checked_for_);
    pin_record_ = !has ? PinRecord::damaged : *has ? PinRecord::set : PinRecord::none;
    if (!has)
        pin_record_detail_ = has.error().describe();
}

Player::PinRecord Player::chosen_pin() const {
    const ManagerRow* chosen = manager_area_ ? manager_area_->selected_row() : nullptr;
    return chosen && chosen->learner_id == pin_checked_for_ ? pin_record_ : PinRecord::none;
}

void Player::ask_pin_reset() {
    if (chosen_pin() == PinRecord::none)
        return;
    const ManagerRow& r = *manager_area_->selected_row();
    pin_reset_for_ =
        PinResetFor{std::string(r.learner_id), std::string(r.name), std::string(r.staff_id)};
    pin_reset_message_.clear();
}

std::string Player::pin_reset_question() const {
    if (!pin_reset_for_)
        return {};
    return "Reset the PIN of " +
           name_with_staff_id(pin_reset_for_->name, pin_reset_for_->staff_id) +
           "? They will choose a new one when they next sign in.";
}

void Player::confirm_pin_reset() {
    if (!pin_reset_for_ || !manager_area_)
        return;
    const PinResetFor who = *pin_reset_for_;
    pin_reset_for_.reset();
    const std::string person = name_with_staff_id(who.name, who.staff_id);
    if (auto r = journal_->reset_pin(who.learner_id); !r) {
        pin_reset_message_ = "The PIN of " + person +
                             " could not be reset: " + r.error().describe() +
                             ". Nothing was changed.";
        return;
    }
    if (who.learner_id == pin_checked_for_) {
        pin_record_ = PinRecord::none;
        pin_record_detail_.clear();
    }
    pin_reset_message_ = "The PIN of " + person +
                         " is reset. They will choose a new one when they next sign in on this "
                         "device.";
}

void Player::cancel_pin_reset() {
    pin_reset_for_.reset();
}

// --- result ----------------------------------------------------------------------

const as::AttemptResult* Player::result() const {
    return result_ ? &*result_ : nullptr;
}

bool Player::may_review_answers() const {
    if (!reader_ || !result_)
        return false;
    const auto past = past_attempts();
    return as::may_show_correct_answers(policy_of(reader_->course().assessment), past);
}

bool Player::completed() const {
    if (!learner_ || !course_index_)
        return false;
    return !history_.completions.empty();
}

bool Player::can_save_certificate() const {
    return completed() && !current_course()->preview_only() && journal_->issues_certificates();
}

namespace {

// A file name anyone can type, share or attach: no path separators or control
// characters, whatever the course title or learner name holds.
std::string file_name_part(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
                c == '<' || c == '>' || c == '|')
                   ? '-'
                   : c;
    }
    return out;
}

}  // namespace

void Player::save_certificate() {
    if (!can_save_certificate())
        return;
    const Learner& who = learners_[*learner_];
    const LibraryCourse& course = *current_course();
    const std::filesystem::path pdf =
        options_.certificate_folder / ("Certificate - " + file_name_part(course.title()) + " - " +
                                       file_name_part(who.name) + ".pdf");
    if (auto r = journal_->save_certificate(who.id, course.ref().id, course.title(), pdf); !r) {
        notice_ = "The certificate could not be saved: " + r.error().describe();
        return;
    }
    certificate_path_ = pdf;
    notice_.clear();
}

}  // namespace waymark::player
