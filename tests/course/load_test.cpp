#include <gtest/gtest.h>

#include "course_fixture.hpp"
#include "scratch_folder.hpp"

using namespace waymark;
using namespace waymark::course;
using namespace waymark::course::testing;

TEST(SampleCourse, LoadsWithNoErrorsAndNoWarnings) {
    const LoadedCourse c = load(sample_course_files());
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST(SampleCourse, HasItsModulesPagesAndQuestions) {
    const LoadedCourse c = load(sample_course_files());
    ASSERT_EQ(c.course.modules.size(), 2u);
    EXPECT_EQ(c.course.modules[0].pages.size(), 2u);
    EXPECT_EQ(c.course.knowledge_checks.size(), 5u);
    EXPECT_EQ(c.course.assessment_questions.size(), 11u);
    EXPECT_EQ(c.course.contacts.size(), 2u);
    EXPECT_EQ(c.course.assessment.draw, 8);
    EXPECT_EQ(c.course.assessment.review, ReviewPolicy::after_last_attempt);
}

TEST(SampleCourse, UsesEveryBlockKind) {
    const LoadedCourse c = load(sample_course_files());
    std::set<content::BlockKind> kinds;
    std::function<void(const content::Block&)> visit = [&](const content::Block& b) {
        kinds.insert(b.kind);
        for (const auto& child : b.children)
            visit(child);
        for (const auto& item : b.items)
            for (const auto& child : item.blocks)
                visit(child);
    };
    for (const auto& m : c.course.modules)
        for (const auto& p : m.pages)
            for (const auto& b : p.blocks)
                visit(b);
    EXPECT_EQ(kinds.size(), static_cast<std::size_t>(content::BlockKind::rule) + 1);
}

TEST(SampleCourse, UsesEveryQuestionType) {
    const LoadedCourse c = load(sample_course_files());
    std::set<content::QuestionType> types;
    for (const auto& q : c.course.knowledge_checks)
        types.insert(q.type);
    for (const auto& q : c.course.assessment_questions)
        types.insert(q.type);
    types.insert(content::QuestionType::description);  // an information item has no place here
    EXPECT_EQ(types.size(), static_cast<std::size_t>(content::QuestionType::description) + 1);
}

TEST(SampleCourse, TakesTheModuleOfAGiftQuestionFromItsCategory) {
    const LoadedCourse c = load(sample_course_files());
    const auto* q = c.course.find_assessment_question("sample-gift-matching");
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->module, "questions");
}

TEST(CourseCheck, ReportsAJsonSyntaxErrorWithLineAndColumn) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"version\": \"1.0.0\",", "\"version\": \"1.0.0\"");
    const LoadedCourse c = load(files);
    ASSERT_TRUE(reports(c, "course.json", 4, "invalid JSON")) << listing(c);
    EXPECT_EQ(c.diagnostics.items()[0].column, 3);
}

TEST(CourseCheck, SuggestsTheRightSpellingOfAnUnknownKey) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"pass_mark\"", "\"pasmark\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 31,
                        "unknown key \"pasmark\" in the assessment (did you "
                        "mean \"pass_mark\"?)"))
        << listing(c);
}

TEST(CourseCheck, ReportsAMissingRequiredField) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"publisher\": \"Waymark\",", "");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 1, "missing the required key \"publisher\""))
        << listing(c);
}

TEST(CourseCheck, ReportsAWrongTypedField) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"estimated_minutes\": 10", "\"estimated_minutes\": \"10\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 9, "\"estimated_minutes\" must be a number"))
        << listing(c);
}

TEST(CourseCheck, RefusesAPassMarkAbove100) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"pass_mark\": 75", "\"pass_mark\": 175");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 31, "between 0 and 100")) << listing(c);
}

TEST(CourseCheck, RefusesADrawLargerThanTheBank) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"draw\": 8", "\"draw\": 40");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(
        reports(c, "course.json", 0, "draws 40 questions, but its banks have only 11 usable"))
        << listing(c);
}

TEST(CourseCheck, RefusesAQuotaTheBankCannotMeet) {
    auto files = sample_course_files();
    replace(files["course.json"], "{\"module\": \"pages\", \"min\": 2}",
            "{\"module\": \"pages\", \"min\": 7}");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 0, "asks for 7 questions from module \"pages\""))
        << listing(c);
}

TEST(CourseCheck, RefusesAnInvalidCourseIdAndVersion) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"id\": \"waymark-sample\"", "\"id\": \"Waymark Sample\"");
    replace(files["course.json"], "\"1.0.0\"", "\"1.0\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 2, "must be a slug")) << listing(c);
    EXPECT_TRUE(reports(c, "course.json", 3, "semantic version")) << listing(c);
}

