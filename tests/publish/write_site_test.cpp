// Writing a published folder: whole or not at all, and never over someone's files.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "scratch_folder.hpp"
#include "waymark/course/load.hpp"
#include "waymark/publish/html_site.hpp"

namespace waymark::publish {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

class WriteSite : public ::testing::Test {
  protected:
    void SetUp() override {
        site_.files = {{"index.html", "<p>index</p>"},
                       {"waymark.js", "// js"},
                       {"media/assets/a.png", std::string("\x89PNG\0\x01", 6)}};
    }

    const waymark::testing::ScratchFolder dir_{"publish"};
    Site site_;
};

TEST_F(WriteSite, WritesEveryFileWithItsExactBytes) {
    ASSERT_TRUE(write_site(site_, dir_ / "out"));
    for (const auto& f : site_.files)
        EXPECT_EQ(read(dir_ / "out" / f.path), f.bytes) << f.path;
}

TEST_F(WriteSite, WritesIntoAnEmptyFolder) {
    fs::create_directories(dir_ / "out");
    ASSERT_TRUE(write_site(site_, dir_ / "out/"));
    EXPECT_EQ(read(dir_ / "out/index.html"), "<p>index</p>");
}

TEST_F(WriteSite, ReplacesAnEarlierPublicationWhole) {
    ASSERT_TRUE(write_site(site_, dir_ / "out"));
    Site later;
    later.files = {{"index.html", "<p>later</p>"}, {"waymark.js", "// js"}};
    ASSERT_TRUE(write_site(later, dir_ / "out"));
    EXPECT_EQ(read(dir_ / "out/index.html"), "<p>later</p>");
    EXPECT_FALSE(fs::exists(dir_ / "out/media"));
}

TEST_F(WriteSite, ReplacesAnEarlierPublicationOfARealCourseWithItsWholeRuntime) {
    // The runtime has more files than waymark.js (the engine's assessment.js, the style
    // sheet): publishing a course twice into one folder must work.
    const auto source =
        course::load_source_folder(fs::path(WAYMARK_SOURCE_DIR) / "courses/waymark-sample");
    ASSERT_TRUE(source.loaded.ok());
    const auto site = render_html_site(source.loaded.course, *source.files);
    ASSERT_TRUE(site);
    ASSERT_TRUE(write_site(*site, dir_ / "out"));
    const auto again = write_site(*site, dir_ / "out");
    ASSERT_TRUE(again) << again.error().describe();
    EXPECT_TRUE(fs::exists(dir_ / "out/assessment.js"));
}

TEST_F(WriteSite, RefusesAFolderHoldingSomethingElseAndLeavesItAlone) {
    fs::create_directories(dir_ / "documents");
    std::ofstream(dir_ / "documents/letter.txt") << "mine";
    auto r = write_site(site_, dir_ / "documents");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::usage);
    EXPECT_NE(r.error().message.find("give a new or empty folder"), std::string::npos);
    EXPECT_EQ(read(dir_ / "documents/letter.txt"), "mine");
    EXPECT_FALSE(fs::exists(dir_ / "documents/index.html"));
}

TEST_F(WriteSite, RefusesAnEarlierPublicationThatSomeoneAddedTheirOwnFilesTo) {
    // Replacing "whole" must never take a file a publication did not write.
    ASSERT_TRUE(write_site(site_, dir_ / "out"));
    std::ofstream(dir_ / "out/my-notes.txt") << "mine";
    auto r = write_site(site_, dir_ / "out");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::usage);
    EXPECT_EQ(read(dir_ / "out/my-notes.txt"), "mine");
}

TEST_F(WriteSite, RefusesAFileAsTheOutputFolder) {
    std::ofstream(dir_ / "file") << "x";
    EXPECT_FALSE(write_site(site_, dir_ / "file"));
}

TEST_F(WriteSite, RefusesAPathOutsideTheFolderAndLeavesNothingBehind) {
    site_.files.push_back({"../escaped.html", "x"});
    auto r = write_site(site_, dir_ / "out");
    ASSERT_FALSE(r);
    EXPECT_FALSE(fs::exists(dir_ / "escaped.html"));
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    EXPECT_TRUE(fs::is_empty(dir_.path())) << "the staging folder was left behind";
}

}  // namespace
}  // namespace waymark::publish
