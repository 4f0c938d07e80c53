// Who must complete which course by when: required and optional courses, a new starter's
// first due date, courses not offered to staff, and the one status computation
// (standing()) that the matrix, the library and the manager area share.
#include "report_fixture.hpp"
#include "waymark/report/dates.hpp"

namespace waymark::report::testing {
namespace {

// A ledger whose clock the test sets, so that enrolment falls on a chosen day.
class Assignments : public ReportTest {
  protected:
    void SetUp() override {
        ReportTest::SetUp();
        ledger_.reset();
        ledger::OpenOptions options;
        options.clock = [this] { return now_; };
        auto l = ledger::Ledger::open(dir_ / "ledger.db", options);
        ASSERT_TRUE(l) << l.error().describe();
        ledger_.emplace(std::move(*l));
    }
    std::string enrol(const std::string& staff_id, const char* when,
                      const std::string& team = "Safeguarding",
                      const std::string& role = "Practitioner") {
        now_ = at(when);
        return learner(staff_id, team, role);
    }
    UtcTime now_ = at("2026-01-01T09:00:00Z");
};

TEST_F(Assignments, GiveANeverStartedLearnerADueDateOfEnrolmentPlusTheFirstDueDays) {
    setting("course.safeguarding.first_due_days", "14");
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    const auto row = only_row(matrix("2026-01-10T00:00:00Z"), a, "safeguarding");
    EXPECT_EQ(row.status, Status::not_started);
    ASSERT_TRUE(row.due_by);
    EXPECT_EQ(date_in_words(*row.due_by), "19 January 2026");
}

TEST_F(Assignments, ShowANeverStartedLearnerAsOverdueOnceTheFirstDueDaysHavePassed) {
    setting("course.safeguarding.first_due_days", "14");
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    EXPECT_EQ(only_row(matrix("2026-01-20T00:00:00Z"), a, "safeguarding").status, Status::overdue);
}

TEST_F(Assignments, GivePreventDutyAFirstDueDateOfThirtyDaysWithoutAnySetting) {
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    complete(enrol("S2", "2026-01-05T09:00:00Z"), course(), "2026-01-06T10:00:00Z");
    const auto row = only_row(matrix("2026-02-05T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::overdue);
    EXPECT_EQ(date_in_words(*row.due_by), "4 February 2026");
}

TEST_F(Assignments, GiveNoFirstDueDateWhenTheOrganisationSetsNone) {
    setting("course.prevent-duty.first_due_days", "none");
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    setting("course.prevent-duty.title", "Prevent duty training");
    const auto row = only_row(matrix("2027-01-01T00:00:00Z"), a);
    EXPECT_EQ(row.status, Status::not_started);
    EXPECT_FALSE(row.due_by);
}

TEST_F(Assignments, KeepAnInProgressLearnerOnTheFirstDueDateToo) {
    setting("course.safeguarding.first_due_days", "14");
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    view_page(a, course("safeguarding"), 0, "2026-01-06T10:00:00Z");
    EXPECT_EQ(only_row(matrix("2026-01-25T00:00:00Z"), a, "safeguarding").status, Status::overdue);
}

TEST_F(Assignments, MarkACourseRequiredOnlyForTheTeamsAndRolesNamed) {
    setting("course.safeguarding.required_for", "team:Early Help, role:Teacher");
    const auto help = enrol("S1", "2026-01-05T09:00:00Z", "Early Help", "Practitioner");
    const auto teacher = enrol("S2", "2026-01-05T09:00:00Z", "Schools", "Teacher");
    const auto other = enrol("S3", "2026-01-05T09:00:00Z", "Schools", "Caretaker");
    const auto& m = matrix("2026-02-01T00:00:00Z");
    EXPECT_TRUE(only_row(m, help, "safeguarding").required);
    EXPECT_TRUE(only_row(m, teacher, "safeguarding").required);
    EXPECT_FALSE(only_row(m, other, "safeguarding").required);
}

TEST_F(Assignments, LeaveAnOptionalCourseOutOfTheNotStartedCount) {
    setting("course.safeguarding.required_for", "team:Early Help");
    enrol("S1", "2026-01-05T09:00:00Z", "Early Help");
    enrol("S2", "2026-01-05T09:00:00Z", "Schools");
    const Summary s = matrix("2026-02-01T00:00:00Z").summarise({"safeguarding", "", "", {}});
    EXPECT_EQ(s.all.total, 1);
    EXPECT_EQ(s.all.count(Status::not_started), 1);
    EXPECT_EQ(s.all.optional, 1);
    EXPECT_EQ(s.by_team.at("Schools").total, 0);
}

TEST_F(Assignments, GiveAnOptionalCourseNoFirstDueDate) {
    setting("course.safeguarding.required_for", "nobody");
    setting("course.safeguarding.first_due_days", "14");
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    const auto row = only_row(matrix("2026-03-01T00:00:00Z"), a, "safeguarding");
    EXPECT_EQ(row.status, Status::not_started);
    EXPECT_FALSE(row.due_by);
}

TEST_F(Assignments, GiveNoRowsForACourseNotOfferedToStaff) {
    const auto a = enrol("S1", "2026-01-05T09:00:00Z");
    view_page(a, course("run-hide-tell-young-people"), 0, "2026-01-06T10:00:00Z");
    setting("course.waymark-sample.offered", "preview-only");
    view_page(a, course("waymark-sample"), 0, "2026-01-06T10:00:00Z");
    setting("course.safeguarding.offered", "no");
    view_page(a, course("safeguarding"), 0, "2026-01-06T10:00:00Z");
    EXPECT_EQ(matrix("2026-02-01T00:00:00Z").course_ids(), std::vector<std::string>{});
}

TEST_F(Assignments, ListOnlyRequiredRowsWhenTheFilterAsksForThem) {
    setting("course.safeguarding.required_for", "team:Early Help");
    const auto a = enrol("S1", "2026-01-05T09:00:00Z", "Schools");
    complete(a, course("safeguarding"), "2024-01-06T10:00:00Z");
    const auto& m = matrix("2026-02-01T00:00:00Z");
    EXPECT_EQ(only_row(m, a, "safeguarding").status, Status::overdue);
    EXPECT_EQ(m.count_rows({"", "", "", Status::overdue, true}), 0);
    EXPECT_EQ(m.count_rows({"", "", "", Status::overdue, {}}), 1);
}

TEST(Standing, IsOverdueForARequiredCourseNeverCompletedByTheFirstDueDate) {
    CourseSettings course;
    course.first_due_days = 10;
    StandingFacts facts;
    facts.enrolled_at = at("2026-01-01");
    const Standing s = standing(course, facts, at("2026-01-11"), 30);
    EXPECT_EQ(s.status, Status::overdue);
    EXPECT_EQ(format_date(*s.due_by), "2026-01-11");
}

TEST(Standing, GivesACompletionWithinTheGracePeriodItsDueDate) {
    CourseSettings course;
    course.recertification.grace_days = 7;
    StandingFacts facts;
    facts.completed_at = at("2025-01-01");
    facts.valid_until = at("2026-01-01");
    const Standing s = standing(course, facts, at("2026-01-05"), 30);
    EXPECT_EQ(s.status, Status::due_soon);
    EXPECT_EQ(format_date(*s.due_by), "2026-01-08");
}

TEST(DateInWords, WritesTheDayTheMonthInFullAndTheYear) {
    EXPECT_EQ(date_in_words(at("2026-01-12T23:59:00Z")), "12 January 2026");
    EXPECT_EQ(date_in_words(at("2028-02-29")), "29 February 2028");
}

}  // namespace
}  // namespace waymark::report::testing
