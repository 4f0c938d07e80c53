#include "waymark/report/status.hpp"

#include <algorithm>
#include <charconv>

#include "time_units.hpp"

namespace waymark::report {

namespace {

constexpr const char* kStatusNames[kStatusCount] = {"not-started", "in-progress", "completed",
                                                    "due-soon",    "overdue",     "untrusted"};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "(none)" : out;
}

Error unknown(std::string_view what, std::string_view name, const std::vector<std::string>& known) {
    return make_error(ErrorCode::usage, "there is no " + std::string(what) + " \"" +
                                            std::string(name) + "\" in the ledger; known " +
                                            std::string(what) + "s: " + join(known));
}

// The index of `name` in `items`, or -1; "" matches everything (-2).
int find_index(const std::vector<std::string>& items, const std::string& name) {
    if (name.empty())
        return -2;
    const auto it = std::find(items.begin(), items.end(), name);
    return it == items.end() ? -1 : static_cast<int>(it - items.begin());
}

}  // namespace

const char* to_string(Status status) {
    return kStatusNames[static_cast<int>(status)];
}

std::optional<Status> parse_status(std::string_view text) {
    for (int i = 0; i < kStatusCount; ++i)
        if (text == kStatusNames[i])
            return static_cast<Status>(i);
    return std::nullopt;
}

bool version_less(std::string_view a, std::string_view b) {
    while (!a.empty() || !b.empty()) {
        const auto cut = [](std::string_view& v) {
            const auto dot = v.find('.');
            std::string_view part = v.substr(0, dot);
            v = dot == std::string_view::npos ? std::string_view{} : v.substr(dot + 1);
            return part;
        };
        const std::string_view pa = cut(a), pb = cut(b);
        unsigned long long na = 0, nb = 0;
        const auto ra = std::from_chars(pa.data(), pa.data() + pa.size(), na);
        const auto rb = std::from_chars(pb.data(), pb.data() + pb.size(), nb);
        const bool numeric = ra.ec == std::errc() && ra.ptr == pa.data() + pa.size() &&
                             rb.ec == std::errc() && rb.ptr == pb.data() + pb.size();
        if (numeric && na != nb)
            return na < nb;
        if (!numeric && pa != pb)
            return pa < pb;
    }
    return false;
}

std::vector<std::string> StatusMatrix::course_ids() const {
    std::vector<std::string> ids;
    for (const auto& c : courses_)
        ids.push_back(c.id);
    return ids;
}

Result<void> StatusMatrix::check(const RowFilter& filter) const {
    const auto ids = course_ids();
    if (find_index(ids, filter.course) == -1)
        return unknown("course", filter.course, ids);
    if (find_index(teams_, filter.team) == -1)
        return unknown("team", filter.team, teams_);
    if (find_index(roles_, filter.role) == -1)
        return unknown("role", filter.role, roles_);
    return {};
}

Standing standing(const CourseSettings& course, const StandingFacts& facts, UtcTime as_of,
                  int due_soon_days) {
    Standing s;
    s.required = course.required_for.applies_to(facts.team, facts.role);
    if (facts.completed_at) {
        if (facts.valid_until)
            s.due_by = *facts.valid_until + std::chrono::days(course.recertification.grace_days);
        if (!course.current_version.empty() &&
            version_less(facts.version, course.current_version)) {
            s.superseded = true;
            s.retraining_required = course.requires_retraining;
        }
        if (s.due_by && as_of >= *s.due_by)
            s.status = Status::overdue;
        else if (s.retraining_required)
            s.status = Status::due_soon;
        else if (s.due_by && *s.due_by - as_of <= std::chrono::days(due_soon_days))
            s.status = Status::due_soon;
        else
            s.status = Status::completed;
    } else {
        s.status = facts.started ? Status::in_progress : Status::not_started;
        // A new starter's first deadline: only a course they must complete has one.
        if (s.required && course.first_due_days && facts.enrolled_at) {
            s.due_by = *facts.enrolled_at + std::chrono::days(*course.first_due_days);
            if (as_of >= *s.due_by)
                s.status = Status::overdue;
        }
    }
    if (facts.untrusted_completed_at) {
        const bool counts = s.status == Status::completed || s.status == Status::due_soon;
        if (!counts && (!facts.completed_at || *facts.untrusted_completed_at > *facts.completed_at))
            s.status = Status::untrusted;
    }
    return s;
}

