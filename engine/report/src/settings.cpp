#include "waymark/report/settings.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>

namespace waymark::report {

namespace {

std::optional<int> parse_int(std::string_view text, int min, int max) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
        return std::nullopt;
    return value;
}

Error bad_setting(const std::string& key, const std::string& value, std::string_view expected) {
    return make_error(ErrorCode::invalid,
                      "the organisation setting " + key + " is \"" + value + "\", expected " +
                          std::string(expected) + "; record the setting again with a valid value",
                      "ledger setting " + key);
}

Result<Recertification> parse_recertification(const std::string& key, const std::string& value,
                                              Recertification rule) {
    const std::string_view v = value;
    if (v == "rolling") {
        rule.kind = Recertification::Kind::rolling;
        rule.months.reset();
        return rule;
    }
    if (v.starts_with("rolling:")) {
        auto months = parse_int(v.substr(8), 0, 1200);
        if (!months)
            return bad_setting(key, value, "\"rolling:N\" with N months between 0 and 1200");
        rule.kind = Recertification::Kind::rolling;
        rule.months = months;
        return rule;
    }
    if (v.starts_with("calendar:") && v.size() == 14 && v[11] == '-') {
        auto month = parse_int(v.substr(9, 2), 1, 12);
        auto day = parse_int(v.substr(12, 2), 1, 31);
        using namespace std::chrono;
        // 2024 is a leap year, so 29 February is accepted (and clamped in other years).
        if (month && day &&
            year_month_day{year{2024}, std::chrono::month(unsigned(*month)),
                           std::chrono::day(unsigned(*day))}
                .ok()) {
            rule.kind = Recertification::Kind::calendar;
            rule.month = *month;
            rule.day = *day;
            return rule;
        }
    }
    return bad_setting(key, value,
                       "\"rolling\", \"rolling:N\" (months) or \"calendar:MM-DD\" (renew every "
                       "year by that day, e.g. calendar:09-01)");
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

constexpr std::string_view kRequiredForExpected =
    "\"everyone\", \"nobody\", or teams and roles separated by commas, e.g. "
    "\"team:Early Help, role:Teacher\"";

Result<Requirement> parse_requirement(const std::string& key, const std::string& value) {
    Requirement r;
    if (value == "everyone")
        return r;
    r.everyone = false;
    if (value == "nobody")
        return r;
    std::string_view rest = value;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        const bool team = item.starts_with("team:"), role = item.starts_with("role:");
        const std::string_view name = trim(item.substr(std::min<std::size_t>(5, item.size())));
        if ((!team && !role) || name.empty())
            return bad_setting(key, value, kRequiredForExpected);
        (team ? r.teams : r.roles).emplace_back(name);
        if (comma == std::string_view::npos)
            return r;
        rest.remove_prefix(comma + 1);
    }
}

constexpr std::pair<std::string_view, Offered> kOffered[] = {
    {"yes", Offered::yes}, {"preview-only", Offered::preview_only}, {"no", Offered::no}};

// The bundled courses' defaults: what an organisation gets before it records anything.
// Prevent duty training is the mandatory course every member of staff must complete; the
// Run Hide Tell course is written for 11 to 16 year olds, not for staff. (The trainers'
// sample is offered by default for now: the player's and manager area's tests take it
// as their course; an organisation hides it with course.waymark-sample.offered.)
const std::map<std::string, CourseSettings, std::less<>>& bundled_course_defaults() {
    static const auto defaults = [] {
        std::map<std::string, CourseSettings, std::less<>> m;
        m["prevent-duty"].first_due_days = 30;
        m["run-hide-tell-young-people"].offered = Offered::no;
        // The trainers' sample shows what a course can hold; staff never have to take it.
        m["waymark-sample"].offered = Offered::preview_only;
        return m;
    }();
    return defaults;
}

constexpr std::string_view kCourseFields[] = {
    "title",           "required_for", "first_due_days",  "offered",
    "recertification", "grace_days",   "current_version", "requires_retraining"};

}  // namespace

