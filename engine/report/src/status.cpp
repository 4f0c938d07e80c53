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
    const Recertification& rule = course.settings.recertification;
    if (c.completed != 0) {
        r.completed_at = from_seconds(c.completed);
        r.score = c.score;
        r.version = versions_[c.version];
        if (c.valid_until != kNever) {
            r.valid_until = from_seconds(c.valid_until);
            r.due_by = *r.valid_until + std::chrono::days(rule.grace_days);
        }
        const std::string& current = course.settings.current_version;
        if (!current.empty() && version_less(r.version, current)) {
            r.superseded_version = r.version;
            r.retraining_required = course.settings.requires_retraining;
        }
        if (r.due_by && as_of_ >= *r.due_by)
            r.status = Status::overdue;
        else if (r.retraining_required)
            r.status = Status::due_soon;
        else if (r.due_by && *r.due_by - as_of_ <= std::chrono::days(due_soon_days_))
            r.status = Status::due_soon;
        else
            r.status = Status::completed;
    } else {
        r.status = c.percent >= 0 ? Status::in_progress : Status::not_started;
    }
    if (c.untrusted != 0) {
        r.untrusted_completed_at = from_seconds(c.untrusted);
        r.untrusted_version = versions_[c.untrusted_version];
        const bool counts = r.status == Status::completed || r.status == Status::due_soon;
        if (!counts && c.untrusted > c.completed)
            r.status = Status::untrusted;
    }
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
    auto add = [](Tally& t, Status status) {
        ++t.total;
        ++t.by_status[static_cast<int>(status)];
    };
    auto tally = [](std::map<std::string, Tally, std::less<>>& m, std::string_view key) -> Tally& {
        auto it = m.find(key);
        if (it == m.end())
            it = m.emplace(std::string(key), Tally{}).first;
        return it->second;
    };
    for_each_row(filter, [&](const StatusRow& r) {
        add(s.all, r.status);
        add(tally(s.by_course, r.course_id), r.status);
        add(tally(s.by_team, r.team), r.status);
        add(tally(s.by_role, r.role), r.status);
        return true;
    });
    return s;
}

}  // namespace waymark::report
