#include <gtest/gtest.h>

#include <algorithm>

#include "fixture_keys.hpp"
#include "test_support.hpp"
#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"

namespace waymark::package {
namespace {

namespace fs = std::filesystem;
using namespace testing;

Result<void> pack_sample(const fs::path& out, std::vector<std::string> files = sample_files()) {
    return write_package(sample_source(), files, sample_summary(), publisher_key().secret_key, out);
}

TEST(WritePackage, GivesAPackageThatOpensWithEveryFileIntact) {
    TempDir tmp;
    ASSERT_TRUE(pack_sample(tmp / "course.wmpkg"));
    auto package = open_package(tmp / "course.wmpkg");
    ASSERT_TRUE(package) << package.error().describe();
    for (const auto& path : sample_files()) {
        const std::string* data = package->file(path);
        ASSERT_NE(data, nullptr) << path;
        EXPECT_EQ(*data, *read_file(sample_source() / path)) << path;
    }
    EXPECT_EQ(package->files().size(), sample_files().size());
}

TEST(WritePackage, StoresTheCourseSummaryInTheManifest) {
    TempDir tmp;
    ASSERT_TRUE(pack_sample(tmp / "course.wmpkg"));
    auto package = open_package(tmp / "course.wmpkg");
    ASSERT_TRUE(package) << package.error().describe();
    EXPECT_EQ(package->manifest().course, sample_summary());
    EXPECT_EQ(package->signer(), publisher_key().public_key);
}

TEST(WritePackage, ListsFilesSortedByPathWithSizesAndDigests) {
    TempDir tmp;
    ASSERT_TRUE(pack_sample(tmp / "course.wmpkg"));
    auto package = open_package(tmp / "course.wmpkg");
    ASSERT_TRUE(package) << package.error().describe();
    const auto& files = package->manifest().files;
    auto paths = sample_files();
    std::sort(paths.begin(), paths.end());
    ASSERT_EQ(files.size(), paths.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto data = read_file(sample_source() / paths[i]);
        EXPECT_EQ(files[i].path, paths[i]);
        EXPECT_EQ(files[i].size, data->size());
        EXPECT_EQ(files[i].sha256, sha256(*data));
    }
    EXPECT_EQ(package->manifest().content_digest, content_digest(files));
}

TEST(WritePackage, GivesByteIdenticalPackagesForTheSameFolder) {
    TempDir tmp;
    ASSERT_TRUE(pack_sample(tmp / "first.wmpkg"));
    // A later modification time must not leak into the package.
    fs::last_write_time(tmp.path(), fs::file_time_type::clock::now());
    ASSERT_TRUE(pack_sample(tmp / "second.wmpkg"));
    EXPECT_EQ(*read_file(tmp / "first.wmpkg"), *read_file(tmp / "second.wmpkg"));
}

TEST(WritePackage, DoesNotDependOnTheOrderFilesAreGivenIn) {
    TempDir tmp;
    auto reversed = sample_files();
    std::reverse(reversed.begin(), reversed.end());
    ASSERT_TRUE(pack_sample(tmp / "first.wmpkg"));
    ASSERT_TRUE(pack_sample(tmp / "second.wmpkg", reversed));
    EXPECT_EQ(*read_file(tmp / "first.wmpkg"), *read_file(tmp / "second.wmpkg"));
}

TEST(WritePackage, DoesNotDependOnFileModificationTimes) {
    TempDir tmp;
    fs::copy(sample_source(), tmp / "src", fs::copy_options::recursive);
    const auto pack = [&](const char* out) {
        return write_package(tmp / "src", sample_files(), sample_summary(),
                             publisher_key().secret_key, tmp / out);
    };
    ASSERT_TRUE(pack("first.wmpkg"));
    fs::last_write_time(tmp / "src/course.json",
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    ASSERT_TRUE(pack("second.wmpkg"));
    EXPECT_EQ(*read_file(tmp / "first.wmpkg"), *read_file(tmp / "second.wmpkg"));
}

TEST(WritePackage, PutsTheManifestAndSignatureFirst) {
    TempDir tmp;
    ASSERT_TRUE(pack_sample(tmp / "course.wmpkg"));
    const std::string bytes = *read_file(tmp / "course.wmpkg");
    // The first local header's name starts at offset 30.
    EXPECT_EQ(bytes.compare(30, 13, "manifest.json"), 0);
    const auto second = bytes.find("PK\3\4", 4);
    ASSERT_NE(second, std::string::npos);
    EXPECT_EQ(bytes.compare(second + 30, 12, "manifest.sig"), 0);
}

TEST(WritePackage, KeepsANonAsciiFileName) {
    TempDir tmp;
    fs::create_directories(tmp / "src/assets");
    ASSERT_TRUE(write_file_atomic(tmp / "src/assets/caf\xC3\xA9.txt", "menu"));
    ASSERT_TRUE(write_package(tmp / "src", {"assets/caf\xC3\xA9.txt"}, sample_summary(),
                              publisher_key().secret_key, tmp / "out.wmpkg"));
    auto package = open_package(tmp / "out.wmpkg");
    ASSERT_TRUE(package) << package.error().describe();
    ASSERT_NE(package->file("assets/caf\xC3\xA9.txt"), nullptr);
}

TEST(WritePackage, RefusesAnUnsafePath) {
    TempDir tmp;
    auto r = pack_sample(tmp / "out.wmpkg", {"course.json", "../escape.md"});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("\"../escape.md\""), std::string::npos);
    EXPECT_FALSE(fs::exists(tmp / "out.wmpkg"));
}

TEST(WritePackage, RefusesTheReservedManifestName) {
    TempDir tmp;
    fs::create_directories(tmp / "src");
    ASSERT_TRUE(write_file_atomic(tmp / "src/manifest.json", "{}"));
    auto r = write_package(tmp / "src", {"manifest.json"}, sample_summary(),
                           publisher_key().secret_key, tmp / "out.wmpkg");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("reserved"), std::string::npos);
}

TEST(WritePackage, RefusesAFileListedTwice) {
    TempDir tmp;
    auto r = pack_sample(tmp / "out.wmpkg", {"course.json", "course.json"});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("listed twice"), std::string::npos);
}