bool Requirement::applies_to(std::string_view team, std::string_view role) const {
    if (everyone)
        return true;
    return std::find(teams.begin(), teams.end(), team) != teams.end() ||
           std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string Requirement::describe() const {
    if (everyone)
        return "everyone";
    std::string out;
    for (const auto& t : teams)
        out += (out.empty() ? "team:" : ", team:") + t;
    for (const auto& r : roles)
        out += (out.empty() ? "role:" : ", role:") + r;
    return out.empty() ? "nobody" : out;
}

CourseSettings default_course_settings(std::string_view course_id) {
    const auto& bundled = bundled_course_defaults();
    const auto it = bundled.find(course_id);
    return it == bundled.end() ? CourseSettings{} : it->second;
}

std::span<const std::string_view> course_setting_fields() {
    return kCourseFields;
}

std::string course_setting_value(const CourseSettings& s, std::string_view field,
                                 std::string_view course_id) {
    if (field == "title")
        return s.shown_title(course_id);
    if (field == "required_for")
        return s.required_for.describe();
    if (field == "first_due_days")
        return s.first_due_days ? std::to_string(*s.first_due_days) : "none";
    if (field == "offered") {
        for (const auto& [name, offered] : kOffered)
            if (offered == s.offered)
                return std::string(name);
    }
    if (field == "recertification") {
        const Recertification& r = s.recertification;
        if (r.kind == Recertification::Kind::rolling)
            return r.months ? "rolling:" + std::to_string(*r.months) : "rolling";
        char buf[24];
        std::snprintf(buf, sizeof buf, "calendar:%02d-%02d", r.month, r.day);
        return buf;
    }
    if (field == "grace_days")
        return std::to_string(s.recertification.grace_days);
    if (field == "current_version")
        return s.current_version.empty() ? "(none)" : s.current_version;
    if (field == "requires_retraining")
        return s.requires_retraining ? "true" : "false";
    return "(none)";
}

const CourseSettings& OrganisationSettings::course(std::string_view id) const {
    static const CourseSettings defaults;
    const auto it = courses.find(id);
    if (it != courses.end())
        return it->second;
    const auto& bundled = bundled_course_defaults();
    const auto b = bundled.find(id);
    return b == bundled.end() ? defaults : b->second;
}

Result<OrganisationSettings> read_organisation_settings(
    const std::vector<std::pair<std::string, std::string>>& settings) {
    OrganisationSettings org;
    for (const auto& [key, value] : settings) {
        // The ledger keeps a removed setting's key with an empty value: the default applies.
        if (value.empty())
            continue;
        if (key == "organisation.name") {
            org.name = value;
        } else if (key == "report.due_soon_days") {
            auto days = parse_int(value, 0, 3650);
            if (!days)
                return bad_setting(key, value, "a number of days between 0 and 3650");
            org.due_soon_days = *days;
        } else if (key.starts_with("course.")) {
            const auto dot = key.rfind('.');
            if (dot <= 7)
                continue;
            const std::string id = key.substr(7, dot - 7);
            const std::string field = key.substr(dot + 1);
            auto [it, added] = org.courses.try_emplace(id);
            if (added)
                it->second = default_course_settings(id);
            CourseSettings& course = it->second;
            if (field == "title") {
                course.title = value;
            } else if (field == "current_version") {
                course.current_version = value;
            } else if (field == "requires_retraining") {
                if (value != "true" && value != "false")
                    return bad_setting(key, value, "\"true\" or \"false\"");
                course.requires_retraining = value == "true";
            } else if (field == "grace_days") {
                auto days = parse_int(value, 0, 3650);
                if (!days)
                    return bad_setting(key, value, "a number of days between 0 and 3650");
                course.recertification.grace_days = *days;
            } else if (field == "required_for") {
                auto requirement = parse_requirement(key, value);
                if (!requirement)
                    return requirement.error();
                course.required_for = std::move(*requirement);
            } else if (field == "first_due_days") {
                if (value == "none") {
                    course.first_due_days.reset();
                    continue;
                }
                auto days = parse_int(value, 0, 3650);
                if (!days)
                    return bad_setting(key, value,
                                       "a number of days between 0 and 3650 (a new starter "
                                       "must complete the course within that many days of "
                                       "enrolment) or \"none\" (no first due date)");
                course.first_due_days = *days;
            } else if (field == "offered") {
                // `wanted` names the binding: clang 14 cannot capture a structured binding.
                const auto* found =
                    std::find_if(std::begin(kOffered), std::end(kOffered),
                                 [&wanted = value](const auto& o) { return o.first == wanted; });
                if (found == std::end(kOffered))
                    return bad_setting(key, value,
                                       "\"yes\" (staff see it), \"preview-only\" (only in an "
                                       "author's preview) or \"no\" (not for staff)");
                course.offered = found->second;
            } else if (field == "recertification") {
                auto rule = parse_recertification(key, value, course.recertification);
                if (!rule)
                    return rule.error();
                course.recertification = *rule;
            }
        }
    }
    return org;
}

std::optional<UtcTime> valid_until(const Recertification& rule, UtcTime completed_at,
                                   const std::optional<UtcTime>& recorded_valid_until) {
    using namespace std::chrono;
    if (rule.kind == Recertification::Kind::rolling) {
        if (!rule.months)
            return recorded_valid_until;
        if (*rule.months == 0)
            return std::nullopt;
        return add_months(completed_at, *rule.months);
    }
    // A calendar window: a completion counts for the first deadline on or after it, and
    // must be renewed by the deadline a year later.
    const auto day_start = floor<days>(completed_at);
    const year_month_day done{day_start};
    auto deadline_in = [&](year y) {
        year_month_day d{y, month(unsigned(rule.month)), day(unsigned(rule.day))};
        if (!d.ok())
            d = year_month_day_last{y, month_day_last{month(unsigned(rule.month))}};
        return sys_days{d};
    };
    sys_days first = deadline_in(done.year());
    if (first < day_start)
        first = deadline_in(done.year() + years{1});
    const year_month_day first_ymd{first};
    return UtcTime{deadline_in(first_ymd.year() + years{1})};
}

}  // namespace waymark::report
