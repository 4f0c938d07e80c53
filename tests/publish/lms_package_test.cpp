// SCORM 1.2 and cmi5 packages of a course: their files, their manifests, and the zip.
#include <gtest/gtest.h>
#include <zip.h>

#include <set>

#include "scratch_folder.hpp"
#include "site_fixture.hpp"
#include "waymark/publish/lms_package.hpp"

namespace waymark::publish::testing {
namespace {

// Text that would end an XML element or attribute, with a control character XML forbids.
const std::string kHostile = "</title><evil a=\"1\" b='2'>&amp; \x01 Prevent";

course::Course hostile_course() {
    course::Course c;
    c.id = "hostile";
    c.version = "1.0\"><x>";
    c.title = kHostile;
    c.summary = kHostile;
    c.language = "en\"><x>";
    return c;
}

// A scored question, so that the course has an assessment.
content::Question scored_question() {
    content::Question q;
    q.id = "q1";
    q.type = content::QuestionType::single_choice;
    return q;
}

class LmsPackage : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        prevent_ = new PublishedCourse(publish_bundled("prevent-duty"));
    }
    static void TearDownTestSuite() { delete prevent_; }

    static Site package(LmsFormat format) {
        auto p = render_lms_package(prevent_->loaded.course, *prevent_->files, format);
        EXPECT_TRUE(p) << (p ? "" : p.error().describe());
        return p ? std::move(*p) : Site{};
    }

    static inline PublishedCourse* prevent_ = nullptr;
};

TEST_F(LmsPackage, ScormPackageHoldsTheSiteTheLaunchPageItsAdapterAndTheManifest) {
    const Site scorm = package(LmsFormat::scorm12);
    for (const auto& f : prevent_->site.files)
        EXPECT_NE(scorm.find(f.path), nullptr) << f.path;
    for (const char* name :
         {"launch.html", "lms-launch.js", "lms-launch.css", "lms-scorm12.js", "imsmanifest.xml"})
        EXPECT_NE(scorm.find(name), nullptr) << name;
    EXPECT_EQ(scorm.find("lms-cmi5.js"), nullptr);
    EXPECT_EQ(scorm.find("cmi5.xml"), nullptr);
}

TEST_F(LmsPackage, Cmi5PackageHoldsTheSiteTheLaunchPageItsAdapterAndTheCourseStructure) {
    const Site cmi5 = package(LmsFormat::cmi5);
    for (const auto& f : prevent_->site.files)
        EXPECT_NE(cmi5.find(f.path), nullptr) << f.path;
    for (const char* name :
         {"launch.html", "lms-launch.js", "lms-launch.css", "lms-cmi5.js", "cmi5.xml"})
        EXPECT_NE(cmi5.find(name), nullptr) << name;
    EXPECT_EQ(cmi5.find("lms-scorm12.js"), nullptr);
    EXPECT_EQ(cmi5.find("imsmanifest.xml"), nullptr);
}

TEST_F(LmsPackage, ScormManifestListsEveryOtherFileOfThePackageOnce) {
    const Site scorm = package(LmsFormat::scorm12);
    const std::string& manifest = scorm.find("imsmanifest.xml")->bytes;
    for (const auto& f : scorm.files) {
        const std::string entry = "<file href=\"" + html_escape(url_path(f.path)) + "\"/>";
        EXPECT_EQ(occurrences(manifest, entry), f.path == "imsmanifest.xml" ? 0u : 1u) << f.path;
    }
    EXPECT_EQ(occurrences(manifest, "<file "), scorm.files.size() - 1);
}

TEST_F(LmsPackage, ScormManifestIsScorm12WithOneScoLaunchedAtTheLaunchPage) {
    const std::string manifest = scorm12_manifest(prevent_->loaded.course, {});
    EXPECT_NE(manifest.find("<schema>ADL SCORM</schema>"), std::string::npos);
    EXPECT_NE(manifest.find("<schemaversion>1.2</schemaversion>"), std::string::npos);
    EXPECT_NE(manifest.find("xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\""),
              std::string::npos);
    EXPECT_NE(manifest.find("xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\""),
              std::string::npos);
    EXPECT_EQ(occurrences(manifest, "adlcp:scormtype=\"sco\""), 1u);
    EXPECT_EQ(occurrences(manifest, "<resource "), 1u);
    EXPECT_NE(manifest.find("href=\"launch.html\""), std::string::npos);
}

TEST_F(LmsPackage, ScormManifestListsAFileWithASpaceAsAUrl) {
    const std::string manifest =
        scorm12_manifest(prevent_->loaded.course, {"media/assets/Run hide & tell.png"});
    EXPECT_NE(manifest.find("<file href=\"media/assets/Run%20hide%20%26%20tell.png\"/>"),
              std::string::npos)
        << manifest;
}

TEST_F(LmsPackage, ScormMasteryScoreIsThePassMark) {
    course::Course c = prevent_->loaded.course;
    c.assessment.pass_mark = 75;
    EXPECT_NE(scorm12_manifest(c, {}).find("<adlcp:masteryscore>75</adlcp:masteryscore>"),
              std::string::npos);
}

TEST(LmsManifests, ACourseWithoutAnAssessmentHasNoMasteryScore) {
    const course::Course c = hostile_course();
    EXPECT_EQ(scorm12_manifest(c, {}).find("masteryscore"), std::string::npos);
    EXPECT_EQ(cmi5_manifest(c).find("masteryScore"), std::string::npos);
}

