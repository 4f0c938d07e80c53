// The bundled courses meet their own quality bar: they load with no errors and no
// warnings, pack and verify, and the Prevent course has what its issue promises.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "waymark/core/keys.hpp"
#include "waymark/course/load.hpp"
#include "waymark/package/package.hpp"

using namespace waymark;
using namespace waymark::course;
namespace fs = std::filesystem;

namespace {

fs::path course_dir(const std::string& id) {
    return fs::path(WAYMARK_SOURCE_DIR) / "courses" / id;
}

LoadedCourse load_folder(const std::string& id) {
    Diagnostics listing;
    FolderFiles files(course_dir(id), listing);
    LoadedCourse loaded = load_course(files);
    loaded.diagnostics.append(listing);
    return loaded;
}

std::string listing(const LoadedCourse& c) {
    std::string out;
    for (const auto& d : c.diagnostics.items())
        out += d.format() + "\n";
    return out;
}

void count_kinds(const std::vector<content::Block>& blocks,
                 std::map<content::BlockKind, int>& kinds) {
    for (const auto& b : blocks) {
        ++kinds[b.kind];
        count_kinds(b.children, kinds);
        for (const auto& item : b.items)
            count_kinds(item.blocks, kinds);
    }
}

class BundledCourse : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(BundledCourse, LoadsWithNoErrorsAndNoWarnings) {
    const LoadedCourse c = load_folder(GetParam());
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST_P(BundledCourse, PacksAndOpensToTheSameCourse) {
    const fs::path dir = fs::temp_directory_path() /
                         ("waymark-bundled-" + GetParam() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const LoadedCourse folder = load_folder(GetParam());
    ASSERT_TRUE(folder.ok()) << listing(folder);
    const auto key = Ed25519KeyPair::generate();
    package::CourseSummary summary;
    summary.id = folder.course.id;
    summary.version = folder.course.version;
    summary.title = folder.course.title;
    const fs::path file = dir / "course.wmpkg";
    ASSERT_TRUE(package::write_package(course_dir(GetParam()), folder.course.files, summary,
                                       key.secret_key, file));
    auto pkg = package::open_package(file);
    ASSERT_TRUE(pkg) << pkg.error().describe();
    package::TrustStore trust;
    trust.add(key.public_key);
    EXPECT_TRUE(pkg->trusted_by(trust));

    std::map<std::string, std::string> files(pkg->files().begin(), pkg->files().end());
    const LoadedCourse packed = load_course(MemoryFiles(std::move(files)));
    EXPECT_TRUE(packed.diagnostics.empty()) << listing(packed);
    EXPECT_EQ(packed.course.files, folder.course.files);
    EXPECT_EQ(packed.course.word_count(), folder.course.word_count());
    EXPECT_EQ(packed.course.assessment_questions.size(), folder.course.assessment_questions.size());
    fs::remove_all(dir);
}

TEST_P(BundledCourse, EveryContactWasCheckedAndEveryModuleListsItsSources) {
    const LoadedCourse c = load_folder(GetParam());
    for (const auto& contact : c.course.contacts)
        EXPECT_FALSE(contact.checked_on.empty());
    for (const auto& m : c.course.modules)
        EXPECT_FALSE(m.sources.empty()) << m.id;
}

TEST_P(BundledCourse, EveryAssessmentQuestionIsTraceableToAPage) {
    const LoadedCourse c = load_folder(GetParam());
    for (const auto& q : c.course.assessment_questions) {
        EXPECT_FALSE(q.module.empty()) << q.id;
        // GIFT has no place for a source page; its questions are traced by module only.
        if (q.file.ends_with(".json")) {
            EXPECT_NE(q.source.find('#'), std::string::npos) << q.id;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Courses, BundledCourse,
                         ::testing::Values("prevent-duty", "run-hide-tell-young-people",
                                           "waymark-sample"));

TEST(PreventCourse, HasTheEightModulesInOrder) {
    const LoadedCourse c = load_folder("prevent-duty");
    std::vector<std::string> ids;
    for (const auto& m : c.course.modules)
        ids.push_back(m.id);
    EXPECT_EQ(
        ids, (std::vector<std::string>{"welcome", "contest", "radicalisation", "notice-check-share",
                                       "channel", "act", "run-hide-tell", "local-contacts"}));
}

TEST(PreventCourse, HasTwoOrThreeKnowledgeChecksInEveryModule) {
    const LoadedCourse c = load_folder("prevent-duty");
    for (const auto& m : c.course.modules) {
        std::map<content::BlockKind, int> kinds;
        for (const auto& p : m.pages)
            count_kinds(p.blocks, kinds);
        EXPECT_GE(kinds[content::BlockKind::knowledge_check], 2) << m.id;
        EXPECT_LE(kinds[content::BlockKind::knowledge_check], 3) << m.id;
    }
}

TEST(PreventCourse, HasABankOfAtLeast45QuestionsOfAtLeastFiveTypes) {
    const LoadedCourse c = load_folder("prevent-duty");
    std::set<content::QuestionType> types;
    for (const auto& q : c.course.assessment_questions)
        types.insert(q.type);
    EXPECT_GE(c.course.assessment_questions.size(), 45u);
    EXPECT_GE(types.size(), 5u);
}

TEST(PreventCourse, HasMoreThanHalfItsQuestionsScenarioBased) {
    const LoadedCourse c = load_folder("prevent-duty");
    std::size_t scenario_based = 0;
    for (const auto& q : c.course.assessment_questions)
        scenario_based +=
            q.category == "scenario-based" || q.type == content::QuestionType::scenario;
    EXPECT_GT(scenario_based * 2, c.course.assessment_questions.size());
}

TEST(PreventCourse, DrawsFifteenWithOneFromEachOfModulesTwoToSeven) {
    const LoadedCourse c = load_folder("prevent-duty");
    const auto& a = c.course.assessment;
    EXPECT_EQ(a.draw, 15);
    EXPECT_EQ(a.pass_mark, 80);
    EXPECT_EQ(a.attempts, 0);
    EXPECT_EQ(c.course.refresher_months, 24);
    std::set<std::string> quota_modules;
    for (const auto& q : a.quotas)
        if (q.min >= 1)
            quota_modules.insert(q.module);
    for (std::size_t i = 1; i <= 6; ++i)
        EXPECT_TRUE(quota_modules.count(c.course.modules[i].id)) << c.course.modules[i].id;
}

TEST(PreventCourse, TakesThirtyToFortyFiveMinutesToRead) {
    const LoadedCourse c = load_folder("prevent-duty");
    EXPECT_GE(c.course.reading_minutes(), 30);
    EXPECT_LE(c.course.reading_minutes(), 45);
}

TEST(PreventCourse, DrawsAtLeastThreeDiagramsAsStepFlows) {
    const LoadedCourse c = load_folder("prevent-duty");
    std::map<content::BlockKind, int> kinds;
    for (const auto& m : c.course.modules)
        for (const auto& p : m.pages)
            count_kinds(p.blocks, kinds);
    EXPECT_GE(kinds[content::BlockKind::step_flow] + kinds[content::BlockKind::image], 3);
}

TEST(PreventCourse, ShowsTheEmergencyPolicePreventAndNspccContactsAsCards) {
    const LoadedCourse c = load_folder("prevent-duty");
    const Module* local = c.course.find_module("local-contacts");
    ASSERT_NE(local, nullptr);
    std::set<std::string> cards;
    std::function<void(const std::vector<content::Block>&)> visit =
        [&](const std::vector<content::Block>& blocks) {
            for (const auto& b : blocks) {
                if (b.kind == content::BlockKind::contact_card)
                    cards.insert(b.ref);
                visit(b.children);
            }
        };
    for (const auto& p : local->pages)
        visit(p.blocks);
    for (const char* id : {"emergency", "cumbria-police-101", "prevent-team", "nspcc"})
        EXPECT_TRUE(cards.count(id)) << id;
}
