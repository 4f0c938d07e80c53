#include "waymark/report/settings.hpp"

#include <charconv>
#include <chrono>

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

}  // namespace

const CourseSettings& OrganisationSettings::course(std::string_view id) const {
    static const CourseSettings defaults;
    const auto it = courses.find(id);
    return it == courses.end() ? defaults : it->second;
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
            CourseSettings& course = org.courses[id];
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
