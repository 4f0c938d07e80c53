// waymark/report/settings.hpp: the organisation's reporting rules, read from the ledger.
//
// How long a completion stays valid, how early staff show as "due soon", and the name
// printed on certificates are organisation settings (Ledger::record_setting with no
// learner), so every device that shares the ledger reports the same way. The keys:
//   organisation.name                 issuer printed on certificates
//   report.due_soon_days              N (default 30)
//   course.<id>.title                 title shown in reports and certificates
//   course.<id>.recertification       "rolling" (the course's refresher interval, the
//                                     default), "rolling:N" (N months; 0 never expires)
//                                     or "calendar:MM-DD" (renew every year by that day)
//   course.<id>.grace_days            N days after expiry before staff show as overdue
//   course.<id>.current_version       the version the organisation has installed
//   course.<id>.requires_retraining   "true": completions of older versions are due now
// A key recorded with an empty value has been unset (`waymark settings unset`): its
// default applies again. Other keys are left to the modules that own them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"

namespace waymark::report {

struct Recertification {
    enum class Kind { rolling, calendar };
    Kind kind = Kind::rolling;
    // rolling: months a completion stays valid; none means the refresher interval the
    // completion was recorded with (the course's refresher_months).
    std::optional<int> months;
    // calendar: every completion must be renewed by this day each year.
    int month = 9;
    int day = 1;
    int grace_days = 0;
};

struct CourseSettings {
    std::string title;            // "" when not set: reports show the course id
    std::string current_version;  // "" when not set: no version is superseded
    bool requires_retraining = false;
    Recertification recertification;
};

struct OrganisationSettings {
    std::string name;
    int due_soon_days = 30;
    std::map<std::string, CourseSettings, std::less<>> courses;

    // The settings of one course; defaults for a course with none.
    const CourseSettings& course(std::string_view id) const;
};

// Reads the organisation's settings (Ledger::settings("")). A malformed value is
// ErrorCode::invalid naming the key, the value and what it should look like.
Result<OrganisationSettings> read_organisation_settings(
    const std::vector<std::pair<std::string, std::string>>& settings);

// When a completion at `completed_at` stops being valid under `rule`; none when it
// never expires. `recorded_valid_until` is what the ledger computed from the course's
// refresher interval (used by the plain "rolling" rule).
std::optional<UtcTime> valid_until(const Recertification& rule, UtcTime completed_at,
                                   const std::optional<UtcTime>& recorded_valid_until);

}  // namespace waymark::report
