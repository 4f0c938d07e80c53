#include <algorithm>

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
    records_[{learner_id, course.id}].history.completions.push_back(c);
    return {};
}

Result<CourseHistory> MemoryJournal::history(const std::string& learner_id,
                                             const std::string& course_id) {
    const auto it = records_.find({learner_id, course_id});
    return it == records_.end() ? CourseHistory{} : it->second.history;
}

void MemoryJournal::set_manager_passphrase(std::string passphrase) {
    manager_passphrase_ = std::move(passphrase);
    manager_failures_ = 0;
}

Result<bool> MemoryJournal::has_manager_passphrase() {
    return manager_passphrase_.has_value();
}

Result<ManagerCheck> MemoryJournal::check_manager_passphrase(const std::string& passphrase) {
    if (!manager_passphrase_)
        return ManagerCheck{ManagerCheck::Outcome::not_set, {}};
    if (passphrase == *manager_passphrase_) {
        manager_failures_ = 0;
        return ManagerCheck{ManagerCheck::Outcome::granted, {}};
    }
    ++manager_failures_;
    const int doublings = std::min(manager_failures_ - 1, 9);
    return ManagerCheck{ManagerCheck::Outcome::refused,
                        std::min(std::chrono::seconds{1 << doublings}, std::chrono::seconds{300})};
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
