#include "report_fixture.hpp"

namespace waymark::report::testing {
namespace {

using StatusModel = ReportTest;

TEST_F(StatusModel, ShowsALearnerWithNothingRecordedAsNotStarted) {
    const auto a = learner("S1");
    const auto b = learner("S2");
    complete(b, course(), "2026-01-10T10:00:00Z");
    const auto& m = matrix("2026-02-01T00:00:00Z");
    EXPECT_EQ(only_row(m, a).status, Status::not_started);
}

TEST_F(StatusModel, ShowsPagesViewedWithoutACompletionAsInProgressWithThePercent) {
    const auto a = learner("S1");
    view_page(a, course(), 0, "2026-01-10T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::in_progress);
    EXPECT_EQ(row.percent, 25);
}

TEST_F(StatusModel, ShowsAValidCompletionWithItsDateScoreVersionAndExpiry) {
    const auto a = learner("S1");
    complete(a, course(), "2026-01-10T10:00:00Z", 12, 0.85);
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::completed);
    EXPECT_EQ(format_iso8601(*row.completed_at), "2026-01-10T10:00:00Z");
    EXPECT_NEAR(row.score, 0.85, 1e-6);
    EXPECT_EQ(row.version, "2.1.0");
    EXPECT_EQ(format_date(*row.valid_until), "2027-01-10");
}

TEST_F(StatusModel, ShowsACompletionExpiringWithinTheWindowAsDueSoon) {
    const auto a = learner("S1");
    complete(a, course(), "2025-01-20T10:00:00Z");
    EXPECT_EQ(only_row(matrix("2026-01-01T00:00:00Z"), a).status, Status::due_soon);
    EXPECT_EQ(only_row(matrix("2026-01-01T00:00:00Z", 10), a).status, Status::completed);
}

TEST_F(StatusModel, ShowsAnExpiredCompletionAsOverdue) {
    const auto a = learner("S1");
    complete(a, course(), "2024-06-01T10:00:00Z");
    EXPECT_EQ(only_row(matrix("2025-06-02T00:00:00Z"), a).status, Status::overdue);
}

TEST_F(StatusModel, ShowsTheStateOnTheAsOfDayIgnoringLaterCompletions) {
    const auto a = learner("S1");
    view_page(a, course(), 0, "2026-01-05T10:00:00Z");
    view_page(a, course(), 1, "2026-03-05T10:00:00Z");
    view_page(a, course(), 2, "2026-03-06T10:00:00Z");
    complete(a, course(), "2026-03-10T10:00:00Z");
    const auto before = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(before.status, Status::in_progress);
    EXPECT_EQ(before.percent, 25);
    EXPECT_EQ(only_row(matrix("2026-04-01T00:00:00Z"), a).status, Status::completed);
}

TEST_F(StatusModel, KeepsACompletionOnAnUntrustedPackageApart) {
    const auto a = learner("S1");
    complete(a, course("prevent-duty", "2.1.0", false), "2026-01-10T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::untrusted);
    EXPECT_FALSE(row.completed_at);
    EXPECT_EQ(format_date(*row.untrusted_completed_at), "2026-01-10");
}

TEST_F(StatusModel, LetsAValidTrustedCompletionOutrankALaterUntrustedOne) {
    const auto a = learner("S1");
    complete(a, course(), "2026-01-10T10:00:00Z");
    complete(a, course("prevent-duty", "2.1.0", false), "2026-01-20T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::completed);
    EXPECT_TRUE(row.untrusted_completed_at);
}

TEST_F(StatusModel, UsesTheLatestOfSeveralCompletions) {
    const auto a = learner("S1");
    complete(a, course(), "2024-01-10T10:00:00Z");
    complete(a, course(), "2025-12-01T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::completed);
    EXPECT_EQ(format_date(*row.completed_at), "2025-12-01");
}

TEST_F(StatusModel, AppliesARollingPolicyFromTheOrganisationSettings) {
    const auto a = learner("S1");
    setting("course.prevent-duty.recertification", "rolling:24");
    complete(a, course(), "2025-01-10T10:00:00Z", 12);
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(format_date(*row.valid_until), "2027-01-10");
    EXPECT_EQ(row.status, Status::completed);
}

TEST_F(StatusModel, AppliesACalendarWindowFromTheOrganisationSettings) {
    const auto a = learner("S1");
    setting("course.prevent-duty.recertification", "calendar:09-01");
    complete(a, course(), "2025-10-15T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(format_date(*row.valid_until), "2027-09-01");
}

TEST_F(StatusModel, KeepsStaffDueRatherThanOverdueDuringTheGracePeriod) {
    const auto a = learner("S1");
    setting("course.prevent-duty.grace_days", "30");
    complete(a, course(), "2025-01-10T10:00:00Z");
    const auto row = only_row(matrix("2026-01-20T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::due_soon);
    EXPECT_EQ(format_date(*row.due_by), "2026-02-09");
    EXPECT_EQ(only_row(matrix("2026-02-10T00:00:00Z"), a).status, Status::overdue);
}

TEST_F(StatusModel, ListsACompletionOnASupersededVersion) {
    const auto a = learner("S1");
    setting("course.prevent-duty.current_version", "2.10.0");
    complete(a, course("prevent-duty", "2.9.0"), "2026-01-10T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_EQ(row.superseded_version, "2.9.0");
    EXPECT_EQ(row.status, Status::completed);
}

TEST_F(StatusModel, ShowsStaffOnASupersededVersionAsDueWhenRetrainingIsRequired) {
    const auto a = learner("S1");
    setting("course.prevent-duty.current_version", "3.0.0");
    setting("course.prevent-duty.requires_retraining", "true");
    complete(a, course("prevent-duty", "2.9.0"), "2026-01-10T10:00:00Z");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a);
    EXPECT_TRUE(row.retraining_required);
    EXPECT_EQ(row.status, Status::due_soon);
}

TEST_F(StatusModel, ListsACourseKnownOnlyFromTheSettingsWithEveryoneNotStarted) {
    const auto a = learner("S1");
    setting("course.channel-awareness.title", "Channel awareness");
    const auto row = only_row(matrix("2026-02-01T00:00:00Z"), a, "channel-awareness");
    EXPECT_EQ(row.course_title, "Channel awareness");
    EXPECT_EQ(row.status, Status::not_started);
}

TEST_F(StatusModel, LeavesErasedLearnersOut) {
    const auto a = learner("S1");
    const auto b = learner("S2");
    complete(a, course(), "2026-01-10T10:00:00Z");
    ASSERT_TRUE(ledger_->erase_learner(a));
    EXPECT_EQ(matrix("2026-02-01T00:00:00Z").count_rows({}), 1);
    (void)b;
}

TEST_F(StatusModel, RefusesAMalformedRecertificationSettingNamingTheKey) {
    learner("S1");
    setting("course.prevent-duty.recertification", "every year");
    auto m = StatusMatrix::load(*ledger_, {});
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().describe().find("course.prevent-duty.recertification"), std::string::npos);
}

TEST_F(StatusModel, RejectsAnUnknownTeamListingTheKnownOnes) {
    learner("S1", "Housing");
    complete(learner("S2", "Youth Services"), course(), "2026-01-10T10:00:00Z");
    auto check = matrix("2026-02-01T00:00:00Z").check(RowFilter{"", "Finance", "", {}});
    ASSERT_FALSE(check);
    EXPECT_EQ(check.error().code, ErrorCode::usage);
    EXPECT_NE(check.error().message.find("Housing, Youth Services"), std::string::npos);
}

TEST_F(StatusModel, SummarisesCompletionRateByTeam) {
    const auto a = learner("S1", "Housing");
    learner("S2", "Housing");
    complete(a, course(), "2026-01-10T10:00:00Z");
    const auto summary = matrix("2026-02-01T00:00:00Z").summarise({});
    const Tally& housing = summary.by_team.at("Housing");
    EXPECT_EQ(housing.total, 2);
    EXPECT_EQ(housing.compliant(), 1);
    EXPECT_DOUBLE_EQ(housing.rate(), 0.5);
}

TEST_F(StatusModel, FiltersRowsByStatus) {
    const auto a = learner("S1");
    learner("S2");
    complete(a, course(), "2024-01-10T10:00:00Z");
    const auto& m = matrix("2026-02-01T00:00:00Z");
    EXPECT_EQ(m.count_rows(RowFilter{"", "", "", Status::overdue}), 1);
    EXPECT_EQ(m.count_rows(RowFilter{"", "", "", Status::not_started}), 1);
}

TEST(VersionOrder, ComparesDottedNumbersAsNumbers) {
    EXPECT_TRUE(version_less("1.9.0", "1.10.0"));
    EXPECT_FALSE(version_less("1.10.0", "1.9.0"));
    EXPECT_FALSE(version_less("2.0", "2.0"));
}

}  // namespace
}  // namespace waymark::report::testing
