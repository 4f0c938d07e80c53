// `waymark publish html` as a trainer runs it, on course folders and signed packages.
#include <gtest/gtest.h>

#include <cstdlib>

#include "run_program.hpp"
#include "scratch_folder.hpp"

namespace waymark::cli_testing {
namespace {

const fs::path kCourses = fs::path(WAYMARK_SOURCE_DIR) / "courses";

class PublishCli : public ::testing::Test {
  protected:
    void SetUp() override {
        ::unsetenv("XDG_CONFIG_HOME");
        ::setenv("HOME", dir_.path().c_str(), 1);  // no trusted keys but those a test gives
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // The sample course packed and signed with a key made for this test.
    std::string signed_package() {
        EXPECT_EQ(waymark("keygen --out " + quoted(path("publisher"))).exit_code, 0);
        const CommandRun r =
            waymark("pack " + quoted((kCourses / "waymark-sample").string()) + " --key " +
                    quoted(path("publisher.key")) + " -o " + quoted(path("sample.wmpkg")));
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return path("sample.wmpkg");
    }

    const waymark::testing::ScratchFolder dir_{"publish-cli"};
};

TEST_F(PublishCli, PublishesACourseFolderThatOpensFromIndexHtml) {
    const CommandRun r = waymark("publish html " + quoted((kCourses / "prevent-duty").string()) +
                                 " -o " + quoted(path("site")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::is_regular_file(dir_ / "site/index.html"));
    EXPECT_TRUE(fs::is_regular_file(dir_ / "site/module-1-page-1.html"));
    EXPECT_TRUE(contains(r.output, "index.html in a web browser")) << r.output;
}

TEST_F(PublishCli, RefusesACourseFolderWithErrorsAndSaysWhatToDo) {
    fs::copy(kCourses / "waymark-sample", dir_ / "course", fs::copy_options::recursive);
    std::string json = read_file(dir_ / "course/course.json");
    json.replace(json.find("\"pass_mark\""), 11, "\"pasmark\"");
    write_file(dir_ / "course/course.json", json);
    const CommandRun r =
        waymark("publish html " + quoted(path("course")) + " -o " + quoted(path("site")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "course.json:")) << r.output;
    EXPECT_TRUE(contains(r.output, "waymark check")) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "site"));
}

TEST_F(PublishCli, PublishesAPackageSignedByATrustedKey) {
    const std::string package = signed_package();
    const CommandRun r = waymark("publish html " + quoted(package) + " --trust " +
                                 quoted(path("publisher.pub")) + " -o " + quoted(path("site")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::is_regular_file(dir_ / "site/media/assets/signpost.png"));
}

TEST_F(PublishCli, RefusesAPackageNoTrustedKeySigned) {
    const std::string package = signed_package();
    const CommandRun r = waymark("publish html " + quoted(package) + " -o " + quoted(path("site")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "not trusted")) << r.output;
    EXPECT_TRUE(contains(r.output, "--trust")) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "site"));
}

TEST_F(PublishCli, RefusesATamperedPackage) {
    const std::string package = signed_package();
    std::string bytes = read_file(package);
    bytes[bytes.size() / 2] ^= 0x20;  // inside a course file's stored bytes
    write_file(package, bytes);
    const CommandRun r = waymark("publish html " + quoted(package) + " --trust " +
                                 quoted(path("publisher.pub")) + " -o " + quoted(path("site")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "site"));
}

TEST_F(PublishCli, CallsAMissingSourceAUsageError) {
    const CommandRun r =
        waymark("publish html " + quoted(path("nothing")) + " -o " + quoted(path("site")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "give a course source folder")) << r.output;
}

TEST_F(PublishCli, CallsAMissingOutputFolderAUsageError) {
    const CommandRun r = waymark("publish html " + quoted((kCourses / "prevent-duty").string()));
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST_F(PublishCli, CallsAMissingFormatAUsageError) {
    const CommandRun r = waymark("publish " + quoted((kCourses / "prevent-duty").string()));
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST_F(PublishCli, RefusesToWriteOverAFolderOfSomeoneElsesFiles) {
    fs::create_directories(dir_ / "documents");
    write_file(dir_ / "documents/letter.txt", "mine");
    const CommandRun r = waymark("publish html " + quoted((kCourses / "prevent-duty").string()) +
                                 " -o " + quoted(path("documents")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(read_file(dir_ / "documents/letter.txt"), "mine");
}

}  // namespace
}  // namespace waymark::cli_testing
