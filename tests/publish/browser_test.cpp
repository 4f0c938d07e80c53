// The published Prevent course in Debian's Chromium (puppeteer-core), checked by axe-core
// and walked by keyboard. The checks are the scripts in browser/; each test runs one and
// passes when it exits 0, printing what it found otherwise.
#include <gtest/gtest.h>

#include <fstream>

#include "node_packages.hpp"
#include "run_program.hpp"
#include "scratch_folder.hpp"

namespace waymark::cli_testing {
namespace {

const fs::path kScripts = fs::path(WAYMARK_SOURCE_DIR) / "tests/publish/browser";

class PublishedInBrowser : public ::testing::Test {
  protected:
    static const fs::path& folder() { return folder_->path(); }

    static void SetUpTestSuite() {
        install_problem_ = new std::string(waymark::testing::install_node_packages(
            kScripts, WAYMARK_BROWSER_PEERS,
            {"node_modules/puppeteer-core/package.json", "node_modules/axe-core/axe.min.js"}));
        folder_ = new waymark::testing::ScratchFolder("publish-browser");
        publish_ = new CommandRun(waymark("publish html " +
                                          quoted(WAYMARK_SOURCE_DIR "/courses/prevent-duty") +
                                          " -o " + quoted((folder() / "site").string())));
        // The trainers' sample course: its assessment has a time limit.
        publish_timed_ = new CommandRun(
            waymark("publish html " + quoted(WAYMARK_SOURCE_DIR "/courses/waymark-sample") +
                    " -o " + quoted((folder() / "timed").string())));
    }
    static void TearDownTestSuite() {
        delete folder_;
        folder_ = nullptr;
        delete install_problem_;
        delete publish_;
        delete publish_timed_;
    }
    void SetUp() override {
        ASSERT_EQ(*install_problem_, "") << "puppeteer-core and axe-core could not be installed";
        ASSERT_EQ(publish_->exit_code, 0) << publish_->output;
        ASSERT_EQ(publish_timed_->exit_code, 0) << publish_timed_->output;
    }

    // `node browser/SCRIPT PEERS CHROMIUM SITE ARGS`, with its exit status and output.
    static waymark::testing::CommandOutput run_script(const std::string& script,
                                                      const fs::path& site,
                                                      const std::string& args = "") {
        return waymark::testing::run_shell(
            quoted(WAYMARK_NODE) + " " + quoted((kScripts / script).string()) + " " +
            quoted(WAYMARK_BROWSER_PEERS) + " " + quoted(WAYMARK_CHROMIUM) + " " +
            quoted(site.string()) + " " + args);
    }
    static fs::path site() { return folder() / "site"; }

    static inline waymark::testing::ScratchFolder* folder_ = nullptr;
    static inline std::string* install_problem_ = nullptr;
    static inline CommandRun* publish_ = nullptr;
    static inline CommandRun* publish_timed_ = nullptr;
};

TEST_F(PublishedInBrowser, EveryPageHasNoAxeViolationsInLightOrDarkTheme) {
    const auto r = run_script("check_pages.mjs", site(), "axe");
    EXPECT_EQ(r.status, 0) << r.output;
}

// The harness itself: a page with an image that has no alt text must fail the axe check.
TEST_F(PublishedInBrowser, AxeCheckFailsAPageWithAnImageWithoutAltText) {
    const fs::path broken = folder() / "broken";
    fs::create_directories(broken);
    std::ofstream(broken / "index.html")
        << "<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body><main>"
           "<h1>Broken</h1><img src=\"x.png\"></main></body></html>";
    const auto r = run_script("check_pages.mjs", broken, "axe");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("image-alt"), std::string::npos) << r.output;
}

TEST_F(PublishedInBrowser, EveryPageReflowsAt320CssPixelsAndAt200PercentZoom) {
    const auto r = run_script("check_pages.mjs", site(), "reflow");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(PublishedInBrowser, EveryPageLoadsFromDiskWithNoNetworkRequestOrPolicyError) {
    const auto r = run_script("check_pages.mjs", site(), "offline");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(PublishedInBrowser, AKeyboardAloneWalksFromTheContentsToTheAssessment) {
    const auto r = run_script("keyboard_walk.mjs", site());
    EXPECT_EQ(r.status, 0) << r.output;
}

// Knowledge checks and the assessment, marked by the engine in the page: answered by
// keyboard alone to a pass and to a fail, axe-core clean in every state (questions.mjs).
TEST_F(PublishedInBrowser, AKeyboardAloneAnswersACheckAndPassesAndFailsTheAssessment) {
    const auto r = run_script("questions.mjs", site(), "journey");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(PublishedInBrowser, ATimedAttemptShowsItsClockAndIsSubmittedWithTheAnswersGivenInTime) {
    const auto r = run_script("questions.mjs", folder() / "timed", "timed");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(PublishedInBrowser, AnAttemptKeepsWhatTheLearnerLeftOnScreenAcrossAReload) {
    const auto r = run_script("questions.mjs", site(), "asleft");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST_F(PublishedInBrowser, ResumeDataOfAFullAttemptFitsScorm12SuspendData) {
    const auto r = run_script("questions.mjs", site(), "worst");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("worst resume data: "), std::string::npos) << r.output;
}

}  // namespace
}  // namespace waymark::cli_testing
