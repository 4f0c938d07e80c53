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
//   course.<id>.required_for          who must complete the course: "everyone" (the
//                                     default), "nobody", or a comma-separated list of
//                                     teams and roles, "team:Early Help, role:Teacher";
//                                     everyone else may take it as optional
//   course.<id>.first_due_days        N: a new starter must first complete it within N
//                                     days of enrolment; "none" (the default): no first
//                                     due date
//   course.<id>.offered               "yes" (the default): staff see it in their library;
//                                     "preview-only": only in an author's preview (a
//                                     trainers' sample); "no": not for staff at all (a
//                                     course for young people). Reports leave out courses
//                                     that are not offered.
// The bundled courses have their own defaults (bundled_course_defaults in settings.cpp):
// prevent-duty is required for everyone within 30 days of enrolment and the course for
// 11 to 16 year olds is not offered to staff.
// A key recorded with an empty value has been unset (`waymark settings unset`): its
// default applies again. Other keys are left to the modules that own them.
#pragma once

#include <map>
#include <optional>
#include <span>
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

// Who must complete a course (course.<id>.required_for).
struct Requirement {
    bool everyone = true;
    std::vector<std::string> teams, roles;  // when not everyone: any of these

    bool applies_to(std::string_view team, std::string_view role) const;
    // "everyone", "nobody" or "team:Early Help, role:Teacher": what `settings show` prints.
    std::string describe() const;
};

// Whether staff see a course (course.<id>.offered).
enum class Offered { yes, preview_only, no };

struct CourseSettings {
    std::string title;            // "" when not set: reports show the course id
    std::string current_version;  // "" when not set: no version is superseded
    bool requires_retraining = false;
    Recertification recertification;
    Requirement required_for;
    std::optional<int> first_due_days;  // none: a new starter has no first due date
    Offered offered = Offered::yes;

    // The title reports and certificates print: `title`, or the course id when none is set.
    std::string shown_title(std::string_view course_id) const {
        return title.empty() ? std::string(course_id) : title;
    }
};

// The settings a course has before the organisation records any: the bundled courses'
// own (see the header comment), else the general defaults.
CourseSettings default_course_settings(std::string_view course_id);

// The fields a course.<id>.FIELD key may name, in the order `settings show` lists them.
std::span<const std::string_view> course_setting_fields();
// How `field` stands in `settings`, written as the setting's value would be ("rolling",
// "everyone", "30"); "(none)" when it has no value. `course_id` is the title's default.
std::string course_setting_value(const CourseSettings& settings, std::string_view field,
                                 std::string_view course_id);

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
