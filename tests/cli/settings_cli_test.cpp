// `waymark settings` as a manager uses it: set the organisation's reporting rules without
// code, be refused a value the reports could not read, and see the effect in the report.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "run_waymark.hpp"

namespace waymark::cli_testing {
namespace {

// Events in the ledger, from `waymark ledger stats`: shows whether anything was recorded.
long events_recorded(const std::string& ledger) {
    const CommandRun r = waymark("ledger stats --ledger " + quoted(ledger));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with("events "))
            return std::stol(line.substr(6));
    ADD_FAILURE() << "no events line in\n" << r.output;
    return -1;
}

std::string add_days(const std::string& iso_date, int days) {
    using namespace std::chrono;
    const year_month_day d{year{std::stoi(iso_date.substr(0, 4))},
                           month{unsigned(std::stoi(iso_date.substr(5, 2)))},
                           day{unsigned(std::stoi(iso_date.substr(8, 2)))}};
    const year_month_day later{sys_days{d} + std::chrono::days{days}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(later.year()), unsigned(later.month()),
                  unsigned(later.day()));
    return text;
}

class SettingsCommand : public GeneratedLedgerTest {
  protected:
    CommandRun set(const std::string& key, const std::string& value) const {
        return on_ledger("settings set " + quoted(key) + " " + quoted(value));
    }
    void set_ok(const std::string& key, const std::string& value) const {
        const CommandRun r = set(key, value);
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    CommandRun show() const { return on_ledger("settings show"); }
    long events() const { return events_recorded(path("ledger.db")); }
};

// --- the command ----------------------------------------------------------------------

TEST_F(SettingsCommand, ShowOnALedgerWithNoSettingsSaysSoAndListsTheDefaults) {
    const CommandRun r = show();
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "No organisation settings are set")) << r.output;
    EXPECT_TRUE(contains(r.output, "report.due_soon_days = 30 (default)")) << r.output;
    EXPECT_TRUE(contains(r.output, "organisation.name = (none) (default)")) << r.output;
}

TEST_F(SettingsCommand, ShowListsTheDefaultsOfEveryCourseWithRecords) {
    const CommandRun r = show();
    for (const char* line : {"course.prevent-duty.title = prevent-duty (default)",
                             "course.course-2.recertification = rolling (default)",
                             "course.course-3.grace_days = 0 (default)",
                             "course.course-3.requires_retraining = false (default)"})
        EXPECT_TRUE(contains(r.output, line)) << line << "\n" << r.output;
}

TEST_F(SettingsCommand, ShowWorksOnAnAuditorsReadOnlyCopyOfTheLedger) {
    set_ok("organisation.name", "Northshire Safeguarding Partnership");
    const CommandRun r = on_read_only_copy("settings show");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "organisation.name = Northshire Safeguarding Partnership\n"))
        << r.output;
}

TEST_F(SettingsCommand, SetRecordsTheValueAndShowListsItInsteadOfTheDefault) {
    set_ok("organisation.name", "Northshire Safeguarding Partnership");
    const CommandRun r = show();
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "organisation.name = Northshire Safeguarding Partnership\n"))
        << r.output;
    EXPECT_FALSE(contains(r.output, "organisation.name = (none)")) << r.output;
    EXPECT_FALSE(contains(r.output, "No organisation settings are set")) << r.output;
}

TEST_F(SettingsCommand, ShowListsOneKeyEqualsValuePerLineSortedByKey) {
    set_ok("report.due_soon_days", "45");
    set_ok("course.prevent-duty.grace_days", "14");
    set_ok("organisation.name", "Northshire");
    std::istringstream lines(show().output);
    std::vector<std::string> keys;
    for (std::string line; std::getline(lines, line);) {
        const auto eq = line.find(" = ");
        ASSERT_NE(eq, std::string::npos) << line;
        keys.push_back(line.substr(0, eq));
    }
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    EXPECT_EQ(std::count(keys.begin(), keys.end(), "report.due_soon_days"), 1);
}

TEST_F(SettingsCommand, SetPrintsTheOldAndTheNewValue) {
    CommandRun r = set("report.due_soon_days", "45");
    EXPECT_TRUE(contains(r.output, "report.due_soon_days: 30 (default) -> 45")) << r.output;
    r = set("report.due_soon_days", "60");
    EXPECT_TRUE(contains(r.output, "report.due_soon_days: 45 -> 60")) << r.output;
}

