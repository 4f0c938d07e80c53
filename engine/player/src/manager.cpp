#include "waymark/player/manager.hpp"

#include <algorithm>
#include <map>

namespace waymark::player {

Result<Dashboard> build_dashboard(Journal& journal, const std::vector<Learner>& learners,
                                  const std::vector<LibraryCourse>& courses, UtcTime now) {
    Dashboard d;
    std::map<std::pair<std::string, std::string>, TeamCourse> cells;
    for (const auto& c : courses) {
        if (!c.playable())
            continue;
        for (const auto& l : learners) {
            auto h = journal.history(l.id, c.course->id);
            if (!h)
                return h.error();
            const auto status = course_status(*c.course, *h, now);
            TeamCourse& cell = cells[{l.team, c.course->title}];
            cell.team = l.team;
            cell.course_title = c.course->title;
            ++cell.learners;
            switch (status.kind) {
                case StatusKind::completed:
                case StatusKind::due_soon:
                    ++cell.completed;
                    break;
                case StatusKind::in_progress:
                    ++cell.in_progress;
                    break;
                case StatusKind::not_started:
                    ++cell.not_started;
                    break;
                case StatusKind::overdue:
                    ++cell.overdue;
                    d.overdue.push_back({l.name, l.team, c.course->title, status.days_left});
                    break;
            }
        }
    }
    for (auto& [key, cell] : cells)
        d.rows.push_back(cell);
    std::stable_sort(d.overdue.begin(), d.overdue.end(),
                     [](const OverdueEntry& a, const OverdueEntry& b) { return a.days > b.days; });
    return d;
}

}  // namespace waymark::player
