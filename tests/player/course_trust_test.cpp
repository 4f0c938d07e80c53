// Only a package whose signature verifies against a trusted key earns completions that
// count as compliant. A course folder can be edited by anyone who can write to it: its
// pass mark set to 0, its questions made trivial. Those attacks are here.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/player/preview.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

namespace fs = std::filesystem;

struct CourseTrust : ::testing::Test {
    const waymark::testing::ScratchFolder dir{"course-trust"};

    LedgerJournal open_ledger() {
        return LedgerJournal(ledger::Ledger::open(dir / "ledger.db").value());
    }

    // A copy of the sample course's folder under `name`, its pass mark set to 0.
    fs::path tampered_sample(const std::string& name) {
        const fs::path copy = dir / name;
        fs::create_directories(copy.parent_path());
        fs::copy(test::course_folder("waymark-sample"), copy, fs::copy_options::recursive);
        std::ifstream in(copy / "course.json");
        std::stringstream text;
        text << in.rdbuf();
        in.close();
        const std::string edited = std::regex_replace(
            text.str(), std::regex(R"("pass_mark": *[0-9]+)"), "\"pass_mark\": 0");
        EXPECT_NE(edited, text.str()) << "the sample course has no pass mark to change";
        std::ofstream(copy / "course.json", std::ios::trunc) << edited;
        return copy;
    }

    // The completions the ledger holds for the only learner on the sample course.
    std::vector<ledger::Completion> completions(LedgerJournal& journal, test::Journey& t) {
        auto c = journal.ledger().completions(t.p().learner()->id, "waymark-sample");
        EXPECT_TRUE(c.ok());
        return c.ok() ? *c : std::vector<ledger::Completion>{};
    }
};

}  // namespace

TEST_F(CourseTrust, ACourseFolderIsNeverTrusted) {
    const auto folder = test::sample_folder();
    ASSERT_TRUE(folder.playable()) << folder.error;
    EXPECT_FALSE(folder.trusted());
    EXPECT_TRUE(folder.preview_only());
    EXPECT_FALSE(folder.ref().trusted);
}

TEST_F(CourseTrust, APackageSignedByAnUntrustedPublisherIsNotTrusted) {
    const auto entry = test::packed_course(test::course_folder("waymark-sample"),
                                           package::testing::stranger_key());
    ASSERT_TRUE(entry.playable()) << entry.error;
    EXPECT_EQ(entry.origin, CourseOrigin::untrusted_package);
    EXPECT_TRUE(entry.preview_only());
    EXPECT_FALSE(entry.ref().trusted);
}

TEST_F(CourseTrust, APackageSignedByATrustedPublisherIsTrusted) {
    const auto entry = test::sample_course();
    ASSERT_TRUE(entry.playable()) << entry.error;
    EXPECT_EQ(entry.origin, CourseOrigin::signed_package);
    EXPECT_FALSE(entry.preview_only());
    EXPECT_TRUE(entry.ref().trusted);
}

TEST_F(CourseTrust, ADamagedPackageIsNotTrusted) {
    std::ofstream(dir / "broken.wmpkg") << "this is not a zip";
    const auto entry = load_course_package(dir / "broken.wmpkg", test::test_trust());
    EXPECT_FALSE(entry.trusted());
    EXPECT_FALSE(entry.ref().trusted);
}

TEST_F(CourseTrust, ACourseFolderAndItsPackageNameTheSameContent) {
    EXPECT_EQ(test::sample_folder().digest, test::sample_course().digest);
}

// The finding: an edited course folder (pass mark 0) earned a completion that reports
// counted as compliant.
TEST_F(CourseTrust, AFolderWhosePassMarkWasSetToZeroEarnsNoCompliantCompletion) {
    auto journal = open_ledger();
    test::Journey t(journal, {load_course_folder(tampered_sample("waymark-sample"))});
    t.take_course(false);
    ASSERT_TRUE(t.p().completed()) << "a pass mark of 0 passes every attempt";
    const auto done = completions(journal, t);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_FALSE(done[0].course.trusted);
    EXPECT_FALSE(t.p().can_save_certificate());
}

TEST_F(CourseTrust, AnAuthorPreviewRecordedInALedgerEarnsNoCompliantCompletion) {
    auto journal = open_ledger();  // waymark-player --preview DIR --ledger FILE
    test::Journey t(journal, {load_preview(test::course_folder("waymark-sample"))});
    ASSERT_TRUE(t.p().start_author_preview());
    t.read_every_page();
    t.p().start_assessment();
    t.sit(true);
    ASSERT_TRUE(t.p().completed());
    const auto done = completions(journal, t);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_FALSE(done[0].course.trusted);
}

TEST_F(CourseTrust, ACourseFolderListedInTheLibraryIsPreviewOnly) {
    fs::create_directories(dir / "courses");
    fs::copy(test::course_folder("waymark-sample"), dir / "courses/waymark-sample",
             fs::copy_options::recursive);
    const auto courses = scan_courses({dir / "courses"}, test::test_trust());
    ASSERT_EQ(courses.size(), 1u);
    EXPECT_TRUE(courses[0].playable()) << courses[0].error;
    EXPECT_TRUE(courses[0].preview_only());
}

// An edited copy of a bundled course dropped into a courses folder that is scanned first
// must not take the place of the signed package.
TEST_F(CourseTrust, ACourseFolderDoesNotHideASignedPackageOfTheSameCourse) {
    tampered_sample("user/waymark-sample");
    fs::create_directories(dir / "bundled");
    test::pack_course(test::course_folder("waymark-sample"),
                      package::testing::publisher_key().secret_key,
                      dir / "bundled/waymark-sample-1.0.0.wmpkg");
    const auto courses = scan_courses({dir / "user", dir / "bundled"}, test::test_trust());
    ASSERT_EQ(courses.size(), 1u);
    EXPECT_TRUE(courses[0].trusted());
    EXPECT_EQ(courses[0].path, dir / "bundled/waymark-sample-1.0.0.wmpkg");
}

TEST_F(CourseTrust, AnUntrustedPackageDoesNotHideASignedPackageOfTheSameCourse) {
    fs::create_directories(dir / "user");
    fs::create_directories(dir / "bundled");
    test::pack_course(tampered_sample("edited/waymark-sample"),
                      package::testing::stranger_key().secret_key,
                      dir / "user/waymark-sample-1.0.0.wmpkg");
    test::pack_course(test::course_folder("waymark-sample"),
                      package::testing::publisher_key().secret_key,
                      dir / "bundled/waymark-sample-1.0.0.wmpkg");
    const auto courses = scan_courses({dir / "user", dir / "bundled"}, test::test_trust());
    ASSERT_EQ(courses.size(), 1u);
    EXPECT_TRUE(courses[0].trusted());
    EXPECT_EQ(courses[0].path, dir / "bundled/waymark-sample-1.0.0.wmpkg");
}

TEST_F(CourseTrust, OfTwoSignedPackagesOfTheSameCourseTheFirstFolderScannedWins) {
    fs::create_directories(dir / "user");
    fs::create_directories(dir / "bundled");
    for (const auto* where : {"user", "bundled"})
        test::pack_course(test::course_folder("waymark-sample"),
                          package::testing::publisher_key().secret_key,
                          dir / where / "waymark-sample-1.0.0.wmpkg");
    const auto courses = scan_courses({dir / "user", dir / "bundled"}, test::test_trust());
    ASSERT_EQ(courses.size(), 1u);
    EXPECT_EQ(courses[0].path, dir / "user/waymark-sample-1.0.0.wmpkg");
}
