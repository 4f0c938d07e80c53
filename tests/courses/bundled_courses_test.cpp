// The bundled courses meet their own quality bar: they load with no errors and no
// warnings, pack and verify, and the Prevent course has what its issue promises.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "scratch_folder.hpp"
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
    const waymark::testing::ScratchFolder dir("bundled-" + GetParam());
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

// --- issue 15: the course's facts corrected and kept true --------------------------------

namespace {

// Every visible text of a question: stem, choices, pairs, items, answers, steps, feedback.
std::string question_text(const content::Question& q) {
    std::string t = q.title + " " + q.stem + " " + q.stem_after + " " + q.general_feedback;
    for (const auto& c : q.choices)
        t += " " + c.text + " " + c.feedback;
    for (const auto& p : q.pairs)
        t += " " + p.prompt + " " + p.answer;
    for (const auto& o : q.order)
        t += " " + o;
    for (const auto& a : q.text_answers)
        t += " " + a.text + " " + a.feedback;
    for (const auto& n : q.numeric_answers)
        t += " " + n.feedback;
    for (const auto& s : q.steps) {
        t += " " + s.text;
        for (const auto& o : s.options)
            t += " " + o.text + " " + o.feedback;
    }
    return t;
}

void collect_text(const std::vector<content::Block>& blocks, std::string& out) {
    for (const auto& b : blocks) {
        out += " " + content::plain_text(b.text) + " " + content::plain_text(b.title);
        for (const auto& item : b.items)
            collect_text(item.blocks, out);
        collect_text(b.children, out);
        for (const auto& s : b.steps) {
            out += " " + content::plain_text(s.title);
            collect_text(s.detail, out);
        }
        for (const auto& row : b.table.rows)
            for (const auto& cell : row)
                out += " " + content::plain_text(cell);
    }
}

std::string module_text(const Module& m) {
    std::string out;
    for (const auto& p : m.pages) {
        out += " " + p.title;
        collect_text(p.blocks, out);
    }
    return out;
}

std::vector<const content::Question*> all_questions(const Course& c) {
    std::vector<const content::Question*> out;
    for (const auto& q : c.knowledge_checks)
        out.push_back(&q);
    for (const auto& q : c.assessment_questions)
        out.push_back(&q);
    return out;
}

bool contains(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

// Runs the waymark program; returns its exit status and puts what it printed in `output`.
int run_waymark(const std::string& args, std::string& output) {
    const std::string command = std::string(WAYMARK_CLI) + " " + args + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return -1;
    char buffer[4096];
    output.clear();
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class LearnerCourse : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(BundledCourse, PassesWaymarkCheckStrict) {
    std::string output;
    EXPECT_EQ(run_waymark("check --strict " + course_dir(GetParam()).string(), output), 0)
        << output;
    EXPECT_TRUE(contains(output, "0 errors, 0 warnings")) << output;
}

TEST_P(LearnerCourse, PinsThe999ContactForTheWholeCourse) {
    const LoadedCourse c = load_folder(GetParam());
    const Contact* pinned = c.course.pinned_contact();
    ASSERT_NE(pinned, nullptr);
    EXPECT_EQ(pinned->phone, "999");
    EXPECT_TRUE(pinned->emergency);
}

TEST_P(LearnerCourse, NamesTheSourceOfEveryContact) {
    const LoadedCourse c = load_folder(GetParam());
    for (const auto& contact : c.course.contacts)
        EXPECT_FALSE(contact.source.empty()) << contact.id;
}

TEST_P(LearnerCourse, PointsEveryModuleSourceAtAPageNotAHomePage) {
    const LoadedCourse c = load_folder(GetParam());
    for (const auto& m : c.course.modules)
        for (const auto& s : m.sources) {
            if (s.url.empty())
                continue;
            const auto host_end = s.url.find('/', s.url.find("://") + 3);
            ASSERT_NE(host_end, std::string::npos) << s.url;
            EXPECT_GT(s.url.size(), host_end + 1) << m.id << ": " << s.url;
        }
}

INSTANTIATE_TEST_SUITE_P(Courses, LearnerCourse,
                         ::testing::Values("prevent-duty", "run-hide-tell-young-people"));

TEST(WaymarkCheck, StrictFailsACourseWhoseOnlyProblemIsAWarning) {
    const waymark::testing::ScratchFolder folder("strict");
    // fs::copy makes the course folder: it needs a target that does not exist yet.
    const fs::path dir = folder / "course";
    fs::copy(course_dir("run-hide-tell-young-people"), dir, fs::copy_options::recursive);
    {
        std::ofstream page(dir / "modules/02-after-an-attack.md", std::ios::app);
        page << "\nYou can also ring the school office on 01539 000 000.\n";
    }
    std::string output;
    EXPECT_EQ(run_waymark("check " + dir.string(), output), 0) << output;
    EXPECT_TRUE(contains(output, "warning: the phone number \"01539 000 000\"")) << output;
    EXPECT_EQ(run_waymark("check --strict " + dir.string(), output), 1) << output;
    EXPECT_TRUE(contains(output, "error: the phone number \"01539 000 000\" is not a contact"))
        << output;
}

TEST(PreventCourse, PutsTheEmergencyNumberInModuleOne) {
    const LoadedCourse c = load_folder("prevent-duty");
    EXPECT_TRUE(contains(module_text(c.course.modules.front()), "999"));
}

TEST(PreventCourse, SaysTheAdviceContactsAreLancashireConstabularysAndAddsCumbrias) {
    const LoadedCourse c = load_folder("prevent-duty");
    const Contact* team = c.course.find_contact("prevent-team");
    ASSERT_NE(team, nullptr);
    EXPECT_TRUE(contains(team->name, "Lancashire Constabulary")) << team->name;
    const Contact* cumbria = c.course.find_contact("cumbria-police-prevent");
    ASSERT_NE(cumbria, nullptr);
    EXPECT_EQ(cumbria->email, "prevent@cumbria.police.uk");
}

TEST(PreventCourse, GivesTheNspccHelplineItsRealHours) {
    const LoadedCourse c = load_folder("prevent-duty");
    const Contact* nspcc = c.course.find_contact("nspcc");
    ASSERT_NE(nspcc, nullptr);
    EXPECT_TRUE(contains(nspcc->hours, "Monday to Friday 8am to 10pm")) << nspcc->hours;
    EXPECT_FALSE(contains(nspcc->hours, "24 hours")) << nspcc->hours;
    for (const auto* q : all_questions(c.course)) {
        EXPECT_FALSE(contains(question_text(*q), "24 hours")) << q->id;
        EXPECT_FALSE(contains(question_text(*q), "any hour")) << q->id;
    }
}

TEST(PreventCourse, TeachesTheRetiredReferralCategoryOnlyAsRetired) {
    const LoadedCourse c = load_folder("prevent-duty");
    for (const auto* q : all_questions(c.course))
        EXPECT_FALSE(contains(question_text(*q), "unstable") &&
                     !contains(question_text(*q), "stopped"))
            << q->id;
    const std::string text = module_text(*c.course.find_module("radicalisation"));
    EXPECT_TRUE(contains(text, "stopped using that label")) << text;
}

TEST(PreventCourse, TeachesThePreventAssessmentFrameworkNotTheOldDimensions) {
    const LoadedCourse c = load_folder("prevent-duty");
    EXPECT_TRUE(
        contains(module_text(*c.course.find_module("channel")), "Prevent Assessment Framework"));
    for (const auto* q : all_questions(c.course))
        for (const auto& p : q->pairs)
            EXPECT_NE(p.prompt, "Engagement") << q->id;
}

TEST(PreventCourse, TeachesNoUnsourcedNumberOfDaysForThePoliceAssessment) {
    const LoadedCourse c = load_folder("prevent-duty");
    for (const auto& m : c.course.modules)
        EXPECT_FALSE(contains(module_text(m), "five days")) << m.id;
    for (const auto* q : all_questions(c.course))
        EXPECT_FALSE(contains(question_text(*q), "five days")) << q->id;
}

TEST(PreventCourse, NamesOnlyNhsTrustsAsSpecifiedHealthBodies) {
    const LoadedCourse c = load_folder("prevent-duty");
    EXPECT_TRUE(contains(module_text(c.course.modules.front()), "NHS foundation trusts"));
    for (const auto* q : all_questions(c.course)) {
        EXPECT_FALSE(contains(q->stem, "GP surgery")) << q->id;
        for (const auto& choice : q->choices) {
            if (contains(choice.text, "GP surgery")) {
                EXPECT_LE(choice.weight, 0) << q->id;
            }
        }
    }
}

TEST(PreventCourse, GivesAtMostAQuarterOfTheMarksForAWrongScenarioPath) {
    const LoadedCourse c = load_folder("prevent-duty");
    for (const auto& q : c.course.assessment_questions)
        for (const auto& step : q.steps)
            for (const auto& o : step.options) {
                if (o.next.empty() && o.score < 1) {
                    EXPECT_LE(o.score, 0.25) << q.id << ": " << o.text;
                }
            }
}
