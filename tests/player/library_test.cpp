#include <gtest/gtest.h>

#include <fstream>

#include "courses.hpp"
#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/library.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {
UtcTime at(const char* text) {
    return *parse_iso8601(text);
}

TEST(Library, FindsTheBundledCourseFoldersAsPreviewOnly) {
    auto courses = scan_courses({WAYMARK_SOURCE_DIR "/courses"}, {});
    ASSERT_GE(courses.size(), 3u);
    for (const auto& c : courses) {
        EXPECT_TRUE(c.playable()) << c.path << ": " << c.error;
        EXPECT_TRUE(c.preview_only()) << c.path;
    }
}

TEST(Library, SkipsAFolderThatDoesNotExist) {
    EXPECT_TRUE(scan_courses({"/nonexistent/waymark"}, {}).empty());
}

TEST(Library, ListsADamagedPackageWithItsError) {
    const waymark::testing::ScratchFolder dir("player-library");
    std::ofstream(dir / "broken.wmpkg") << "this is not a zip";
    auto courses = scan_courses({dir.path()}, {});
    ASSERT_EQ(courses.size(), 1u);
    EXPECT_FALSE(courses[0].playable());
    EXPECT_NE(courses[0].error.find("cannot be opened"), std::string::npos);
    EXPECT_EQ(courses[0].title(), "broken.wmpkg");
}

TEST(Library, ReportsACourseWithErrorsWithTheFirstDiagnostic) {
    const waymark::testing::ScratchFolder dir("player-bad-course");
    std::ofstream(dir / "course.json") << "{\"id\": ";
    auto entry = load_course_folder(dir.path());
    EXPECT_FALSE(entry.playable());
    EXPECT_NE(entry.error.find("course.json:"), std::string::npos);
}

// A completion as the journal gives it back: the course's refresher months at the time.
Completion completion(const char* when, int refresher_months, bool trusted = true) {
    Completion c{"1.0.0", at(when), 1, "attempt", refresher_months};
    c.trusted = trusted;
    return c;
}

// The organisation's settings as the ledger would hold them.
report::OrganisationSettings organisation(
    const std::vector<std::pair<std::string, std::string>>& settings) {
    auto org = report::read_organisation_settings(settings);
    EXPECT_TRUE(org) << org.error().describe();
    return org ? *org : report::OrganisationSettings{};
}

TEST(CourseStatus, IsNotStartedWithNoHistory) {
    auto c = test::course_with_pages({2});
    EXPECT_EQ(course_status(c, {}, at("2026-01-01")).label(), "Not started");
}

TEST(CourseStatus, ShowsThePercentOfPagesRead) {
    auto c = test::course_with_pages({2, 2});
    CourseHistory h;
    h.pages_viewed = {{"m1", "page-1"}, {"m1", "page-1"}};
    EXPECT_EQ(course_status(c, h, at("2026-01-01")).label(), "In progress, 25%");
}

TEST(CourseStatus, SaysWhenACompletionIsDueAgainInWords) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back(completion("2026-01-05", 24));
    const auto s = course_status(c, h, at("2026-02-01"));
    EXPECT_EQ(s.label(), "Completed on 5 January 2026");
    EXPECT_EQ(s.requirement_label(), "Due again by 5 January 2028");
}

TEST(CourseStatus, IsDueSoonWithinThirtyDaysOfExpiry) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back(completion("2026-01-05", 12));
    const auto s = course_status(c, h, at("2026-12-24"));
    EXPECT_EQ(s.kind, StatusKind::due_soon);
    EXPECT_EQ(s.days_left, 12);
    EXPECT_EQ(s.requirement_label(), "Due again by 5 January 2027");
}

TEST(CourseStatus, SaysSinceWhenACompletionIsOverdueInWords) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back(completion("2026-01-05", 12));
    const auto s = course_status(c, h, at("2027-01-08"));
    EXPECT_EQ(s.kind, StatusKind::overdue);
    EXPECT_EQ(s.days_left, 3);
    EXPECT_EQ(s.requirement_label(), "Overdue since 5 January 2027");
}

TEST(CourseStatus, NeverExpiresWithoutARefresherPeriod) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back(completion("2020-01-05", 0));
    const auto s = course_status(c, h, at("2030-01-01"));
    EXPECT_EQ(s.label(), "Completed on 5 January 2020");
    EXPECT_EQ(s.requirement_label(), "Required");
}

TEST(CourseStatus, SaysARequiredCourseMustBeCompletedByEnrolmentPlusTheFirstDueDays) {
    auto c = test::course_with_pages({1});
    const auto org = organisation({{"course.built.first_due_days", "7"}});
    const auto s = course_status(c, {}, org, {"Early Help", "Social worker", at("2026-01-05")},
                                 at("2026-01-06"));
    EXPECT_EQ(s.requirement_label(), "Required: complete by 12 January 2026");
    EXPECT_EQ(s.label(), "Not started");
}