TEST(WritePackage, RefusesASymbolicLinkInTheCourseFolder) {
    TempDir tmp;
    fs::create_directories(tmp / "src");
    fs::create_symlink("/etc/hostname", tmp / "src/link.md");
    auto r = write_package(tmp / "src", {"link.md"}, sample_summary(), publisher_key().secret_key,
                           tmp / "out.wmpkg");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("symbolic link"), std::string::npos);
    EXPECT_FALSE(fs::exists(tmp / "out.wmpkg"));
}

TEST(WritePackage, LeavesAnExistingPackageUntouchedWhenAFileIsMissing) {
    TempDir tmp;
    ASSERT_TRUE(write_file_atomic(tmp / "out.wmpkg", "previous package"));
    auto r = pack_sample(tmp / "out.wmpkg", {"course.json", "modules/99-missing.md"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
    EXPECT_EQ(*read_file(tmp / "out.wmpkg"), "previous package");
    // Nothing half-written is left beside it either.
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);
}

TEST(WritePackage, RefusesASummaryThatIsNotUtf8) {
    TempDir tmp;
    CourseSummary course = sample_summary();
    course.title = "Bad \xFF title";
    auto r = write_package(sample_source(), sample_files(), course, publisher_key().secret_key,
                           tmp / "out.wmpkg");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("title"), std::string::npos);
}

TEST(WritePackage, RefusesANegativeCount) {
    TempDir tmp;
    CourseSummary course = sample_summary();
    course.estimated_minutes = -5;
    EXPECT_FALSE(write_package(sample_source(), sample_files(), course, publisher_key().secret_key,
                               tmp / "out.wmpkg"));
}

}  // namespace
}  // namespace waymark::package
