#include "waymark/player/ledger_journal.hpp"

#include <algorithm>
#include <charconv>

#include "waymark/report/certificate.hpp"

namespace waymark::player {
namespace {

ledger::CourseRef to_ledger(const CourseRef& c) {
    return {c.id, c.version, c.digest, c.trusted};
}

template <typename T>
Result<void> done(const Result<T>& r) {
    if (!r)
        return r.error();
    return {};
}

const char* theme_key(Theme t) {
    switch (t) {
        case Theme::light:
            return "light";
        case Theme::dark:
            return "dark";
        case Theme::high_contrast:
            return "high-contrast";
    }
    return "light";
}

}  // namespace

std::string LedgerJournal::page_id(const PageRef& page) {
    return page.module_id + "/" + page.anchor;
}

std::optional<PageRef> LedgerJournal::parse_page_id(const std::string& id) {
    const auto slash = id.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == id.size())
        return std::nullopt;
    return PageRef{id.substr(0, slash), id.substr(slash + 1)};
}

Result<std::vector<Learner>> LedgerJournal::learners() {
    auto all = ledger_.learners();
    if (!all)
        return all.error();
    std::vector<Learner> out;
    for (const auto& l : *all)
        if (!l.erased())
            out.push_back({l.id, l.person.name, l.person.staff_id, l.person.team, l.person.role});
    return out;
}

Result<Learner> LedgerJournal::add_learner(const Learner& learner) {
    ledger::Person person;
    person.name = learner.name;
    person.staff_id = learner.staff_id;
    person.team = learner.team;
    person.role = learner.role;
    auto added = ledger_.add_learner(person);
    if (!added)
        return added.error();
    return Learner{added->id, learner.name, learner.staff_id, learner.team, learner.role};
}

Result<Settings> LedgerJournal::settings(const std::string& learner_id) {
    auto pairs = ledger_.settings(learner_id);
    if (!pairs)
        return pairs.error();
    Settings s;
    for (const auto& [key, value] : *pairs) {
        if (key == "text-size") {
            int percent = 100;
            std::from_chars(value.data(), value.data() + value.size(), percent);
            s.text_size_percent = clamp_text_size(percent);
        } else if (key == "theme") {
            s.theme = value == "dark"            ? Theme::dark
                      : value == "high-contrast" ? Theme::high_contrast
                                                 : Theme::light;
        } else if (key == "dyslexia-font") {
            s.dyslexia_font = value == "on";
        } else if (key == "reduced-motion") {
            s.reduced_motion = value == "on";
        } else if (key == "reading-speed") {
            int words = normal_reading_speed;
            std::from_chars(value.data(), value.data() + value.size(), words);
            s.reading_speed = clamp_reading_speed(words);
        }
    }
    saved_ = s;
    return s;
}

Result<void> LedgerJournal::save_settings(const std::string& learner_id, const Settings& s) {
    std::vector<ledger::SettingChanged> changes;
    if (s.text_size_percent != saved_.text_size_percent)
        changes.push_back({"text-size", std::to_string(s.text_size_percent)});
    if (s.theme != saved_.theme)
        changes.push_back({"theme", theme_key(s.theme)});
    if (s.dyslexia_font != saved_.dyslexia_font)
        changes.push_back({"dyslexia-font", s.dyslexia_font ? "on" : "off"});
    if (s.reduced_motion != saved_.reduced_motion)
        changes.push_back({"reduced-motion", s.reduced_motion ? "on" : "off"});
    if (s.reading_speed != saved_.reading_speed)
        changes.push_back({"reading-speed", std::to_string(s.reading_speed)});
    for (const auto& c : changes)
        if (auto r = ledger_.record_setting(learner_id, c); !r)
            return r.error();
    saved_ = s;
    return {};
}

Result<void> LedgerJournal::page_viewed(const std::string& learner_id, const CourseRef& course,
                                        const PageRef& page, UtcTime at) {
    ledger::PageViewed e;
    e.page_id = page_id(page);
    e.module_index = page.module_index;
    e.page_index = page.page_index;
    e.pages_total = page.pages_total;
    return done(ledger_.record_page_view(learner_id, to_ledger(course), e, at));
}

Result<void> LedgerJournal::practice_answered(const std::string& learner_id,
                                              const CourseRef& course,
                                              const assessment::PracticeAnswered& event) {
    return done(ledger_.record_knowledge_check(learner_id, to_ledger(course), event));
}

Result<void> LedgerJournal::attempt_event(const std::string& learner_id, const CourseRef& course,
                                          const std::string&,
                                          const assessment::AttemptEvent& event) {
    return done(ledger_.record_attempt_event(learner_id, to_ledger(course), event));
}

Result<void> LedgerJournal::course_completed(const std::string& learner_id, const CourseRef& course,
                                             const Completion& c) {
    ledger::CourseCompleted e;
    e.attempt_id = c.attempt_id;
    e.score = c.scaled;
    e.refresher_months = c.refresher_months;
    return done(ledger_.record_completion(learner_id, to_ledger(course), e, c.at));
}