TEST(CourseStatus, ShowsANeverStartedLearnerOverdueAfterTheFirstDueDays) {
    auto c = test::course_with_pages({1});
    const auto org = organisation({{"course.built.first_due_days", "7"}});
    const auto s = course_status(c, {}, org, {"Early Help", "Social worker", at("2026-01-05")},
                                 at("2026-01-15"));
    EXPECT_EQ(s.kind, StatusKind::overdue);
    EXPECT_EQ(s.requirement_label(), "Overdue since 12 January 2026");
    EXPECT_EQ(s.days_left, 3);
}

TEST(CourseStatus, CallsACourseRequiredOfOtherTeamsOptional) {
    auto c = test::course_with_pages({1});
    const auto org = organisation(
        {{"course.built.required_for", "team:Early Help"}, {"course.built.first_due_days", "7"}});
    const auto s =
        course_status(c, {}, org, {"Schools", "Teacher", at("2026-01-05")}, at("2026-03-01"));
    EXPECT_FALSE(s.required);
    EXPECT_EQ(s.kind, StatusKind::not_started);
    EXPECT_EQ(s.requirement_label(), "Optional");
}

TEST(CourseStatus, SaysAPreviewCompletionDoesNotCount) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back(completion("2026-01-05", 12, false));
    const auto s = course_status(c, h, at("2026-02-01"));
    EXPECT_EQ(s.status, report::Status::untrusted);
    EXPECT_EQ(s.label(), "Completed on 5 January 2026 as a preview, which does not count");
}

TEST(CourseStatus, LeavesOutOfTheListACourseNotOfferedToStaff) {
    auto c = test::course_with_pages({1});
    const auto preview = organisation({{"course.built.offered", "preview-only"}});
    EXPECT_FALSE(course_status(c, {}, preview, {}, at("2026-01-01")).listed);
    c.id = "run-hide-tell-young-people";
    EXPECT_FALSE(course_status(c, {}, organisation({}), {}, at("2026-01-01")).listed);
    c.id = "prevent-duty";
    EXPECT_TRUE(course_status(c, {}, organisation({}), {}, at("2026-01-01")).listed);
}

TEST(CourseStatus, AgreesWithTheReportsOnTheGracePeriod) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back(completion("2026-01-05", 12));
    const auto org = organisation({{"course.built.grace_days", "14"}});
    const auto s = course_status(c, h, org, {}, at("2027-01-10"));
    EXPECT_EQ(s.kind, StatusKind::due_soon);
    EXPECT_EQ(s.requirement_label(), "Due again by 19 January 2027");
}

TEST(CourseTitles, AreRecordedWhenThePlayerFindsATrustedCourse) {
    // Before anyone opens it: the manager area and the reports list a course by its records,
    // and a new organisation has none yet.
    MemoryJournal journal;
    EXPECT_EQ(journal.organisation()->course("prevent-duty").title, "");
    test::Journey t(journal, {test::prevent_course()});
    EXPECT_EQ(journal.organisation()->course("prevent-duty").title, "Prevent duty training");
}

TEST(CourseTitles, NeverReplaceTheTitleTheOrganisationSet) {
    MemoryJournal journal;
    journal.set_organisation_setting("course.prevent-duty.title", "Prevent (2026)");
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().open_course(0);
    EXPECT_EQ(journal.organisation()->course("prevent-duty").title, "Prevent (2026)");
}

TEST(CourseTitles, AreNotRecordedForACoursePreview) {
    MemoryJournal journal;
    test::Journey t(journal, {test::sample_folder()});
    t.add_learner();
    t.p().open_course(0);
    EXPECT_EQ(journal.organisation()->course("waymark-sample").title, "");
}

TEST(LibraryStatus, GivesANewStarterTheFirstDueDateFromTheirEnrolment) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    journal.set_enrolled_at(t.p().learner()->id, at("2026-03-01T10:00:00Z"));
    EXPECT_EQ(t.p().status_of(0).requirement_label(), "Required: complete by 31 March 2026");
    t.now = at("2026-04-01T10:00:00Z");
    EXPECT_EQ(t.p().status_of(0).requirement_label(), "Overdue since 31 March 2026");
}

}  // namespace

TEST(CharactersUsed, ListsEachCharacterBeyondAsciiOnce) {
    auto c = test::course_with_pages({1});
    c.title = "Łódź café";
    content::Block b;
    b.text = {content::Span{"naïve café"}};
    c.modules[0].pages[0].blocks.push_back(b);
    const auto used = characters_used(c);
    EXPECT_EQ(used.size(), std::string("Łóźéï").size());
    for (const char* ch : {"Ł", "ó", "ź", "é", "ï"})
        EXPECT_NE(used.find(ch), std::string::npos) << ch;
}