TEST_F(SettingsCommand, SetRequiresPinsForEveryLearner) {
    CommandRun r = set("learner.pin_required", "true");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "learner.pin_required: false (default) -> true")) << r.output;
    EXPECT_TRUE(contains(show().output, "learner.pin_required = true\n"));
}

TEST_F(SettingsCommand, SetRefusesAPinRuleOtherThanTrueOrFalse) {
    const long before = events();
    const CommandRun r = set("learner.pin_required", "yes please");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "write true")) << r.output;
    EXPECT_EQ(events(), before);
}

TEST_F(SettingsCommand, SettingTheSameValueAgainRecordsNothing) {
    set_ok("course.prevent-duty.grace_days", "14");
    const long before = events();
    const CommandRun r = set("course.prevent-duty.grace_days", "14");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "nothing recorded")) << r.output;
    EXPECT_EQ(events(), before);
}

TEST_F(SettingsCommand, UnknownKeyIsAUsageErrorListingTheKeysWithASuggestion) {
    const long before = events();
    const CommandRun r = set("report.due_days", "45");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "did you mean \"report.due_soon_days\"")) << r.output;
    for (const char* key : {"organisation.name", "course.<id>.title", "course.<id>.recertification",
                            "course.<id>.grace_days", "course.<id>.current_version",
                            "course.<id>.requires_retraining"})
        EXPECT_TRUE(contains(r.output, key)) << key << "\n" << r.output;
    EXPECT_EQ(events(), before);
}

TEST_F(SettingsCommand, MisspeltCourseFieldSuggestsTheFieldForThatCourse) {
    const CommandRun r = set("course.prevent-duty.recertifcation", "rolling");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "did you mean \"course.prevent-duty.recertification\""))
        << r.output;
}

TEST_F(SettingsCommand, CourseKeyWithSomethingOtherThanACourseIdIsAUsageError) {
    const CommandRun r = set("course.Prevent Duty.title", "Prevent");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "not a course id")) << r.output;
}

TEST_F(SettingsCommand, EmptyValueIsAUsageErrorPointingToUnset) {
    const CommandRun r = set("organisation.name", "");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "waymark settings unset organisation.name")) << r.output;
}

struct BadValue {
    const char* key;
    const char* value;
    const char* expected;  // part of the reader's explanation
};

class MalformedValue : public SettingsCommand, public ::testing::WithParamInterface<BadValue> {};

TEST_P(MalformedValue, IsRefusedWithTheReadersMessageAndNothingIsRecorded) {
    const long before = events();
    const CommandRun r = set(GetParam().key, GetParam().value);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, GetParam().key)) << r.output;
    EXPECT_TRUE(contains(r.output, std::string("\"") + GetParam().value + "\"")) << r.output;
    EXPECT_TRUE(contains(r.output, GetParam().expected)) << r.output;
    EXPECT_TRUE(contains(r.output, "nothing was recorded")) << r.output;
    EXPECT_EQ(events(), before);
    EXPECT_TRUE(contains(show().output, "No organisation settings are set"));
}

INSTANTIATE_TEST_SUITE_P(
    Values, MalformedValue,
    ::testing::Values(
        BadValue{"course.prevent-duty.recertification", "yearly", "calendar:MM-DD"},
        BadValue{"course.prevent-duty.recertification", "calendar:02-30", "calendar:MM-DD"},
        BadValue{"course.prevent-duty.grace_days", "-3", "between 0 and 3650"},
        BadValue{"report.due_soon_days", "abc", "between 0 and 3650"},
        BadValue{"course.course-2.requires_retraining", "yes", "\"true\" or"},
        BadValue{"course.course-2.required_for", "Early Help", "\"team:Early Help, role:Teacher\""},
        BadValue{"course.course-2.required_for", "team:", "\"everyone\", \"nobody\""},
        BadValue{"course.course-2.first_due_days", "a month", "\"none\""},
        BadValue{"course.course-2.offered", "staff", "\"preview-only\""}));