Result<CourseHistory> LedgerJournal::history(const std::string& learner_id,
                                             const std::string& course_id) {
    CourseHistory h;
    auto pages = ledger_.pages_viewed(learner_id, course_id);
    if (!pages)
        return pages.error();
    for (const auto& id : *pages)
        if (auto ref = parse_page_id(id))
            h.pages_viewed.push_back(*ref);
    // The bookmark (the last page viewed) goes last: it is where the learner resumes.
    auto progress = ledger_.progress(learner_id, course_id);
    if (!progress)
        return progress.error();
    if (*progress)
        if (auto ref = parse_page_id((*progress)->bookmark))
            h.pages_viewed.push_back(*ref);

    auto attempts = ledger_.attempts(learner_id, course_id);
    if (!attempts)
        return attempts.error();
    for (const auto& a : *attempts) {
        auto events = ledger_.attempt_events(a.attempt_id);
        if (!events)
            return events.error();
        h.attempts.push_back(std::move(*events));
    }
    auto completions = ledger_.completions(learner_id, course_id);
    if (!completions)
        return completions.error();
    for (const auto& c : *completions) {
        Completion out;
        out.course_version = c.course.version;
        out.at = parse_iso8601(c.completed_at).value_or(UtcTime{});
        out.scaled = c.score;
        out.attempt_id = c.attempt_id;
        if (c.valid_until)
            out.valid_until = parse_iso8601(*c.valid_until);
        out.trusted = c.course.trusted;
        h.completions.push_back(out);
    }
    return h;
}

namespace {

std::string sitting_key(const std::string& attempt_id) {
    return "sitting/" + attempt_id;
}

}  // namespace

Result<SittingPlace> LedgerJournal::sitting_place(const std::string& learner_id,
                                                  const std::string& attempt_id) {
    auto pairs = ledger_.settings(learner_id);
    if (!pairs)
        return pairs.error();
    SittingPlace place;
    const std::string key = sitting_key(attempt_id);
    for (const auto& [k, value] : *pairs) {
        if (k != key)
            continue;
        bool first = true;
        for (std::size_t at = 0; at <= value.size();) {
            const std::size_t end = std::min(value.find('\n', at), value.size());
            const std::string line = value.substr(at, end - at);
            if (first)
                place.question_id = line;
            else if (!line.empty())
                place.flagged.push_back(line);
            first = false;
            at = end + 1;
        }
    }
    return place;
}

Result<void> LedgerJournal::save_sitting_place(const std::string& learner_id,
                                               const std::string& attempt_id,
                                               const SittingPlace& place) {
    std::string value = place.question_id;
    for (const auto& id : place.flagged)
        value += "\n" + id;
    return done(ledger_.record_setting(learner_id, {sitting_key(attempt_id), value}));
}

Result<void> LedgerJournal::save_certificate(const std::string& learner_id,
                                             const std::string& course_id,
                                             const std::string& course_title,
                                             const std::filesystem::path& pdf) {
    auto certificate =
        report::save_certificate_pdf(ledger_, learner_id, course_id, pdf, course_title);
    if (!certificate)
        return certificate.error();
    return {};
}

Result<report::OrganisationSettings> LedgerJournal::organisation() {
    auto settings = ledger_.settings("");
    if (!settings)
        return settings.error();
    return report::read_organisation_settings(*settings);
}

Result<std::optional<UtcTime>> LedgerJournal::enrolled_at(const std::string& learner_id) {
    auto learner = ledger_.learner(learner_id);
    if (!learner)
        return learner.error();
    return parse_iso8601(learner->enrolled_at);
}

Result<void> LedgerJournal::record_course_title(const std::string& course_id,
                                                const std::string& title) {
    const std::string key = "course." + course_id + ".title";
    auto settings = ledger_.settings("");
    if (!settings)
        return settings.error();
    for (const auto& [k, v] : *settings)
        if (k == key && !v.empty())
            return {};
    return done(ledger_.record_setting("", ledger::SettingChanged{key, title}));
}

Result<bool> LedgerJournal::has_manager_passphrase() {
    return ledger_.has_manager_passphrase();
}

namespace {

Result<ManagerCheck> as_check(const Result<ledger::SignInCheck>& r) {
    if (!r)
        return r.error();
    using In = ledger::SignInCheck::Outcome;
    using Out = ManagerCheck::Outcome;
    const Out outcome = r->outcome == In::granted   ? Out::granted
                        : r->outcome == In::wait    ? Out::wait
                        : r->outcome == In::not_set ? Out::not_set
                                                    : Out::refused;
    return ManagerCheck{outcome, r->wait};
}

}  // namespace

Result<ManagerCheck> LedgerJournal::check_manager_passphrase(const std::string& passphrase) {
    return as_check(ledger_.check_manager_passphrase(passphrase));
}

Result<bool> LedgerJournal::pins_required() {
    return ledger_.learner_pins_required();
}

Result<bool> LedgerJournal::has_pin(const std::string& learner_id) {
    return ledger_.has_learner_pin(learner_id);
}

Result<void> LedgerJournal::set_pin(const std::string& learner_id, const std::string& pin) {
    return ledger_.set_learner_pin(learner_id, pin);
}

Result<ManagerCheck> LedgerJournal::check_pin(const std::string& learner_id,
                                              const std::string& pin) {
    return as_check(ledger_.check_learner_pin(learner_id, pin));
}

Result<void> LedgerJournal::reset_pin(const std::string& learner_id) {
    return ledger_.reset_learner_pin(learner_id);
}

}  // namespace waymark::player
