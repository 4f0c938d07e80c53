#include <gtest/gtest.h>

#include "../player/journey.hpp"
#include "clicking.hpp"
#include "harness.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/ledger_journal.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

void add_learner_by_typing(test::Harness& h) {
    ASSERT_TRUE(h.type_into("Name", "Sam Patel")) << h.labels();
    ASSERT_TRUE(h.type_into("Staff id", "WF-1023"));
    ASSERT_TRUE(h.type_into("Team", "Early help"));
    ASSERT_TRUE(h.type_into("Role", "Family worker"));
    ASSERT_TRUE(h.click("Save and continue"));
}

// Answers every knowledge check on the page shown, checking each shows "correct".
void answer_checks_on_page(test::Harness& h, Player& p) {
    for (const auto& block : p.reader()->page().blocks) {
        if (block.kind != content::BlockKind::knowledge_check)
            continue;
        const auto& q = *p.reader()->course().find_knowledge_check(block.ref);
        auto* state = p.reader()->check(q.id);
        const auto target = test::right_answer(q, state->shown);
        ASSERT_TRUE(
            test::answer_by_clicking(h, q, state->shown, target, state->draft, "check-" + q.id));
        ASSERT_TRUE(h.click("Check answer##" + q.id)) << q.id << ": " << h.labels();
        if (q.is_scored()) {
            ASSERT_TRUE(state->feedback.has_value()) << q.id;
            EXPECT_EQ(state->feedback->outcome, assessment::Outcome::correct) << q.id;
        } else {
            EXPECT_TRUE(state->reflected) << q.id;
        }
    }
}

void sit_by_clicking(test::Harness& h, Player& p, bool pass) {
    auto* s = p.session();
    ASSERT_NE(s, nullptr);
    for (std::size_t i = 0; i < s->count(); ++i) {
        ASSERT_EQ(s->index(), i);
        const auto& q = s->question();
        const auto& shown = s->shown_at(i);
        const auto target = pass ? test::right_answer(q, shown) : test::wrong_answer(q, shown);
        ASSERT_TRUE(
            test::answer_by_clicking(h, q, shown, target, s->draft(), "q" + std::to_string(i)));
        ASSERT_TRUE(h.click("Next##question"));
    }
    ASSERT_EQ(s->stage(), SittingStage::review);
    EXPECT_EQ(s->unanswered_count(), 0u);
    ASSERT_TRUE(h.click("Submit answers"));
    ASSERT_TRUE(h.click("Yes, submit my answers"));
}

}  // namespace

TEST(PlayerJourney, NewLearnerReadsEverythingFailsRetriesAndPasses) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    add_learner_by_typing(h);
    ASSERT_EQ(t.p().screen(), Screen::library);
    ASSERT_TRUE(h.click("Start##waymark-sample")) << h.labels();

    for (;;) {
        answer_checks_on_page(h, t.p());
        h.press(ImGuiKey_End);  // a page is read once its end has been on the screen
        if (t.p().next_label() != "Next")
            break;
        ASSERT_TRUE(h.click("Next##page"));
    }
    EXPECT_EQ(t.p().reader()->percent_read(), 100);
    ASSERT_TRUE(h.click("Continue to the assessment##page"));
    ASSERT_TRUE(h.click("Start the assessment")) << h.labels();

    sit_by_clicking(h, t.p(), false);
    ASSERT_EQ(t.p().screen(), Screen::result);
    EXPECT_FALSE(t.p().result()->passed);
    EXPECT_FALSE(h.click("Try again"));  // the sample asks for a 5 minute wait
    t.now += 6min;
    h.frame();
    ASSERT_TRUE(h.click("Try again"));

    sit_by_clicking(h, t.p(), true);
    ASSERT_EQ(t.p().screen(), Screen::result);
    EXPECT_TRUE(t.p().result()->passed);
    auto history = journal.history(t.p().learner()->id, "waymark-sample");
    ASSERT_EQ(history->completions.size(), 1u);
    EXPECT_EQ(history->attempts.size(), 2u);
}