StatusRow StatusMatrix::row(std::size_t learner, const CourseEntry& course) const {
    const Cell& c = course.cells[learner];
    const LearnerEntry& l = learners_[learner];
    StatusRow r;
    r.learner_id = text(l.id);
    r.staff_id = text(l.staff_id);
    r.name = text(l.name);
    r.team = teams_[l.team];
    r.role = roles_[l.role];
    r.course_id = course.id;
    r.course_title = course.title;
    r.percent = std::max<int>(0, c.percent);
    StandingFacts facts;
    facts.team = r.team;
    facts.role = r.role;
    if (l.enrolled != 0)
        facts.enrolled_at = from_seconds(l.enrolled);
    facts.started = c.percent >= 0;
    if (c.completed != 0) {
        r.completed_at = facts.completed_at = from_seconds(c.completed);
        r.score = c.score;
        r.version = facts.version = versions_[c.version];
        if (c.valid_until != kNever)
            r.valid_until = facts.valid_until = from_seconds(c.valid_until);
    }
    if (c.untrusted != 0) {
        r.untrusted_completed_at = facts.untrusted_completed_at = from_seconds(c.untrusted);
        r.untrusted_version = versions_[c.untrusted_version];
    }
    const Standing s = standing(course.settings, facts, as_of_, due_soon_days_);
    r.status = s.status;
    r.required = s.required;
    r.due_by = s.due_by;
    if (s.superseded)
        r.superseded_version = r.version;
    r.retraining_required = s.retraining_required;
    return r;
}

void StatusMatrix::for_each_row(const RowFilter& filter,
                                const std::function<bool(const StatusRow&)>& visit) const {
    const int team = find_index(teams_, filter.team);
    const int role = find_index(roles_, filter.role);
    if (team == -1 || role == -1)
        return;
    for (std::size_t i = 0; i < learners_.size(); ++i) {
        if ((team >= 0 && learners_[i].team != team) || (role >= 0 && learners_[i].role != role))
            continue;
        for (const CourseEntry& course : courses_) {
            if (!filter.course.empty() && course.id != filter.course)
                continue;
            const StatusRow r = row(i, course);
            if (filter.status && r.status != *filter.status)
                continue;
            if (filter.required && r.required != *filter.required)
                continue;
            if (!visit(r))
                return;
        }
    }
}

std::int64_t StatusMatrix::count_rows(const RowFilter& filter) const {
    std::int64_t n = 0;
    for_each_row(filter, [&](const StatusRow&) {
        ++n;
        return true;
    });
    return n;
}

Summary StatusMatrix::summarise(const RowFilter& filter) const {
    Summary s;
    auto add = [](Tally& t, const StatusRow& r) {
        if (!r.required) {
            ++t.optional;
            return;
        }
        ++t.total;
        ++t.by_status[static_cast<int>(r.status)];
    };
    auto tally = [](std::map<std::string, Tally, std::less<>>& m, std::string_view key) -> Tally& {
        auto it = m.find(key);
        if (it == m.end())
            it = m.emplace(std::string(key), Tally{}).first;
        return it->second;
    };
    for_each_row(filter, [&](const StatusRow& r) {
        add(s.all, r);
        add(tally(s.by_course, r.course_id), r);
        add(tally(s.by_team, r.team), r);
        add(tally(s.by_role, r.role), r);
        return true;
    });
    return s;
}

}  // namespace waymark::report
