#include <algorithm>

#include "waymark/ledger/person.hpp"
#include "waymark/player/journal.hpp"

namespace waymark::player {

Result<std::vector<Learner>> MemoryJournal::learners() {
    return learners_;
}

Result<Learner> MemoryJournal::add_learner(const Learner& learner) {
    learners_.push_back(learner);
    return learner;
}

Result<Settings> MemoryJournal::settings(const std::string& learner_id) {
    const auto it = settings_.find(learner_id);
    return it == settings_.end() ? Settings{} : it->second;
}

Result<void> MemoryJournal::save_settings(const std::string& learner_id, const Settings& s) {
    settings_[learner_id] = s;
    return {};
}

Result<void> MemoryJournal::page_viewed(const std::string& learner_id, const CourseRef& course,
                                        const PageRef& page, UtcTime) {
    records_[{learner_id, course.id}].history.pages_viewed.push_back(page);
    return {};
}

Result<void> MemoryJournal::practice_answered(const std::string& learner_id,
                                              const CourseRef& course,
                                              const assessment::PracticeAnswered& event) {
    records_[{learner_id, course.id}].practice.push_back(event);
    return {};
}

Result<void> MemoryJournal::attempt_event(const std::string& learner_id, const CourseRef& course,
                                          const std::string& attempt_id,
                                          const assessment::AttemptEvent& event) {
    Record& r = records_[{learner_id, course.id}];
    const auto it = std::find(r.attempt_ids.begin(), r.attempt_ids.end(), attempt_id);
    if (it == r.attempt_ids.end()) {
        r.attempt_ids.push_back(attempt_id);
        r.history.attempts.push_back({event});
    } else {
        r.history.attempts[static_cast<std::size_t>(it - r.attempt_ids.begin())].push_back(event);
    }
    return {};
}

Result<void> MemoryJournal::course_completed(const std::string& learner_id, const CourseRef& course,
                                             const Completion& c) {
    Completion kept = c;
    kept.trusted = course.trusted;
    records_[{learner_id, course.id}].history.completions.push_back(kept);
    return {};
}

Result<CourseHistory> MemoryJournal::history(const std::string& learner_id,
                                             const std::string& course_id) {
    const auto it = records_.find({learner_id, course_id});
    return it == records_.end() ? CourseHistory{} : it->second.history;
}

Result<SittingPlace> MemoryJournal::sitting_place(const std::string& learner_id,
                                                  const std::string& attempt_id) {
    const auto it = places_.find({learner_id, attempt_id});
    return it == places_.end() ? SittingPlace{} : it->second;
}

Result<void> MemoryJournal::save_sitting_place(const std::string& learner_id,
                                               const std::string& attempt_id,
                                               const SittingPlace& place) {
    places_[{learner_id, attempt_id}] = place;
    return {};
}

void MemoryJournal::set_manager_passphrase(std::string passphrase) {
    manager_passphrase_ = std::move(passphrase);
    manager_failures_ = 0;
}

Result<bool> MemoryJournal::has_manager_passphrase() {
    return manager_passphrase_.has_value();
}

namespace {

// Checks `typed` against `secret`, counting wrong ones in `failures`, with the ledger's
// waits (1 s, 2 s, 4 s, ... up to 5 minutes) but without enforcing them.
ManagerCheck check_counted(const std::string& secret, const std::string& typed, int& failures) {
    if (typed == secret) {
        failures = 0;
        return ManagerCheck{ManagerCheck::Outcome::granted, {}};
    }
    ++failures;
    const int doublings = std::min(failures - 1, 9);
    return ManagerCheck{ManagerCheck::Outcome::refused,
                        std::min(std::chrono::seconds{1 << doublings}, std::chrono::seconds{300})};
}

}  // namespace

Result<ManagerCheck> MemoryJournal::check_manager_passphrase(const std::string& passphrase) {
    if (!manager_passphrase_)
        return ManagerCheck{ManagerCheck::Outcome::not_set, {}};
    return check_counted(*manager_passphrase_, passphrase, manager_failures_);
}

Result<bool> MemoryJournal::has_pin(const std::string& learner_id) {
    return pins_.count(learner_id) > 0;
}

Result<void> MemoryJournal::set_pin(const std::string& learner_id, const std::string& pin) {
    if (auto problem = ledger::pin_problem(pin))
        return make_error(ErrorCode::invalid, *problem);
    pins_[learner_id] = pin;
    pin_failures_.erase(learner_id);
    return {};
}

Result<ManagerCheck> MemoryJournal::check_pin(const std::string& learner_id,
                                              const std::string& pin) {
    const auto found = pins_.find(learner_id);
    if (found == pins_.end())
        return ManagerCheck{ManagerCheck::Outcome::not_set, {}};
    return check_counted(found->second, pin, pin_failures_[learner_id]);
}

Result<void> MemoryJournal::reset_pin(const std::string& learner_id) {
    pins_.erase(learner_id);
    pin_failures_.erase(learner_id);
    return {};
}

Result<report::OrganisationSettings> MemoryJournal::organisation() {
    return report::read_organisation_settings(organisation_settings_);
}

Result<std::optional<UtcTime>> MemoryJournal::enrolled_at(const std::string& learner_id) {
    const auto it = enrolled_.find(learner_id);
    if (it == enrolled_.end())
        return std::optional<UtcTime>{};
    return std::optional<UtcTime>{it->second};
}

Result<void> MemoryJournal::record_course_title(const std::string& course_id,
                                                const std::string& title) {
    const std::string key = "course." + course_id + ".title";
    for (const auto& [k, v] : organisation_settings_)
        if (k == key && !v.empty())
            return {};
    set_organisation_setting(key, title);
    return {};
}

void MemoryJournal::set_organisation_setting(const std::string& key, const std::string& value) {
    organisation_settings_.emplace_back(key, value);
}

void MemoryJournal::set_enrolled_at(const std::string& learner_id, UtcTime at) {
    enrolled_[learner_id] = at;
}

std::vector<assessment::PracticeAnswered> MemoryJournal::practice(
    const std::string& learner_id) const {
    std::vector<assessment::PracticeAnswered> out;
    for (const auto& [key, record] : records_)
        if (key.first == learner_id)
            out.insert(out.end(), record.practice.begin(), record.practice.end());
    return out;
}

}  // namespace waymark::player