TEST(PlayerJourney, ResumesAtTheSamePageAfterThePlayerIsClosed) {
    MemoryJournal journal;
    PagePosition where;
    {
        test::Journey t(journal);
        test::Harness h(t.p());
        add_learner_by_typing(h);
        ASSERT_TRUE(h.click("Start##waymark-sample"));
        h.press(ImGuiKey_End);  // read to the end
        ASSERT_TRUE(h.click("Next##page"));
        h.press(ImGuiKey_End);
        ASSERT_TRUE(h.click("Next##page"));  // opened, not yet read
        where = t.p().reader()->position();
    }
    test::Journey again(journal);
    test::Harness h(again.p());
    ASSERT_TRUE(h.click("Sam Patel  \xC2\xB7  Early help##learner0")) << h.labels();
    ASSERT_TRUE(h.click("Continue##waymark-sample")) << h.labels();
    EXPECT_EQ(again.p().reader()->position(), where);
}

TEST(PlayerJourney, ResumesAnAttemptAtTheQuestionItWasOn) {
    MemoryJournal journal;
    {
        test::Journey t(journal);
        t.add_learner();
        t.read_every_page();
        t.p().next_page();
        test::Harness h(t.p());
        ASSERT_TRUE(h.click("Start the assessment"));
        auto* s = t.p().session();
        const auto target = test::right_answer(s->question(), s->shown_at(0));
        ASSERT_TRUE(
            test::answer_by_clicking(h, s->question(), s->shown_at(0), target, s->draft(), "q0"));
        ASSERT_TRUE(h.click("Next##question"));
    }
    test::Journey again(journal);
    again.p().choose_learner(0);
    again.p().open_course(0);
    again.p().open_assessment_intro();
    test::Harness h(again.p());
    ASSERT_TRUE(h.click("Carry on with the assessment")) << h.labels();
    EXPECT_EQ(again.p().session()->index(), 1u);
}

TEST(PlayerScreens, TheAddFormKeepsProblemsBesideTheFields) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    ASSERT_TRUE(h.type_into("Staff id", "not valid!"));
    ASSERT_TRUE(h.click("Save and continue"));
    EXPECT_EQ(t.p().screen(), Screen::add_learner);
    EXPECT_EQ(t.p().form_problems().size(), 4u);  // name, staff id (its form), team, role
}

TEST(PlayerScreens, AWebLinkOpensInTheBrowserAndShowsItsAddress) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    ASSERT_TRUE(h.click("link to a web page")) << h.labels();
    ASSERT_EQ(h.links_opened.size(), 1u);
    EXPECT_EQ(h.links_opened[0], "https://spec.commonmark.org/");
    EXPECT_EQ(h.view().last_link(), "https://spec.commonmark.org/");
}

TEST(PlayerScreens, ALinkToAnotherPageStaysInThePlayer) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    ASSERT_TRUE(h.click("another page of the course"));
    EXPECT_TRUE(h.links_opened.empty());
    EXPECT_EQ(t.p().reader()->page().anchor, "questions-of-every-kind");
}

namespace {
float top_of(const test::Harness& h, const std::string& label) {
    const auto* w = h.find(label);
    return w ? w->min.y : -1;
}
}  // namespace

TEST(PlayerScreens, TheMouseWheelScrollsThePageSmoothly) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    h.frames(3);
    const float start = top_of(h, "link to a web page");
    h.wheel(-1, ImVec2(800, 400));
    h.frame();  // ImGui applies a new scroll position on the next frame
    const float first = top_of(h, "link to a web page");
    EXPECT_LT(first, start);
    EXPECT_TRUE(h.view().animating());
    h.frames(30);
    const float settled = top_of(h, "link to a web page");
    EXPECT_LT(settled, first);
    EXPECT_FALSE(h.view().animating());
}

TEST(PlayerScreens, ReducedMotionScrollsInOneStep) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().change_settings({100, Theme::light, false, true});
    t.p().open_course(0);
    test::Harness h(t.p());
    h.frames(3);
    const float start = top_of(h, "link to a web page");
    h.wheel(-1, ImVec2(800, 400));
    h.frame();  // ImGui applies a new scroll position on the next frame
    const float first = top_of(h, "link to a web page");
    EXPECT_LT(first, start);
    EXPECT_FALSE(h.view().animating());
    h.frames(10);
    EXPECT_FLOAT_EQ(top_of(h, "link to a web page"), first);
}

