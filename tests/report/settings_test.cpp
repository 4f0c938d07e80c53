// The organisation settings reader: what each key means, and that a removed setting (the
// ledger keeps its key with an empty value) leaves the default in force.
#include <gtest/gtest.h>

#include "waymark/report/settings.hpp"

namespace waymark::report {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

OrganisationSettings read(const Settings& settings) {
    auto org = read_organisation_settings(settings);
    EXPECT_TRUE(org) << org.error().describe();
    return org ? *org : OrganisationSettings{};
}

TEST(OrganisationSettingsReader, TakesTheDueSoonWindowFromTheSetting) {
    EXPECT_EQ(read({{"report.due_soon_days", "45"}}).due_soon_days, 45);
}

TEST(OrganisationSettingsReader, TreatsAnEmptyDueSoonWindowAsNotSet) {
    EXPECT_EQ(read({{"report.due_soon_days", ""}}).due_soon_days,
              OrganisationSettings{}.due_soon_days);
}

TEST(OrganisationSettingsReader, TreatsAnEmptyRecertificationRuleAsTheDefaultRule) {
    const auto org = read({{"course.prevent-duty.recertification", ""}});
    const auto& rule = org.course("prevent-duty").recertification;
    EXPECT_EQ(rule.kind, Recertification::Kind::rolling);
    EXPECT_FALSE(rule.months);
}

TEST(OrganisationSettingsReader, TreatsEmptyGraceDaysAndRetrainingAsNotSet) {
    const auto org = read(
        {{"course.prevent-duty.grace_days", ""}, {"course.prevent-duty.requires_retraining", ""}});
    EXPECT_EQ(org.course("prevent-duty").recertification.grace_days, Recertification{}.grace_days);
    EXPECT_FALSE(org.course("prevent-duty").requires_retraining);
}

TEST(OrganisationSettingsReader, ListsNoCourseWhoseOnlySettingsWereRemoved) {
    const auto org = read({{"course.channel-awareness.title", ""}, {"organisation.name", ""}});
    EXPECT_TRUE(org.courses.empty());
    EXPECT_TRUE(org.name.empty());
}

TEST(OrganisationSettingsReader, KeepsOtherCoursesSettingsWhenOneIsRemoved) {
    const auto org = read({{"course.prevent-duty.title", ""},
                           {"course.prevent-duty.grace_days", "14"},
                           {"course.fire-safety.title", "Fire safety"}});
    EXPECT_EQ(org.course("prevent-duty").recertification.grace_days, 14);
    EXPECT_EQ(org.course("fire-safety").title, "Fire safety");
}

TEST(OrganisationSettingsReader, StillRefusesAMalformedValueNamingTheKey) {
    auto org = read_organisation_settings({{"course.prevent-duty.grace_days", "-3"}});
    ASSERT_FALSE(org);
    EXPECT_EQ(org.error().code, ErrorCode::invalid);
    EXPECT_NE(org.error().message.find("course.prevent-duty.grace_days"), std::string::npos);
}

TEST(OrganisationSettingsReader, ReadsWhoMustCompleteACourseFromTeamsAndRoles) {
    const auto org = read(
        {{"course.safeguarding.required_for", "team:Early Help,  role:Teacher , team:Schools"}});
    const Requirement& r = org.course("safeguarding").required_for;
    EXPECT_FALSE(r.everyone);
    EXPECT_EQ(r.teams, (std::vector<std::string>{"Early Help", "Schools"}));
    EXPECT_EQ(r.roles, (std::vector<std::string>{"Teacher"}));
    EXPECT_EQ(r.describe(), "team:Early Help, team:Schools, role:Teacher");
}

TEST(OrganisationSettingsReader, RequiresACourseOfNobodyWhenToldSo) {
    const auto org = read({{"course.safeguarding.required_for", "nobody"}});
    const Requirement& r = org.course("safeguarding").required_for;
    EXPECT_FALSE(r.applies_to("Early Help", "Teacher"));
}

TEST(OrganisationSettingsReader, RefusesAWhoMustCompleteValueSayingWhatToWrite) {
    for (const char* value :
         {"team Early Help", "team:", "everyone, team:Schools", "role: ,", "Early Help"}) {
        auto org = read_organisation_settings({{"course.safeguarding.required_for", value}});
        ASSERT_FALSE(org) << value;
        EXPECT_NE(org.error().message.find("team:Early Help, role:Teacher"), std::string::npos)
            << org.error().message;
    }
}

TEST(OrganisationSettingsReader, RefusesAFirstDueDateThatIsNotADayCount) {
    for (const char* value : {"-5", "30 days", "99999", "0x10", "none please"}) {
        auto org = read_organisation_settings({{"course.prevent-duty.first_due_days", value}});
        ASSERT_FALSE(org) << value;
        EXPECT_NE(org.error().message.find("\"none\""), std::string::npos) << org.error().message;
    }
}

TEST(OrganisationSettingsReader, RefusesAnOfferedValueItDoesNotKnow) {
    auto org = read_organisation_settings({{"course.waymark-sample.offered", "authors"}});
    ASSERT_FALSE(org);
    EXPECT_NE(org.error().message.find("preview-only"), std::string::npos);
}

TEST(OrganisationSettingsReader, RequiresPreventDutyOfEveryoneWithinThirtyDaysByDefault) {
    const auto org = read({});
    const auto& course = org.course("prevent-duty");
    EXPECT_TRUE(course.required_for.everyone);
    EXPECT_EQ(course.first_due_days, 30);
    EXPECT_EQ(course.offered, Offered::yes);
}

TEST(OrganisationSettingsReader, KeepsTheBundledDefaultsOfACourseWithOtherSettings) {
    // A copy: course() refers into the settings it was read from.
    const auto org = read({{"course.prevent-duty.grace_days", "7"}});
    const auto& course = org.course("prevent-duty");
    EXPECT_EQ(course.first_due_days, 30);
}

TEST(OrganisationSettingsReader, OffersTheYoungPeoplesCourseToNoStaffByDefault) {
    EXPECT_EQ(read({}).course("run-hide-tell-young-people").offered, Offered::no);
}

TEST(OrganisationSettingsReader, KeepsACourseForAuthorPreviewWhenToldSo) {
    EXPECT_EQ(
        read({{"course.waymark-sample.offered", "preview-only"}}).course("waymark-sample").offered,
        Offered::preview_only);
}

TEST(OrganisationSettingsReader, TurnsTheFirstDueDateOffWithNone) {
    EXPECT_FALSE(read({{"course.prevent-duty.first_due_days", "none"}})
                     .course("prevent-duty")
                     .first_due_days);
}

TEST(CourseSettingValue, WritesEachFieldAsItsSettingWouldBeWritten) {
    const CourseSettings defaults = default_course_settings("prevent-duty");
    EXPECT_EQ(course_setting_value(defaults, "required_for", "prevent-duty"), "everyone");
    EXPECT_EQ(course_setting_value(defaults, "first_due_days", "prevent-duty"), "30");
    EXPECT_EQ(course_setting_value(defaults, "offered", "prevent-duty"), "yes");
    EXPECT_EQ(course_setting_value(defaults, "title", "prevent-duty"), "prevent-duty");
    EXPECT_EQ(course_setting_value(default_course_settings("x"), "first_due_days", "x"), "none");
}

}  // namespace
}  // namespace waymark::report
