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

}  // namespace
}  // namespace waymark::report