TEST(PlayerScreens, EscapeClosesTheSettings) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.click("Settings##top"));
    ASSERT_EQ(t.p().screen(), Screen::settings);
    h.press(ImGuiKey_Escape);
    EXPECT_EQ(t.p().screen(), Screen::library);
}

TEST(PlayerScreens, LargerTextRebuildsTheFontsAtTheNewSize) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.click("Settings##top"));
    const float before = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    ASSERT_TRUE(h.click("Larger text"));
    h.frame();
    EXPECT_EQ(t.p().settings().text_size_percent, 125);
    EXPECT_FLOAT_EQ(ImGui::GetIO().Fonts->Fonts[0]->FontSize, before * 1.25f);
}

TEST(PlayerScreens, EveryThemeAndTheDyslexiaFontDrawTheSamePage) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    for (auto theme : {Theme::dark, Theme::high_contrast}) {
        t.p().change_settings({100, theme, true, true});
        h.frames(2);
        EXPECT_TRUE(h.has("Next##page"));
    }
}

TEST(PlayerScreens, AJournalThatCannotBeWrittenStopsTheCourseWithAMessage) {
    class ReadOnly : public MemoryJournal {
      public:
        bool broken = false;
        Result<void> page_viewed(const std::string& l, const CourseRef& c, const PageRef& p,
                                 UtcTime at) override {
            if (broken)
                return make_error(ErrorCode::io, "the ledger file is read-only", "ledger.db");
            return MemoryJournal::page_viewed(l, c, p, at);
        }
    } journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    journal.broken = true;
    h.press(ImGuiKey_End);  // the page's end comes on screen: it is read, and recorded
    EXPECT_EQ(t.p().screen(), Screen::stopped);
    EXPECT_FALSE(h.has("Next##page"));
    ASSERT_TRUE(h.click("Close the player"));
    EXPECT_TRUE(h.quit_requested);
}

// The passphrase is the journal's, set by an administrator; the player cannot set one.
TEST(PlayerScreens, TheManagerAreaOpensAfterAWrongThenTheRightPassphrase) {
    MemoryJournal journal;
    journal.set_manager_passphrase("correct horse battery");
    ASSERT_TRUE(journal.add_learner({"x", "Ann Lee", "A-1", "Early help", "Worker"}));
    test::Journey t(journal);
    Player& p = t.p();
    test::Harness h(p);
    ASSERT_TRUE(h.click("Manager area")) << h.labels();
    ASSERT_TRUE(h.type_into("Passphrase", "correct horse battery"));
    ASSERT_TRUE(h.click("Open the manager area"));
    ASSERT_EQ(p.screen(), Screen::manager);
    ASSERT_TRUE(h.click("Lock the manager area"));

    ASSERT_TRUE(h.click("Manager area"));
    ASSERT_TRUE(h.type_into("Passphrase", "not the passphrase"));
    ASSERT_TRUE(h.click("Open the manager area"));
    EXPECT_EQ(p.screen(), Screen::manager_sign_in);
    t.now += 1s;  // the wait after a first wrong passphrase
    ASSERT_TRUE(h.type_into("Passphrase", "correct horse battery"));
    ASSERT_TRUE(h.click("Open the manager area"));
    EXPECT_EQ(p.screen(), Screen::manager);
    EXPECT_TRUE(h.has("Lock the manager area"));
}

TEST(PlayerScreens, APassedCourseSavesTheCertificateAndOpensIt) {
    const waymark::testing::ScratchFolder dir("ui-certificate");
    LedgerJournal journal(ledger::Ledger::open(dir / "ledger.db").value());
    test::Journey t(journal, {test::sample_course()}, dir.path());
    test::Harness h(t.p());
    t.take_course(true);
    h.frame();
    EXPECT_FALSE(h.has("Open certificate"));
    ASSERT_TRUE(h.click("Save certificate (PDF)")) << h.labels();
    ASSERT_FALSE(t.p().certificate_path().empty()) << t.p().notice();
    EXPECT_TRUE(std::filesystem::exists(t.p().certificate_path()));
    ASSERT_TRUE(h.click("Open certificate")) << h.labels();
    ASSERT_EQ(h.files_opened.size(), 1u);
    EXPECT_EQ(h.files_opened[0], t.p().certificate_path().string());
}

