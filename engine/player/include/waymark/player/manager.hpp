// waymark/player/manager.hpp: the manager area: who has done what.
//
// Managers see completion by team and course and who is overdue. The area is behind a
// passphrase that an administrator sets with 'waymark manager passphrase' and the
// ledger keeps (Journal::check_manager_passphrase); the player only asks for it.
#pragma once

#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/library.hpp"

namespace waymark::player {

// One cell of the dashboard: one team on one course.
struct TeamCourse {
    std::string team;
    std::string course_title;
    int learners = 0;
    int completed = 0;  // completed and still valid (due soon counts as completed)
    int in_progress = 0;
    int not_started = 0;
    int overdue = 0;
};

struct OverdueEntry {
    std::string name;
    std::string team;
    std::string course_title;
    int days = 0;  // overdue by
};

struct Dashboard {
    std::vector<TeamCourse> rows;       // by team, then course
    std::vector<OverdueEntry> overdue;  // most overdue first
};

// Completion of every learner in `learners` on every playable course in `courses`.
Result<Dashboard> build_dashboard(Journal& journal, const std::vector<Learner>& learners,
                                  const std::vector<LibraryCourse>& courses, UtcTime now);

}  // namespace waymark::player
