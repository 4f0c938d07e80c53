// The bundled courses as the player offers them with no arguments: the packages this
// build made from courses/, signed with the build folder's key and up to date with their
// folders. A course folder is never trusted (anyone who can edit it could set its pass
// mark to 0), so these packages are what learners' completions count on.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "waymark/player/library.hpp"

using namespace waymark;
namespace fs = std::filesystem;

namespace {

const fs::path bundled = WAYMARK_BUNDLED_DIR;

fs::path course_source_dir(const std::string& id) {
    return fs::path(WAYMARK_SOURCE_DIR) / "courses" / id;
}

package::TrustStore bundled_trust() {
    package::TrustStore trust;
    auto added = trust.add_directory(bundled / "trusted-keys");
    EXPECT_TRUE(added) << added.error().describe();
    return trust;
}

class BundledPackage : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(BundledPackage, IsSignedByTheBuildsKeyAndHoldsTheCourseFolderAsItIsNow) {
    const auto folder = player::load_course_folder(course_source_dir(GetParam()));
    ASSERT_TRUE(folder.playable()) << folder.error;
    const fs::path file =
        bundled / "courses" / (GetParam() + "-" + folder.course->version + ".wmpkg");
    ASSERT_TRUE(fs::exists(file)) << file << " was not built";
    const auto packed = player::load_course_package(file, bundled_trust());
    ASSERT_TRUE(packed.playable()) << packed.error;
    EXPECT_TRUE(packed.trusted());
    EXPECT_EQ(packed.digest, folder.digest) << file << " is older than courses/" << GetParam();
}

const std::vector<std::string> kBundled = {"prevent-duty", "run-hide-tell-young-people",
                                           "waymark-sample"};

INSTANTIATE_TEST_SUITE_P(Courses, BundledPackage, ::testing::ValuesIn(kBundled));

// A package left from an earlier version would be offered beside, or instead of, the
// current one.
TEST(BundledLibrary, HoldsOnePackageForEachBundledCourseAndNoOther) {
    std::set<std::string> expected, found;
    for (const auto& id : kBundled) {
        const auto folder = player::load_course_folder(course_source_dir(id));
        ASSERT_TRUE(folder.course) << id;
        expected.insert(id + "-" + folder.course->version + ".wmpkg");
    }
    for (const auto& e : fs::directory_iterator(bundled / "courses"))
        found.insert(e.path().filename().string());
    EXPECT_EQ(found, expected);
}

TEST(BundledLibrary, OffersEveryBundledCourseAsOneThatCounts) {
    const auto courses = player::scan_courses({bundled / "courses"}, bundled_trust());
    EXPECT_EQ(courses.size(), kBundled.size());
    for (const auto& c : courses) {
        EXPECT_TRUE(c.playable()) << c.path << ": " << c.error;
        EXPECT_TRUE(c.trusted()) << c.path;
    }
}

TEST(BundledLibrary, TrustsOnlyPublicKeysAndKeepsTheSecretKeyPrivate) {
    for (const auto& e : fs::directory_iterator(bundled / "trusted-keys"))
        EXPECT_EQ(e.path().extension(), ".pub") << e.path();
    struct stat st {};
    ASSERT_EQ(::stat((bundled / "publisher.key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}