TEST_F(SettingsCommand, ShowListsWhoMustCompleteEachCourseAndByWhen) {
    const CommandRun r = show();
    for (const char* line : {"course.prevent-duty.required_for = everyone (default)",
                             "course.prevent-duty.first_due_days = 30 (default)",
                             "course.prevent-duty.offered = yes (default)",
                             "course.course-2.first_due_days = none (default)"})
        EXPECT_TRUE(contains(r.output, line)) << line << "\n" << r.output;
}

TEST_F(SettingsCommand, SetAcceptsTeamsAndRolesAndShowListsThem) {
    set_ok("course.course-2.required_for", "team:Early Help, role:Teacher");
    EXPECT_TRUE(
        contains(show().output, "course.course-2.required_for = team:Early Help, role:Teacher"));
}

TEST_F(SettingsCommand, AnOptionalCourseLeavesTheReportsCountsButStaysInTheRows) {
    set_ok("course.course-2.required_for", "nobody");
    const CommandRun r = on_ledger("report --format json --course course-2");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "\"all\":{\"total\":0,")) << r.output.substr(0, 2000);
    EXPECT_TRUE(contains(r.output, "\"required\":false")) << r.output.substr(0, 2000);
}

TEST_F(SettingsCommand, ACourseNotOfferedToStaffLeavesTheReport) {
    set_ok("course.course-2.offered", "no");
    const CommandRun r = on_ledger("report --format csv --course course-2");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "there is no course \"course-2\"")) << r.output;
}

TEST_F(SettingsCommand, SetOnALedgerThatDoesNotExistFailsWithoutCreatingIt) {
    const CommandRun r =
        waymark("settings set report.due_soon_days 45 --ledger " + quoted(path("nowhere.db")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "nowhere.db")) << r.output;
    EXPECT_FALSE(fs::exists(path("nowhere.db")));
}

TEST_F(SettingsCommand, ShowOnALedgerThatDoesNotExistFailsWithoutCreatingIt) {
    const CommandRun r = waymark("settings show --ledger " + quoted(path("nowhere.db")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_FALSE(fs::exists(path("nowhere.db")));
}

TEST_F(SettingsCommand, SetForACourseNobodyHasRecordsOnIsRecordedWithANote) {
    const CommandRun r = set("course.prevnt-duty.title", "Prevent");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "did you mean \"prevent-duty\"")) << r.output;
    EXPECT_TRUE(contains(show().output, "course.prevnt-duty.title = Prevent\n"));
}

TEST_F(SettingsCommand, UnsetRestoresTheDefault) {
    set_ok("course.prevent-duty.grace_days", "30");
    const CommandRun r = on_ledger("settings unset course.prevent-duty.grace_days");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "course.prevent-duty.grace_days: 30 -> 0 (default)"))
        << r.output;
    const CommandRun s = show();
    EXPECT_EQ(s.exit_code, 0) << s.output;
    EXPECT_TRUE(contains(s.output, "course.prevent-duty.grace_days = 0 (default)")) << s.output;
    EXPECT_TRUE(contains(s.output, "No organisation settings are set")) << s.output;
}

TEST_F(SettingsCommand, UnsetOfAKeyThatIsNotSetRecordsNothing) {
    const long before = events();
    const CommandRun r = on_ledger("settings unset report.due_soon_days");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "not set")) << r.output;
    EXPECT_EQ(events(), before);
}

TEST_F(SettingsCommand, UnsetOfAnUnknownKeyIsAUsageError) {
    const CommandRun r = on_ledger("settings unset report.due_days");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "did you mean \"report.due_soon_days\"")) << r.output;
}

// --- the effect on the report ---------------------------------------------------------

TEST_F(SettingsCommand, CourseTitleAppearsInTheReportAndUnsetBringsBackTheId) {
    EXPECT_EQ(report_csv("--course course-2").count("course_title", "course-2"),
              report_csv("--course course-2").size());
    set_ok("course.course-2.title", "Fire safety, level 2");
    const CsvTable titled = report_csv("--course course-2");
    ASSERT_GT(titled.size(), 0u);
    EXPECT_EQ(titled.count("course_title", "Fire safety, level 2"), titled.size());
    EXPECT_EQ(report_csv("--course prevent-duty").count("course_title", "prevent-duty"),
              report_csv("--course prevent-duty").size());
    ASSERT_EQ(on_ledger("settings unset course.course-2.title").exit_code, 0);
    const CsvTable untitled = report_csv("--course course-2");
    EXPECT_EQ(untitled.count("course_title", "course-2"), untitled.size());
}