TEST(CourseCheck, RefusesDuplicateModuleIds) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"id\": \"questions\"", "\"id\": \"pages\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 0, "two modules have the id \"pages\"")) << listing(c);
}

TEST(CourseCheck, ReportsAMissingModuleFileAtItsEntry) {
    auto files = sample_course_files();
    files.erase("modules/02-questions.md");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 19,
                        "\"modules/02-questions.md\" is named here but is "
                        "not in the course folder"))
        << listing(c);
}

TEST(CourseCheck, ReportsAnImageThatIsNotInTheFolder) {
    auto files = sample_course_files();
    files.erase("assets/signpost.png");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "modules/01-pages.md", 32, "image \"../assets/signpost.png\" not found"))
        << listing(c);
}

TEST(CourseCheck, ReportsAnImageOnTheWeb) {
    auto files = sample_course_files();
    replace(files["modules/01-pages.md"], "../assets/signpost.png",
            "https://example.org/signpost.png");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "modules/01-pages.md", 32, "courses work offline")) << listing(c);
}

TEST(CourseCheck, ReportsALinkToAMissingFileOrPage) {
    auto files = sample_course_files();
    replace(files["modules/01-pages.md"], "02-questions.md#questions-of-every-kind",
            "02-questions.md#no-such-page");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(
        reports(c, "modules/01-pages.md", 0, "no page titled so in modules/02-questions.md"))
        << listing(c);
}

TEST(CourseCheck, ReportsAnUnknownContact) {
    auto files = sample_course_files();
    replace(files["modules/01-pages.md"], "[[contact:course-team]]", "[[contact:course-teem]]");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(
        reports(c, "modules/01-pages.md", 0, "contact \"course-teem\" is not in contacts.json"))
        << listing(c);
}

TEST(CourseCheck, ReportsAnUnknownKnowledgeCheck) {
    auto files = sample_course_files();
    replace(files["modules/02-questions.md"], "[[check:sample-draw-count]]",
            "[[check:sample-draw]]");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "modules/02-questions.md", 0, "\"sample-draw\" is not in any"))
        << listing(c);
    EXPECT_TRUE(reports(c, "questions/checks.json", 0, "not placed on any page", Severity::warning))
        << listing(c);
}

TEST(CourseCheck, RefusesAnAssessmentQuestionUsedAsAKnowledgeCheck) {
    auto files = sample_course_files();
    replace(files["modules/02-questions.md"], "[[check:sample-draw-count]]",
            "[[check:sample-pass-mark]]");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "modules/02-questions.md", 0, "is an assessment question"))
        << listing(c);
}

TEST(CourseCheck, ReportsAQuestionWithNoCorrectAnswer) {
    auto files = sample_course_files();
    replace(files["questions/final.json"],
            "{\"text\": \"[[contact:course-team]] alone in a paragraph\", \"correct\": true,",
            "{\"text\": \"[[contact:course-team]] alone in a paragraph\",");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/final.json", 0, "has no correct answer")) << listing(c);
}

TEST(CourseCheck, ReportsDuplicateQuestionIdsAcrossBanks) {
    auto files = sample_course_files();
    replace(files["questions/final.json"], "\"id\": \"sample-banks\"",
            "\"id\": \"sample-block-kinds\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/final.json", 0, "is also used at questions/checks.json"))
        << listing(c);
}

TEST(CourseCheck, ReportsAQuestionSourceThatNamesNoPage) {
    auto files = sample_course_files();
    replace(files["questions/final.json"], "modules/02-questions.md#banks-and-the-draw",
            "modules/02-questions.md#banks");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/final.json", 0, "names a page that")) << listing(c);
}

TEST(CourseCheck, ReportsGiftErrorsWithTheirLines) {
    auto files = sample_course_files();
    replace(files["questions/extra.gift"], "{=alt text ~a title ~a caption}",
            "{=alt text ~a title ~a caption");
    const LoadedCourse c = load(files);
    bool gift_error = false;
    for (const auto& d : c.diagnostics.items())
        gift_error |=
            d.file == "questions/extra.gift" && d.line > 0 && d.severity == Severity::error;
    EXPECT_TRUE(gift_error) << listing(c);
}

TEST(CourseCheck, ReportsInvalidUtf8WithItsLine) {
    auto files = sample_course_files();
    replace(files["modules/02-questions.md"], "Knowledge checks", "Knowledge \xff checks");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "modules/02-questions.md", 3, "invalid UTF-8")) << listing(c);
}

