// `waymark publish scorm12` and `waymark publish cmi5` as a trainer runs them.
#include <gtest/gtest.h>

#include <cstdlib>

#include "run_program.hpp"
#include "scratch_folder.hpp"

namespace waymark::cli_testing {
namespace {

const fs::path kBundledCourses = fs::path(WAYMARK_SOURCE_DIR) / "courses";

class PublishLmsCli : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        ::unsetenv("XDG_CONFIG_HOME");
        ::setenv("HOME", dir_.path().c_str(), 1);  // no trusted keys but those a test gives
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    CommandRun publish(const std::string& source, const std::string& out) const {
        return waymark("publish " + GetParam() + " " + quoted(source) + " -o " + quoted(out));
    }
    std::string listing(const std::string& zip) const {
        return waymark::cli_testing::run_program("/usr/bin/unzip", "-Z1 " + quoted(zip)).output;
    }

    const waymark::testing::ScratchFolder dir_{"publish-lms"};
};

TEST_P(PublishLmsCli, WritesAZipWithTheLaunchPageAndTheManifestOfItsFormat) {
    const CommandRun r = publish((kBundledCourses / "prevent-duty").string(), path("course.zip"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "upload it to your learning platform")) << r.output;
    const std::string files = listing(path("course.zip"));
    EXPECT_TRUE(contains(files, "launch.html\n")) << files;
    EXPECT_TRUE(contains(files, "index.html\n")) << files;
    EXPECT_TRUE(contains(files, GetParam() == "scorm12" ? "imsmanifest.xml\n" : "cmi5.xml\n"))
        << files;
}

TEST_P(PublishLmsCli, CallsAnOutputNameNotEndingInZipAUsageErrorAndWritesNothing) {
    for (const char* name : {"course", "course.html", ".zip"}) {
        const CommandRun r = publish((kBundledCourses / "prevent-duty").string(), path(name));
        EXPECT_EQ(r.exit_code, 2) << r.output;
        EXPECT_TRUE(contains(r.output, "ending in .zip")) << r.output;
        EXPECT_FALSE(fs::exists(dir_ / name)) << name;
    }
}

TEST_P(PublishLmsCli, CallsAFolderAsTheOutputAUsageError) {
    fs::create_directories(dir_ / "out.zip");
    const CommandRun r = publish((kBundledCourses / "prevent-duty").string(), path("out.zip"));
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST_P(PublishLmsCli, CallsAMissingSourceAUsageError) {
    const CommandRun r = publish(path("nothing"), path("course.zip"));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "course.zip"));
}

TEST_P(PublishLmsCli, RefusesACourseWithErrorsAndLeavesAnEarlierZipAsItWas) {
    fs::copy(kBundledCourses / "waymark-sample", dir_ / "course", fs::copy_options::recursive);
    std::string json = read_file(dir_ / "course/course.json");
    json.replace(json.find("\"pass_mark\""), 11, "\"pasmark\"");
    write_file(dir_ / "course/course.json", json);
    write_file(dir_ / "course.zip", "the earlier package");
    const CommandRun r = publish(path("course"), path("course.zip"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "waymark check")) << r.output;
    EXPECT_EQ(read_file(dir_ / "course.zip"), "the earlier package");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 2)
        << "a temporary file was left";
}

TEST_P(PublishLmsCli, RefusesAPackageNoTrustedKeySigned) {
    ASSERT_EQ(waymark("keygen --out " + quoted(path("publisher"))).exit_code, 0);
    const CommandRun packed =
        waymark("pack " + quoted((kBundledCourses / "waymark-sample").string()) + " --key " +
                quoted(path("publisher.key")) + " -o " + quoted(path("sample.wmpkg")));
    ASSERT_EQ(packed.exit_code, 0) << packed.output;
    const CommandRun r = publish(path("sample.wmpkg"), path("course.zip"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "not trusted")) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "course.zip"));
}

INSTANTIATE_TEST_SUITE_P(Formats, PublishLmsCli, ::testing::Values("scorm12", "cmi5"));

}  // namespace
}  // namespace waymark::cli_testing