TEST(LmsManifests, ScormManifestEscapesAHostileTitleAndDropsControlCharacters) {
    const std::string manifest = scorm12_manifest(hostile_course(), {"a\"b<c>.html"});
    EXPECT_EQ(manifest.find("<evil"), std::string::npos) << manifest;
    EXPECT_EQ(manifest.find("</title><"), std::string::npos) << manifest;
    EXPECT_EQ(manifest.find('\x01'), std::string::npos);
    EXPECT_NE(manifest.find("&lt;/title&gt;&lt;evil a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp;"),
              std::string::npos)
        << manifest;
    EXPECT_EQ(manifest.find("version=\"1.0\">"), std::string::npos) << manifest;
}

TEST(LmsManifests, Cmi5ManifestEscapesAHostileTitleAndLanguage) {
    const std::string manifest = cmi5_manifest(hostile_course());
    EXPECT_EQ(manifest.find("<evil"), std::string::npos) << manifest;
    EXPECT_EQ(manifest.find("<x>"), std::string::npos) << manifest;
    EXPECT_EQ(manifest.find('\x01'), std::string::npos);
    EXPECT_EQ(occurrences(manifest, "&lt;/title&gt;&lt;evil"), 4u) << manifest;
}

TEST(LmsManifests, Cmi5MasteryScoreIsThePassMarkScaledToOne) {
    course::Course c = hostile_course();
    c.assessment_questions.push_back(scored_question());
    for (const auto& [pass_mark, scaled] : std::vector<std::pair<int, std::string>>{
             {80, "0.8"}, {75, "0.75"}, {5, "0.05"}, {100, "1"}, {0, "0"}}) {
        c.assessment.pass_mark = pass_mark;
        EXPECT_NE(cmi5_manifest(c).find("masteryScore=\"" + scaled + "\""), std::string::npos)
            << pass_mark << ": " << cmi5_manifest(c);
    }
}

TEST(LmsManifests, Cmi5MovesOnWhenCompletedAndPassedWhenTheCourseRuleAsksForTheAssessment) {
    course::Course c = hostile_course();
    c.assessment_questions.push_back(scored_question());
    c.completion.assessment = true;
    EXPECT_NE(cmi5_manifest(c).find("moveOn=\"CompletedAndPassed\""), std::string::npos);
}

TEST(LmsManifests, Cmi5MovesOnWhenCompletedWhenTheCourseRuleDoesNotAskForTheAssessment) {
    course::Course c = hostile_course();
    c.assessment_questions.push_back(scored_question());
    c.completion.assessment = false;
    EXPECT_NE(cmi5_manifest(c).find("moveOn=\"Completed\""), std::string::npos);
}

TEST(LmsManifests, Cmi5HasOneAuLaunchedAtTheLaunchPageWithTheCourseIdInItsIri) {
    const course::Course c = hostile_course();
    const std::string manifest = cmi5_manifest(c);
    EXPECT_EQ(occurrences(manifest, "<au "), 1u);
    EXPECT_NE(manifest.find("<url>launch.html</url>"), std::string::npos);
    EXPECT_NE(manifest.find("<au id=\"urn:waymark:course:hostile:au\""), std::string::npos);
    EXPECT_NE(manifest.find("<course id=\"urn:waymark:course:hostile\">"), std::string::npos);
}

TEST_F(LmsPackage, LaunchPageEscapesTheCourseTitleAndTellsTheAdapterAboutTheAssessment) {
    course::Course c = hostile_course();
    auto p = render_lms_package(c, *prevent_->files, LmsFormat::scorm12);
    ASSERT_TRUE(p) << p.error().describe();
    const std::string& launch = p->find("launch.html")->bytes;
    EXPECT_EQ(launch.find("<evil"), std::string::npos) << launch;
    EXPECT_NE(launch.find("data-has-assessment=\"false\""), std::string::npos);
    const Site scorm = package(LmsFormat::scorm12);
    const std::string& prevent = scorm.find("launch.html")->bytes;
    EXPECT_NE(prevent.find("data-has-assessment=\"true\""), std::string::npos);
    EXPECT_NE(prevent.find("<iframe id=\"course-frame\" title=\"Prevent duty training\">"),
              std::string::npos)
        << prevent;
}

TEST_F(LmsPackage, WrittenZipHoldsEveryFileWithItsBytes) {
    const Site scorm = package(LmsFormat::scorm12);
    const waymark::testing::ScratchFolder folder("lms-zip");
    const auto out = folder / "package.zip";
    ASSERT_TRUE(write_lms_package(scorm, out));
    int error = 0;
    zip_t* zip = zip_open(out.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    ASSERT_NE(zip, nullptr) << error;
    EXPECT_EQ(zip_get_num_entries(zip, 0), static_cast<zip_int64_t>(scorm.files.size()));
    for (const auto& f : scorm.files) {
        zip_file_t* entry = zip_fopen(zip, f.path.c_str(), 0);
        ASSERT_NE(entry, nullptr) << f.path;
        std::string bytes(f.bytes.size() + 1, '\0');
        const zip_int64_t n = zip_fread(entry, bytes.data(), bytes.size());
        zip_fclose(entry);
        bytes.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
        EXPECT_EQ(bytes, f.bytes) << f.path;
    }
    zip_discard(zip);
}

}  // namespace
}  // namespace waymark::publish::testing
