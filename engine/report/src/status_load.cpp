// Building a StatusMatrix from the ledger's projections, as they stood on the as-of day.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "time_units.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

class StatusMatrixLoader {
  public:
    StatusMatrixLoader(ledger::Ledger& ledger, StatusMatrix& m, const CompletionTrust& trust)
        : ledger_(ledger), m_(m), trust_(trust) {}

    Result<void> run() {
        if (auto r = load_learners(); !r)
            return r;
        for (const auto& [id, settings] : m_.settings_.courses)
            course(id);
        if (auto r = load_completions(); !r)
            return r;
        if (auto r = load_progress(); !r)
            return r;
        if (!stale_.empty())
            if (auto r = replay_page_views(); !r)
                return r;
        // Courses not offered to staff (a trainers' sample, a course for young people) are
        // not theirs to do: no row, no count.
        std::erase_if(m_.courses_,
                      [](const auto& c) { return c.settings.offered != Offered::yes; });
        std::sort(m_.courses_.begin(), m_.courses_.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        return {};
    }

  private:
    using Cell = StatusMatrix::Cell;

    static std::uint16_t intern(std::vector<std::string>& items,
                                std::unordered_map<std::string, std::uint16_t>& index,
                                const std::string& value) {
        const auto it = index.find(value);
        if (it != index.end())
            return it->second;
        // A ledger with more than 65,535 distinct teams, roles or versions is not an
        // organisation; the excess share the last slot rather than overflow.
        const auto i = static_cast<std::uint16_t>(std::min<std::size_t>(items.size(), 0xffff));
        if (items.size() < 0xffff)
            items.push_back(value);
        index.emplace(value, i);
        return i;
    }

    bool on_or_before_as_of(const std::string& iso, UtcTime* out = nullptr) const {
        const auto t = parse_iso8601(iso);
        if (!t || *t > m_.as_of_)
            return false;
        if (out)
            *out = *t;
        return true;
    }

    std::size_t course(const std::string& id) {
        const auto it = course_index_.find(id);
        if (it != course_index_.end())
            return it->second;
        StatusMatrix::CourseEntry entry;
        entry.id = id;
        entry.settings = m_.settings_.course(id);
        entry.title = entry.settings.shown_title(id);
        entry.cells.resize(m_.learners_.size());
        m_.courses_.push_back(std::move(entry));
        course_index_.emplace(id, m_.courses_.size() - 1);
        return m_.courses_.size() - 1;
    }

    Cell* cell(const std::string& learner_id, const std::string& course_id) {
        // The course is listed even when only erased learners have records on it.
        auto& cells = m_.courses_[course(course_id)].cells;
        const auto l = learner_index_.find(learner_id);
        return l == learner_index_.end() ? nullptr : &cells[l->second];
    }

    // One learner at a time: the whole list with its personal data would be the
    // largest thing an export holds. The index by id is built once all are in, as it
    // points into the matrix's text, which grows while they are read.
    Result<void> load_learners() {
        auto r = ledger_.for_each_learner([&](const ledger::Learner& l) {
            if (l.erased())
                return true;
            StatusMatrix::LearnerEntry e;
            e.id = keep(l.id);
            e.staff_id = keep(l.person.staff_id);
            e.name = keep(l.person.name);
            if (const auto enrolled = parse_iso8601(l.enrolled_at))
                e.enrolled = to_seconds(*enrolled);
            e.team = intern(m_.teams_, team_index_, l.person.team);
            e.role = intern(m_.roles_, role_index_, l.person.role);
            m_.learners_.push_back(e);
            return true;
        });
        if (!r)
            return r;
        m_.learners_.shrink_to_fit();
        m_.learner_text_.shrink_to_fit();
        learner_index_.reserve(m_.learners_.size());
        for (std::size_t i = 0; i < m_.learners_.size(); ++i)
            learner_index_.emplace(m_.text(m_.learners_[i].id), static_cast<std::uint32_t>(i));
        return {};
    }

    StatusMatrix::TextSpan keep(const std::string& value) {
        const StatusMatrix::TextSpan span{static_cast<std::uint32_t>(m_.learner_text_.size()),
                                          static_cast<std::uint32_t>(value.size())};
        m_.learner_text_ += value;
        return span;
    }

    Result<void> load_completions() {
        m_.versions_.push_back("");
        version_index_.emplace("", 0);
        return ledger_.for_each_completion([&](const ledger::Completion& c) {
            UtcTime at;
            if (!on_or_before_as_of(c.completed_at, &at))
                return true;
            Cell* cell = this->cell(c.learner_id, c.course.id);
            if (!cell)
                return true;
            const std::uint32_t seconds = to_seconds(at);
            const std::uint16_t version = intern(m_.versions_, version_index_, c.course.version);
            if (!trust_.trusts(c.course)) {
                if (seconds >= cell->untrusted) {
                    cell->untrusted = seconds;
                    cell->untrusted_version = version;
                }
                return true;
            }
            if (seconds < cell->completed)
                return true;
            std::optional<UtcTime> recorded;
            if (c.valid_until)
                recorded = parse_iso8601(*c.valid_until);
            const auto& rule = m_.courses_[course(c.course.id)].settings.recertification;
            const auto until = valid_until(rule, at, recorded);
            cell->completed = seconds;
            cell->valid_until = until ? std::min(to_seconds(*until), StatusMatrix::kNever - 1)
                                      : StatusMatrix::kNever;
            cell->score = static_cast<float>(std::clamp(c.score, 0.0, 1.0));
            cell->version = version;
            return true;
        });
    }

    Result<void> load_progress() {
        return ledger_.for_each_progress([&](const ledger::Progress& p) {
            Cell* cell = this->cell(p.learner_id, p.course_id);
            if (!cell)
                return true;
            if (on_or_before_as_of(p.updated_at))
                cell->percent = static_cast<std::int8_t>(std::clamp(p.percent(), 0, 100));
            else
                stale_.emplace(p.learner_id + '\n' + p.course_id, PageCount{});
            return true;
        });
    }

    // Progress last updated after the as-of day: count the distinct pages viewed by then.
    Result<void> replay_page_views() {
        const std::string type = ledger::to_string(ledger::EventType::page_viewed);
        auto r = ledger_.for_each_event(0, [&](const ledger::Event& e) {
            if (e.type != type)
                return true;
            const auto it = stale_.find(e.learner_id + '\n' + e.course.id);
            if (it == stale_.end() || !on_or_before_as_of(e.time))
                return true;
            auto page = ledger::read_page_viewed(e.payload);
            if (page) {
                it->second.pages.insert(page->page_id);
                it->second.total = page->pages_total;
            }
            return true;
        });
        if (!r)
            return r;
        for (const auto& [key, count] : stale_) {
            const auto cut = key.find('\n');
            Cell* cell = this->cell(key.substr(0, cut), key.substr(cut + 1));
            if (!cell || count.pages.empty())
                continue;
            const int percent =
                count.total > 0 ? static_cast<int>(count.pages.size() * 100 / count.total) : 0;
            cell->percent = static_cast<std::int8_t>(std::clamp(percent, 0, 100));
        }
        return {};
    }

    struct PageCount {
        std::unordered_set<std::string> pages;
        std::size_t total = 0;
    };

    ledger::Ledger& ledger_;
    StatusMatrix& m_;
    const CompletionTrust& trust_;
    std::unordered_map<std::string_view, std::uint32_t> learner_index_;
    std::unordered_map<std::string, std::size_t> course_index_;
    std::unordered_map<std::string, std::uint16_t> team_index_, role_index_, version_index_;
    std::unordered_map<std::string, PageCount> stale_;
};

Result<StatusMatrix> StatusMatrix::load(ledger::Ledger& ledger, const StatusOptions& options) {
    StatusMatrix m;
    m.as_of_ = options.as_of.value_or(utc_now());
    auto settings = ledger.settings("");
    if (!settings)
        return settings.error();
    auto org = read_organisation_settings(*settings);
    if (!org)
        return org.error();
    m.settings_ = std::move(*org);
    m.due_soon_days_ = options.due_soon_days.value_or(m.settings_.due_soon_days);
    StatusMatrixLoader loader(ledger, m, options.trust);
    if (auto r = loader.run(); !r)
        return r.error();
    return m;
}

}  // namespace waymark::report