TEST_F(SettingsCommand, OrganisationNameAppearsInTheJsonReport) {
    set_ok("organisation.name", "Northshire Safeguarding Partnership");
    report("json", "report.json");
    EXPECT_TRUE(contains(read_file(path("report.json")),
                         "\"organisation\":\"Northshire Safeguarding Partnership\""));
}

TEST_F(SettingsCommand, DueSoonDaysWidensWhoIsDueSoonAsTheFlagWould) {
    const std::size_t default_window = report_csv().count("status", "due-soon");
    const std::size_t with_flag = report_csv("--due-days 365").count("status", "due-soon");
    ASSERT_GT(with_flag, default_window) << "the generated data should have later expiries";
    set_ok("report.due_soon_days", "365");
    const CsvTable csv = report_csv();
    EXPECT_EQ(csv.count("status", "due-soon"), with_flag);
    const std::string window_end = add_days(kGeneratedOn, 365);
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const std::string status = csv.at(i, "status");
        const std::string due_by = csv.at(i, "due_by");
        if (status == "due-soon") {
            EXPECT_LE(due_by, add_days(window_end, 1)) << i;
        } else if (status == "completed" && !due_by.empty()) {
            EXPECT_GE(due_by, window_end) << i;
        }
    }
}

TEST_F(SettingsCommand, DueDaysFlagStillOverridesTheSetting) {
    const std::size_t default_window = report_csv().count("status", "due-soon");
    set_ok("report.due_soon_days", "365");
    EXPECT_EQ(report_csv("--due-days 30").count("status", "due-soon"), default_window);
}

TEST_F(SettingsCommand, CalendarRecertificationMakesEveryoneRenewBySeptemberFirst) {
    const CsvTable rolling = report_csv("--course prevent-duty");
    set_ok("course.prevent-duty.recertification", "calendar:09-01");
    const CsvTable calendar = report_csv("--course prevent-duty");
    ASSERT_EQ(calendar.size(), rolling.size());
    std::size_t completions = 0, changed = 0;
    for (std::size_t i = 0; i < calendar.size(); ++i) {
        const std::string done = calendar.at(i, "completed_on");
        if (done.empty())
            continue;
        ++completions;
        // Counts for the first 1 September on or after completion, renewed a year later.
        const int year = std::stoi(done.substr(0, 4));
        const int first = done.substr(5) <= "09-01" ? year : year + 1;
        EXPECT_EQ(calendar.at(i, "valid_until"), std::to_string(first + 1) + "-09-01") << done;
        changed += calendar.at(i, "valid_until") != rolling.at(i, "valid_until");
    }
    EXPECT_GT(completions, 0u);
    EXPECT_GT(changed, 0u);
}

TEST_F(SettingsCommand, GraceDaysPushesTheDueDateBackFromTheExpiry) {
    const std::size_t overdue = report_csv("--course course-3").count("status", "overdue");
    set_ok("course.course-3.grace_days", "60");
    const CsvTable csv = report_csv("--course course-3");
    std::size_t completions = 0;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        if (csv.at(i, "valid_until").empty())
            continue;
        ++completions;
        EXPECT_EQ(csv.at(i, "due_by"), add_days(csv.at(i, "valid_until"), 60));
    }
    EXPECT_GT(completions, 0u);
    EXPECT_LE(csv.count("status", "overdue"), overdue);
}

TEST_F(SettingsCommand, RetrainingOnANewVersionMakesHoldersOfTheOldOneDue) {
    set_ok("course.prevent-duty.current_version", "9.0.0");
    set_ok("course.prevent-duty.requires_retraining", "true");
    const CsvTable csv = report_csv("--course prevent-duty");
    std::size_t valid = 0;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        if (csv.at(i, "completed_on").empty())
            continue;
        EXPECT_EQ(csv.at(i, "superseded_version"), csv.at(i, "version"));
        EXPECT_EQ(csv.at(i, "retraining_required"), "yes");
        if (csv.at(i, "status") != "overdue") {
            ++valid;
            EXPECT_EQ(csv.at(i, "status"), "due-soon");
        }
    }
    EXPECT_GT(valid, 0u);
}

}  // namespace
}  // namespace waymark::cli_testing
