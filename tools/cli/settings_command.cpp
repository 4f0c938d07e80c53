// `waymark settings show|set|unset`: the organisation's reporting rules, kept in the
// ledger so that every device sharing it reports the same way.
//
// Only the keys report/settings.hpp documents can be set here, and each is changed
// through change_setting() (organisation_setting.hpp), which refuses what the reports
// would refuse.
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "organisation_setting.hpp"
#include "output.hpp"
#include "waymark/core/json_reader.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/ledger/person.hpp"
#include "waymark/report/settings.hpp"

namespace waymark::cli {

namespace {

// The organisation-wide keys: the report module's, and the ledger's PIN rule.
constexpr std::string_view kOrganisationKeys[] = {"organisation.name", "report.due_soon_days",
                                                  ledger::kPinRequiredSetting};
constexpr std::string_view kCoursePrefix = "course.";

struct SettingsOptions {
    std::string ledger, key, value;
};

bool is_course_id(std::string_view id) {
    if (id.empty())
        return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

std::string known_keys() {
    std::string list;
    for (const auto key : kOrganisationKeys)
        list += std::string(key) + ", ";
    for (const auto field : report::course_setting_fields())
        list += std::string(kCoursePrefix) + "<id>." + std::string(field) + ", ";
    list.resize(list.size() - 2);
    return list;
}

// The course a key belongs to ("" for the organisation-wide keys), or a usage error that
// lists the keys there are and, for a likely typo, the one that was meant.
Result<std::string> check_key(const std::string& key) {
    for (const auto k : kOrganisationKeys)
        if (key == k)
            return std::string();
    std::string course;
    std::string field;
    if (key.starts_with(kCoursePrefix)) {
        const auto dot = key.rfind('.');
        if (dot > kCoursePrefix.size()) {
            course = key.substr(kCoursePrefix.size(), dot - kCoursePrefix.size());
            field = key.substr(dot + 1);
        }
    }
    for (const auto f : report::course_setting_fields()) {
        if (field != f)
            continue;
        if (!is_course_id(course))
            return usage("\"" + course + "\" in " + key +
                         " is not a course id: write the id from the course's course.json "
                         "(lower-case letters, digits and hyphens), e.g. course.prevent-duty." +
                         field);
        return course;
    }
    std::vector<std::string> candidates(std::begin(kOrganisationKeys), std::end(kOrganisationKeys));
    for (const auto f : report::course_setting_fields())
        candidates.push_back(std::string(kCoursePrefix) + (course.empty() ? "<id>" : course) + "." +
                             std::string(f));
    const std::string suggestion = closest_match(key, candidates);
    return usage("\"" + key + "\" is not an organisation setting" +
                 (suggestion.empty() ? "" : " (did you mean \"" + suggestion + "\"?)") +
                 "; the settings are " + known_keys() + " (see docs/report-schema.md)");
}

// What applies when `key` is not set, as show prints it: the report module's defaults,
// the bundled courses' own included.
std::string default_value(const std::string& key, const std::string& course) {
    const report::OrganisationSettings organisation;
    if (key == "report.due_soon_days")
        return std::to_string(organisation.due_soon_days);
    if (key == ledger::kPinRequiredSetting)
        return "false";
    if (course.empty())
        return "(none)";
    const std::string_view field = std::string_view(key).substr(key.rfind('.') + 1);
    return report::course_setting_value(report::default_course_settings(course), field, course);
}

std::string shown(const std::optional<std::string>& value, const std::string& key,
                  const std::string& course) {
    return value ? *value : default_value(key, course) + " (default)";
}

// Courses anyone has records on: what a manager is likely to want to set up.
Result<std::set<std::string>> courses_with_records(ledger::Ledger& l) {
    std::set<std::string> ids;
    auto r = l.for_each_completion([&](const ledger::Completion& c) {
        ids.insert(c.course.id);
        return true;
    });
    if (r)
        r = l.for_each_progress([&](const ledger::Progress& p) {
            ids.insert(p.course_id);
            return true;
        });
    if (!r)
        return r.error();
    return ids;
}

int show(const SettingsOptions& a) {
    // Read only: an auditor's copy of the ledger shows the rules its reports were made by.
    auto l = open_ledger(a.ledger, LedgerAccess::read);
    if (!l)
        return print_error(l.error());
    auto settings = l->settings("");
    if (!settings)
        return print_error(settings.error());
    auto courses = courses_with_records(*l);
    if (!courses)
        return print_error(courses.error());

    std::map<std::string, std::string> lines;
    bool any_set = false;
    for (const auto& [key, value] : *settings) {
        if (value.empty())
            continue;
        lines[key] = value;
        any_set = true;
        if (auto course = check_key(key); course && !course->empty())
            courses->insert(*course);
    }
    auto add_default = [&](const std::string& key, const std::string& course) {
        if (!lines.contains(key))
            lines[key] = default_value(key, course) + " (default)";
    };
    for (const auto key : kOrganisationKeys)
        add_default(std::string(key), "");
    for (const auto& course : *courses)
        for (const auto field : report::course_setting_fields())
            add_default(std::string(kCoursePrefix) + course + "." + std::string(field), course);

    if (!any_set)
        std::cout << "No organisation settings are set in " << l->path().string()
                  << "; the defaults apply:\n";
    for (const auto& [key, value] : lines)
        std::cout << key << " = " << value << "\n";
    // A value recorded by other means that the reports would refuse.
    if (auto read = report::read_organisation_settings(*settings); !read)
        return print_error(read.error());
    return kExitOk;
}

int set(const SettingsOptions& a) {
    auto course = check_key(a.key);
    if (!course)
        return print_error(course.error());
    if (a.value.empty())
        return print_error(usage("give " + a.key +
                                 " a value; to go back to the default, run "
                                 "'waymark settings unset " +
                                 a.key + "'"));
    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto change = change_setting(*l, a.key, a.value);
    if (!change)
        return print_error(change.error());
    if (!change->recorded) {
        std::cout << a.key << " is already " << a.value << "; nothing recorded\n";
        return kExitOk;
    }
    if (!course->empty()) {
        auto known = courses_with_records(*l);
        if (!known)
            return print_error(known.error());
        if (!known->contains(*course) && !known->empty()) {
            const std::vector<std::string> ids(known->begin(), known->end());
            const std::string suggestion = closest_match(*course, ids);
            std::string list;
            for (const auto& id : ids)
                list += (list.empty() ? "" : ", ") + id;
            std::cerr << "waymark: note: nobody has records on a course \"" << *course
                      << "\" yet (courses with records: " << list << ")"
                      << (suggestion.empty() ? "" : "; did you mean \"" + suggestion + "\"?")
                      << "\n";
        }
    }
    std::cout << a.key << ": " << shown(change->old, a.key, *course) << " -> " << a.value << "\n";
    return kExitOk;
}

int unset(const SettingsOptions& a) {
    auto course = check_key(a.key);
    if (!course)
        return print_error(course.error());
    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto change = change_setting(*l, a.key, "");
    if (!change)
        return print_error(change.error());
    if (!change->recorded) {
        std::cout << a.key << " is not set (the default " << default_value(a.key, *course)
                  << " applies); nothing recorded\n";
        return kExitOk;
    }
    std::cout << a.key << ": " << *change->old << " -> " << shown(std::nullopt, a.key, *course)
              << "\n";
    return kExitOk;
}

}  // namespace

void add_settings_command(CLI::App& app, CommandContext& ctx) {
    CLI::App* settings =
        app.add_subcommand("settings", "Show or change the organisation's reporting rules");
    settings->require_subcommand(1);
    settings->footer("Settings: " + known_keys() + " (see docs/report-schema.md)");

    auto show_args = std::make_shared<SettingsOptions>();
    CLI::App* show_cmd = settings->add_subcommand(
        "show", "Every organisation setting, key = value, with the defaults that apply");
    add_ledger_option(*show_cmd, show_args->ledger);
    show_cmd->callback([show_args, &ctx] { ctx.exit_code = show(*show_args); });

    auto set_args = std::make_shared<SettingsOptions>();
    CLI::App* set_cmd = settings->add_subcommand(
        "set", "Record one setting after checking its value as the reports will read it");
    set_cmd->add_option("KEY", set_args->key, "e.g. report.due_soon_days")->required();
    set_cmd->add_option("VALUE", set_args->value, "e.g. 45")->required();
    add_ledger_option(*set_cmd, set_args->ledger);
    set_cmd->callback([set_args, &ctx] { ctx.exit_code = set(*set_args); });

    auto unset_args = std::make_shared<SettingsOptions>();
    CLI::App* unset_cmd =
        settings->add_subcommand("unset", "Remove one setting so that its default applies again");
    unset_cmd->add_option("KEY", unset_args->key, "e.g. course.prevent-duty.grace_days")
        ->required();
    add_ledger_option(*unset_cmd, unset_args->ledger);
    unset_cmd->callback([unset_args, &ctx] { ctx.exit_code = unset(*unset_args); });
}

}  // namespace waymark::cli