// A course folder can be edited by anyone who can write to it: passing it is a preview,
// and a certificate would certify nothing.
TEST(PlayerScreens, APassedCourseFolderOffersNoCertificate) {
    const waymark::testing::ScratchFolder dir("ui-folder");
    LedgerJournal journal(ledger::Ledger::open(dir / "ledger.db").value());
    test::Journey t(journal, {test::sample_folder()}, dir.path());
    test::Harness h(t.p());
    t.take_course(true);
    h.frame();
    ASSERT_EQ(t.p().screen(), Screen::result);
    EXPECT_TRUE(t.p().completed());
    EXPECT_FALSE(h.has("Save certificate (PDF)")) << h.labels();
}

TEST(PlayerJourney, AScoredScenarioGivesNoStepFeedbackAndNoRestartInsideTheAttempt) {
    // The sample's only scenario is in its bank; find a paper that draws it.
    for (std::uint64_t seed = 1; seed < 60; ++seed) {
        MemoryJournal journal;
        test::Journey t(journal);
        t.seeds = seed;
        t.add_learner();
        t.read_every_page();
        t.p().start_assessment();
        auto* s = t.p().session();
        const auto& ids = s->attempt().question_ids();
        const auto at = std::find(ids.begin(), ids.end(), "sample-trust");
        if (at == ids.end())
            continue;
        const auto i = static_cast<std::size_t>(at - ids.begin());
        t.p().assessment_go_to(i);
        test::Harness h(t.p());
        h.frame();
        // The second option ends the story at once; in practice "Start the story again"
        // would follow it.
        const auto& option = s->question().steps[0].options[1];
        ASSERT_TRUE(h.click(option.text + "##q" + std::to_string(i) + "-s0-1")) << h.labels();
        h.frames(2);
        EXPECT_EQ(s->draft().path, std::vector<std::size_t>{1});
        EXPECT_FALSE(h.has_containing("Start the story again")) << h.labels();
        EXPECT_TRUE(s->answered(i));  // the finished story is saved as the answer at once
        return;
    }
    FAIL() << "no paper in 60 seeds drew the scenario";
}

TEST(PlayerScreens, TheContentsFollowTheCurrentPageToTheLastModule) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    h.frames(3);
    const auto& course = t.p().reader()->course();
    const std::size_t m = course.modules.size() - 1;
    const std::size_t pg = course.modules[m].pages.size() - 1;
    t.p().go_to_page({m, pg});
    h.frames(3);
    const auto* entry = h.find(course.modules[m].pages[pg].title + "##toc" + std::to_string(m) +
                               "-" + std::to_string(pg));
    ASSERT_NE(entry, nullptr) << h.labels();
    EXPECT_TRUE(entry->visible);
}

TEST(PlayerScreens, APageIsNotReadUntilItsEndHasBeenOnScreen) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().open_course(0);
    const auto& course = t.p().reader()->course();
    // The longest page, which cannot fit on one screen.
    player::PagePosition longest;
    std::size_t blocks = 0;
    for (std::size_t m = 0; m < course.modules.size(); ++m)
        for (std::size_t p = 0; p < course.modules[m].pages.size(); ++p)
            if (course.modules[m].pages[p].blocks.size() > blocks) {
                blocks = course.modules[m].pages[p].blocks.size();
                longest = {m, p};
            }
    t.p().go_to_page(longest);
    test::Harness h(t.p());
    h.frames(3);
    EXPECT_FALSE(t.p().reader()->is_read(longest));
    h.press(ImGuiKey_End);
    EXPECT_TRUE(t.p().reader()->is_read(longest));
    EXPECT_EQ(journal.history(t.p().learner()->id, course.id)->pages_viewed.size(), 1u);
}

// The sample's second page grows a little once its end is scrolled to (its last blocks
// settle), so End lands just short of the new bottom: the page still counts as read.
TEST(PlayerScreens, EndCountsAPageReadWhoseLastBlocksSettleTaller) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    t.p().go_to_page({0, 1});
    test::Harness h(t.p());
    h.frames(3);
    h.press(ImGuiKey_End);
    h.frames(3);
    EXPECT_TRUE(t.p().reader()->is_read({0, 1}));
}