TEST(CourseCheck, RefusesAnOversizedFile) {
    auto files = sample_course_files();
    LoadLimits limits;
    limits.max_asset_bytes = 100;
    const LoadedCourse c = load(files, limits);
    EXPECT_TRUE(reports(c, "assets/signpost.png", 0, "more than the limit of 100")) << listing(c);
}

TEST(CourseCheck, ReportsAMissingCourseJson) {
    auto files = sample_course_files();
    files.erase("course.json");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 0, "no course.json in this folder")) << listing(c);
}

TEST(CourseCheck, WarnsAboutAFileTheCourseDoesNotUse) {
    auto files = sample_course_files();
    files["assets/unused.png"] = files["assets/signpost.png"];
    const LoadedCourse c = load(files);
    EXPECT_TRUE(c.ok()) << listing(c);
    EXPECT_TRUE(reports(c, "assets/unused.png", 0, "not used by the course", Severity::warning));
}

TEST(CourseCheck, WarnsAboutAContactNotCheckedWithinTheReviewPeriod) {
    auto files = sample_course_files();
    replace(files["contacts.json"], "\"checked_on\": \"2026-11-25\"",
            "\"checked_on\": \"2020-01-01\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(c.ok()) << listing(c);
    EXPECT_TRUE(reports(c, "contacts.json", 0, "review period of 12 months", Severity::warning))
        << listing(c);
}

TEST(CourseCheck, ReportsEveryProblemAtOnce) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"pass_mark\": 75", "\"pass_mark\": 175");
    files.erase("assets/signpost.png");
    replace(files["modules/01-pages.md"], "[[contact:course-team]]", "[[contact:nobody]]");
    const LoadedCourse c = load(files);
    EXPECT_GE(c.diagnostics.error_count(), 3u) << listing(c);
}

TEST(CourseFiles, FolderListingLeavesOutHiddenFilesAndReportsSymlinks) {
    namespace fs = std::filesystem;
    const waymark::testing::ScratchFolder dir("folder");
    fs::create_directories(dir / ".git");
    std::ofstream(dir / "course.json") << "{}";
    std::ofstream(dir / ".git" / "HEAD") << "x";
    std::ofstream(dir / "notes.md~") << "x";
    fs::create_symlink("/etc/passwd", dir / "passwd");
    Diagnostics problems;
    FolderFiles files(dir.path(), problems);
    EXPECT_EQ(files.list(), std::vector<std::string>{"course.json"});
    ASSERT_EQ(problems.items().size(), 1u);
    EXPECT_EQ(problems.items()[0].file, "passwd");
    EXPECT_NE(problems.items()[0].message.find("symbolic link"), std::string::npos);
}

TEST(CourseFiles, FolderListingLeavesOutTheAuthorsNotesAtTheTopOnly) {
    namespace fs = std::filesystem;
    const waymark::testing::ScratchFolder dir("notes");
    fs::create_directories(dir / "modules");
    std::ofstream(dir / "course.json") << "{}";
    std::ofstream(dir / "REVIEW.md") << "notes";
    std::ofstream(dir / "README.md") << "notes";
    std::ofstream(dir / "modules" / "REVIEW.md") << "# A page";
    Diagnostics problems;
    FolderFiles files(dir.path(), problems);
    EXPECT_EQ(files.list(), (std::vector<std::string>{"course.json", "modules/REVIEW.md"}));
    EXPECT_TRUE(problems.empty());
}

TEST(ResolveCoursePath, FindsAnImageRelativeToTheModuleFile) {
    MemoryFiles files(std::map<std::string, std::string>{{"assets/a.png", "x"}});
    EXPECT_EQ(resolve_course_path(files, "modules/01.md", "../assets/a.png"), "assets/a.png");
    EXPECT_EQ(resolve_course_path(files, "modules/01.md", "assets/a.png"), "assets/a.png");
}

TEST(ResolveCoursePath, RefusesPathsThatLeaveTheCourse) {
    MemoryFiles files(std::map<std::string, std::string>{{"assets/a.png", "x"}});
    EXPECT_EQ(resolve_course_path(files, "modules/01.md", "../../assets/a.png"), "");
    EXPECT_EQ(resolve_course_path(files, "modules/01.md", "/etc/passwd"), "");
}

TEST(ResolveCoursePath, RefusesAWebAddress) {
    MemoryFiles files(std::map<std::string, std::string>{{"assets/a.png", "x"}});
    EXPECT_EQ(resolve_course_path(files, "modules/01.md", "https://example.org/assets/a.png"), "");
}
