// SCORM 1.2 and cmi5 packages of the Prevent course in their learning platforms, in
// Debian's Chromium (puppeteer-core): SCORM under scorm-again's runtime, cmi5 under a
// test-side LMS whose statements go to Learning Locker's statement service and are then
// checked by xapi-validation. The journeys are browser/scorm_journey.mjs and
// browser/cmi5_journey.mjs; each test runs one and passes when it exits 0.
#include <gtest/gtest.h>

#include "node_packages.hpp"
#include "node_peers.hpp"
#include "run_program.hpp"
#include "scratch_folder.hpp"

namespace waymark::cli_testing {
namespace {

const fs::path kScripts = fs::path(WAYMARK_SOURCE_DIR) / "tests/publish/browser";

class LmsPackagesInBrowser : public ::testing::Test {
  protected:
    static const fs::path& folder() { return folder_->path(); }
    static fs::path package(const std::string& format) { return folder() / (format + ".zip"); }

    static void SetUpTestSuite() {
        install_problem_ = new std::string(waymark::testing::install_node_packages(
            kScripts, WAYMARK_BROWSER_PEERS,
            {"node_modules/puppeteer-core/package.json", "node_modules/axe-core/axe.min.js",
             "node_modules/scorm-again/dist/scorm12.js"}));
        *install_problem_ += xapi::testing::install_peers();
        folder_ = new waymark::testing::ScratchFolder("lms-browser");
        publish_output_ = new std::string;
        for (const char* format : {"scorm12", "cmi5"}) {
            const CommandRun r = waymark("publish " + std::string(format) + " " +
                                         quoted(WAYMARK_SOURCE_DIR "/courses/prevent-duty") +
                                         " -o " + quoted(package(format).string()));
            if (r.exit_code != 0)
                *publish_output_ += r.output;
        }
    }
    static void TearDownTestSuite() {
        delete folder_;
        folder_ = nullptr;
        delete install_problem_;
        delete publish_output_;
    }
    void SetUp() override {
        ASSERT_EQ(*install_problem_, "") << "the npm packages could not be installed";
        ASSERT_EQ(*publish_output_, "");
    }

    static waymark::testing::CommandOutput run_journey(const std::string& script,
                                                       const std::string& args) {
        return waymark::testing::run_shell(
            quoted(WAYMARK_NODE) + " " + quoted((kScripts / script).string()) + " " +
            quoted(WAYMARK_BROWSER_PEERS) + " " + quoted(WAYMARK_CHROMIUM) + " " + args + " 2>&1");
    }

    static waymark::testing::CommandOutput scorm(const std::string& journey) {
        return run_journey("scorm_journey.mjs",
                           quoted(package("scorm12").string()) + " " + journey);
    }

    // The cmi5 journey against a fresh statement service; the statements it stored for the
    // registration must then pass xapi-validation.
    static void cmi5(const std::string& journey) {
        const fs::path dir = folder() / ("cmi5-" + journey);
        xapi::testing::LrsProcess lrs(dir / "lrs");
        ASSERT_TRUE(lrs.wait_ready()) << lrs.log();
        const fs::path statements = dir / "statements.json";
        const auto r = run_journey("cmi5_journey.mjs", quoted(package("cmi5").string()) + " " +
                                                           journey + " " + quoted(lrs.endpoint()) +
                                                           " " + quoted(statements.string()));
        ASSERT_EQ(r.status, 0) << r.output << "\nLRS log:\n" << lrs.log();
        const auto valid = xapi::testing::validate_statements(statements);
        EXPECT_EQ(valid.status, 0) << valid.output;
    }

    static inline waymark::testing::ScratchFolder* folder_ = nullptr;
    static inline std::string* install_problem_ = nullptr;
    static inline std::string* publish_output_ = nullptr;
};

TEST_F(LmsPackagesInBrowser, ScormJourneyReadsAnswersAndPassesWithScoreAndCommits) {
    const auto r = scorm("passed");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(LmsPackagesInBrowser, ScormFailedAttemptIsFailedAndSuspended) {
    const auto r = scorm("failed");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(LmsPackagesInBrowser, ScormRelaunchResumesAtTheBookmarkWithTheSuspendData) {
    const auto r = scorm("resume");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(LmsPackagesInBrowser, ScormRefusesResumeDataOverItsLimitWholeAndTellsTheLearner) {
    const auto r = scorm("oversize");
    EXPECT_EQ(r.status, 0) << r.output;
}

// The harness itself: a journey it does not know must fail, not pass by checking nothing.
TEST_F(LmsPackagesInBrowser, ScormHarnessFailsAJourneyItDoesNotKnow) {
    const auto r = scorm("unknown");
    EXPECT_EQ(r.status, 1) << r.output;
}

TEST_F(LmsPackagesInBrowser, Cmi5JourneyIsInitializedPassedCompletedAndTerminatedByTheRules) {
    cmi5("passed");
}

TEST_F(LmsPackagesInBrowser, Cmi5FailedAttemptIsFailedAndTerminatedByTheRules) {
    cmi5("failed");
}

TEST_F(LmsPackagesInBrowser, Cmi5RelaunchResumesAtTheBookmarkWithTheResumeDataInANewSession) {
    cmi5("resume");
}

}  // namespace
}  // namespace waymark::cli_testing
