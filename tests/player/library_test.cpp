#include <gtest/gtest.h>

#include <fstream>

#include "courses.hpp"
#include "waymark/player/library.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {
UtcTime at(const char* text) {
    return *parse_iso8601(text);
}
}  // namespace

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
    const auto dir = std::filesystem::temp_directory_path() / "waymark-player-library-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "broken.wmpkg") << "this is not a zip";
    auto courses = scan_courses({dir}, {});
    std::filesystem::remove_all(dir);
    ASSERT_EQ(courses.size(), 1u);
    EXPECT_FALSE(courses[0].playable());
    EXPECT_NE(courses[0].error.find("cannot be opened"), std::string::npos);
    EXPECT_EQ(courses[0].title(), "broken.wmpkg");
}

TEST(Library, ReportsACourseWithErrorsWithTheFirstDiagnostic) {
    const auto dir = std::filesystem::temp_directory_path() / "waymark-player-bad-course";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "course.json") << "{\"id\": ";
    auto entry = load_course_folder(dir);
    std::filesystem::remove_all(dir);
    EXPECT_FALSE(entry.playable());
    EXPECT_NE(entry.error.find("course.json:"), std::string::npos);
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

TEST(CourseStatus, ShowsWhenACompletionIsValidUntil) {
    auto c = test::course_with_pages({1});
    c.refresher_months = 24;
    CourseHistory h;
    h.completions.push_back({"1.0.0", at("2026-01-05"), 1});
    EXPECT_EQ(course_status(c, h, at("2026-02-01")).label(),
              "Completed on 2026-01-05, valid until 2028-01-05");
}

TEST(CourseStatus, IsDueSoonWithinThirtyDaysOfExpiry) {
    auto c = test::course_with_pages({1});
    c.refresher_months = 12;
    CourseHistory h;
    h.completions.push_back({"1.0.0", at("2026-01-05"), 1});
    EXPECT_EQ(course_status(c, h, at("2026-12-24")).label(), "Due in 12 days");
}

TEST(CourseStatus, IsOverdueAfterExpiry) {
    auto c = test::course_with_pages({1});
    c.refresher_months = 12;
    CourseHistory h;
    h.completions.push_back({"1.0.0", at("2026-01-05"), 1});
    EXPECT_EQ(course_status(c, h, at("2027-01-08")).label(), "Overdue by 3 days");
}

TEST(CourseStatus, NeverExpiresWithoutARefresherPeriod) {
    auto c = test::course_with_pages({1});
    CourseHistory h;
    h.completions.push_back({"1.0.0", at("2020-01-05"), 1});
    EXPECT_EQ(course_status(c, h, at("2030-01-01")).label(), "Completed on 2020-01-05");
}

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
