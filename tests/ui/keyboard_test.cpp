// Keyboard-only use (issue 16; WCAG 2.2 2.1.1, 2.1.2, 2.4.3): the whole journey with no
// mouse event at all, only keys: Tab and Shift+Tab to move, Enter and Space to press,
// typing into fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/ledger_journal.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

// Gives `target` (in displayed positions) to the question drawn with id `id`, by keys.
::testing::AssertionResult answer_by_keyboard(test::Harness& h, const content::Question& q,
                                              const assessment::Presentation& shown,
                                              const AnswerDraft& target, const AnswerDraft& live,
                                              const std::string& id) {
    auto reach = [&](const std::string& label) { return h.tab_to(label); };
    auto fail = [&](const std::string& label) {
        return ::testing::AssertionFailure()
               << "Tab never reached \"" << label << "\" for " << q.id << "; drawn: " << h.labels();
    };
    using T = content::QuestionType;
    switch (q.type) {
        case T::single_choice:
        case T::true_false: {
            const std::string label =
                q.choices[shown.options[static_cast<std::size_t>(target.chosen)]].text + "##" + id +
                "-" + std::to_string(target.chosen);
            if (!reach(label))
                return fail(label);
            h.press(ImGuiKey_Space);
            break;
        }
        case T::multiple_response:
            for (std::size_t pos = 0; pos < target.ticked.size(); ++pos)
                if (target.ticked[pos]) {
                    const std::string label =
                        q.choices[shown.options[pos]].text + "##" + id + "-" + std::to_string(pos);
                    if (!reach(label))
                        return fail(label);
                    h.press(ImGuiKey_Space);
                }
            break;
        case T::matching:
            for (std::size_t p = 0; p < target.matched.size(); ++p) {
                const std::string combo =
                    q.pairs[shown.prompts[p]].prompt + "##match-" + id + "-" + std::to_string(p);
                if (!reach(combo))
                    return fail(combo);
                h.press(ImGuiKey_Enter);
                const auto a = static_cast<std::size_t>(target.matched[p]);
                const std::string item = q.pairs[shown.answers[a]].answer + "##" + id + "-" +
                                         std::to_string(p) + "-" + std::to_string(a);
                if (!reach(item))
                    return fail(item);
                h.press(ImGuiKey_Enter);
            }
            break;
        case T::ordering:
            for (std::size_t t = 0; t < target.arrangement.size(); ++t) {
                auto r = static_cast<std::size_t>(std::find(live.arrangement.begin(),
                                                            live.arrangement.end(),
                                                            target.arrangement[t]) -
                                                  live.arrangement.begin());
                while (r > t) {
                    const std::string label = "Move up##" + id + "-" + std::to_string(r);
                    if (!reach(label))
                        return fail(label);
                    h.press(ImGuiKey_Enter);
                    --r;
                }
            }
            break;
        case T::short_answer:
        case T::essay:
        case T::numerical: {
            const std::string label = (q.type == T::numerical ? "Your number##"
                                       : q.type == T::essay   ? "Your reflection##"
                                                              : "Your answer##") +
                                      id;
            if (!reach(label))
                return fail(label);
            h.type(q.type == T::numerical ? target.number : target.text);
            break;
        }
        case T::scenario: {
            std::size_t step = 0;
            for (std::size_t i = 0; i < target.path.size(); ++i) {
                const auto& option = q.steps[step].options[target.path[i]];
                const std::string label = option.text + "##" + id + "-s" + std::to_string(i) + "-" +
                                          std::to_string(target.path[i]);
                if (!reach(label))
                    return fail(label);
                h.press(ImGuiKey_Enter);
                for (std::size_t s = 0; s < q.steps.size(); ++s)
                    if (q.steps[s].id == option.next)
                        step = s;
            }
            break;
        }
        case T::description:
            break;
    }
    return ::testing::AssertionSuccess();
}

}  // namespace

TEST(KeyboardOnly, TabReachesButtonsAndEnterPressesThem) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Settings##top")) << h.labels();
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::settings);
}

TEST(KeyboardOnly, ShiftTabGoesBackInReadingOrder) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Sign out##top"));
    h.press(ImGuiKey_Tab, true);
    EXPECT_EQ(h.focused(), "Settings##top");
}

TEST(KeyboardOnly, CheckingAnAnswerDoesNotTrapTheFocus) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    t.p().go_to_page({1, 0});
    test::Harness h(t.p());
    const auto& block = *std::find_if(
        t.p().reader()->page().blocks.begin(), t.p().reader()->page().blocks.end(),
        [](const content::Block& b) { return b.kind == content::BlockKind::knowledge_check; });
    const auto& q = *t.p().reader()->course().find_knowledge_check(block.ref);
    auto* state = t.p().reader()->check(q.id);
    ASSERT_TRUE(answer_by_keyboard(h, q, state->shown, test::wrong_answer(q, state->shown),
                                   state->draft, "check-" + q.id));
    ASSERT_TRUE(h.tab_to("Check answer##" + q.id));
    h.press(ImGuiKey_Enter);
    ASSERT_TRUE(state->feedback.has_value());
    EXPECT_TRUE(h.tab_to("Next##page")) << "focus stuck at " << h.focused();
    EXPECT_EQ(t.p().screen(), Screen::course);
}

TEST(KeyboardOnly, OpeningACourseFromTheKeyboardPutsTheFocusOnThePageHeading) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    // Tab passes the top bar on its way to the course, as a learner's would.
    ASSERT_TRUE(h.tab_to("Sign out##top"));
    ASSERT_TRUE(h.tab_to("Start##waymark-sample"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().screen(), Screen::course);
    const auto* focused = ui::focused_widget();
    ASSERT_NE(focused, nullptr) << "nothing has the focus";
    EXPECT_EQ(focused->label, t.p().reader()->page().title);
}

TEST(KeyboardOnly, EnterRightAfterOpeningACourseDoesNotSignTheLearnerOut) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Sign out##top"));
    ASSERT_TRUE(h.tab_to("Start##waymark-sample"));
    h.press(ImGuiKey_Enter);
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::course);
    EXPECT_NE(t.p().learner(), nullptr);
}

TEST(KeyboardOnly, TabFromANewlyOpenedPageGoesToThePagesFirstControl) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Start##waymark-sample"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().screen(), Screen::course);
    h.press(ImGuiKey_Tab);
    EXPECT_EQ(h.focused(), "link to a web page##link0");
}

TEST(KeyboardOnly, ALinkOfSeveralWordsIsOneTabStop) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Start##waymark-sample"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().screen(), Screen::course);
    h.press(ImGuiKey_Tab);
    ASSERT_EQ(h.focused(), "link to a web page##link0");
    h.press(ImGuiKey_Tab);
    EXPECT_EQ(ui::focused_widget()->label, "another page of the course");
}

TEST(KeyboardOnly, EveryScreenOpensWithTheFocusOnItsHeading) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Settings##top"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().screen(), Screen::settings);
    EXPECT_EQ(h.focused(), "Settings##heading");
    ASSERT_TRUE(h.tab_to("Done"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().screen(), Screen::library);
    EXPECT_EQ(h.focused(), "Your training##heading");
}

TEST(KeyboardOnly, AButtonThatDisablesUnderTheFocusPassesTheFocusToTheNextControl) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_settings();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Smaller text")) << h.labels();
    while (t.p().settings().text_size_percent > min_text_size)
        h.press(ImGuiKey_Enter);
    h.frames(2);
    // "Smaller text" is greyed out at 75%: the focus goes on to the next control, so the
    // next Tab continues from there and Enter never presses something the learner cannot see.
    EXPECT_EQ(h.focused(), "Larger text");
    h.press(ImGuiKey_Enter);
    EXPECT_GT(t.p().settings().text_size_percent, min_text_size);
    EXPECT_EQ(t.p().screen(), Screen::settings);
}

TEST(KeyboardOnly, TabAfterAButtonDisabledUnderTheFocusContinuesFromIt) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_settings();
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Smaller text")) << h.labels();
    while (t.p().settings().text_size_percent > min_text_size)
        h.press(ImGuiKey_Enter);
    h.press(ImGuiKey_Tab);
    EXPECT_EQ(h.focused(), "Light");
}

TEST(KeyboardOnly, EscapeOnAPageDoesNotLeaveTheCourse) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    h.press(ImGuiKey_Escape);
    EXPECT_EQ(t.p().screen(), Screen::course);
}

TEST(KeyboardOnly, PageDownAndHomeScrollThePage) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().change_settings({100, Theme::light, false, true});
    t.p().open_course(0);
    test::Harness h(t.p());
    h.frames(3);
    const float top = h.find("link to a web page")->min.y;
    h.press(ImGuiKey_PageDown);
    h.frames(2);
    const float down = h.find("link to a web page")->min.y;
    EXPECT_LT(down, top);
    h.press(ImGuiKey_Home);
    h.frames(2);
    EXPECT_FLOAT_EQ(h.find("link to a web page")->min.y, top);
}

TEST(KeyboardOnly, SkipToPageMovesTheFocusPastTheContents) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    ASSERT_TRUE(h.tab_to("Skip to page")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    // The focus lands on the page's heading, past the contents; Tab goes on into the page.
    EXPECT_EQ(h.focused(), t.p().reader()->page().title + "##heading");
    h.press(ImGuiKey_Tab);
    EXPECT_EQ(h.focused(), "link to a web page##link0");
}

TEST(KeyboardOnly, ANewLearnerTakesTheWholeCourseWithTheKeyboardAlone) {
    const waymark::testing::ScratchFolder folder("keyboard");
    // A certificate needs the ledger: the record it certifies.
    LedgerJournal journal(ledger::Ledger::open(folder / "ledger.db").value());
    test::Journey t(journal, {test::sample_course()}, folder.path());
    Player& p = t.p();
    test::Harness h(p);
    // Sign in.
    for (auto [field, text] : {std::pair{"Name", "Sam Patel"},
                               {"Staff id", "WF-1023"},
                               {"Team", "Early help"},
                               {"Role", "Family worker"}}) {
        ASSERT_TRUE(h.tab_to(field)) << h.labels();
        h.type(text);
    }
    ASSERT_TRUE(h.tab_to("Save and continue"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(p.screen(), Screen::library)
        << p.form().name << "|" << p.form().staff_id << "|" << p.form().team << "|" << p.form().role
        << "|" << h.focused();
    ASSERT_TRUE(h.tab_to("Start##waymark-sample"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(p.screen(), Screen::course);
    // Read every page, answering each knowledge check.
    for (;;) {
        for (const auto& block : p.reader()->page().blocks) {
            if (block.kind != content::BlockKind::knowledge_check)
                continue;
            const auto& q = *p.reader()->course().find_knowledge_check(block.ref);
            auto* state = p.reader()->check(q.id);
            ASSERT_TRUE(answer_by_keyboard(h, q, state->shown, test::right_answer(q, state->shown),
                                           state->draft, "check-" + q.id));
            ASSERT_TRUE(h.tab_to("Check answer##" + q.id));
            h.press(ImGuiKey_Enter);
            if (q.is_scored()) {
                ASSERT_TRUE(state->feedback.has_value()) << q.id;
                EXPECT_EQ(state->feedback->outcome, assessment::Outcome::correct) << q.id;
            }
        }
        h.press(ImGuiKey_End);  // a page is read once its end has been on the screen
        if (p.next_label() != "Next")
            break;
        ASSERT_TRUE(h.tab_to("Next##page"));
        h.press(ImGuiKey_Enter);
    }
    ASSERT_TRUE(h.tab_to("Continue to the assessment##page"));
    h.press(ImGuiKey_Enter);
    ASSERT_TRUE(h.tab_to("Start the assessment")) << h.labels();
    h.press(ImGuiKey_Enter);
    // Pass the assessment.
    auto* s = p.session();
    ASSERT_NE(s, nullptr);
    for (std::size_t i = 0; i < s->count(); ++i) {
        const auto& q = s->question();
        ASSERT_TRUE(answer_by_keyboard(h, q, s->shown_at(i), test::right_answer(q, s->shown_at(i)),
                                       s->draft(), "q" + std::to_string(i)));
        ASSERT_TRUE(h.tab_to("Next##question"));
        h.press(ImGuiKey_Enter);
    }
    ASSERT_TRUE(h.tab_to("Submit answers"));
    h.press(ImGuiKey_Enter);
    ASSERT_TRUE(h.tab_to("Yes, submit my answers"));
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(p.screen(), Screen::result);
    ASSERT_TRUE(p.result()->passed);
    // Save the certificate.
    ASSERT_TRUE(h.tab_to("Save certificate (PDF)")) << h.labels();
    h.press(ImGuiKey_Enter);
    EXPECT_FALSE(p.certificate_path().empty());
    EXPECT_TRUE(std::filesystem::exists(p.certificate_path()));
}

// Mouse and keyboard together, as in a browser: a clicked button has the focus, so Space
// or Enter presses it again (clicking "Larger text" and then pressing Space did nothing).
// Each test starts on the settings screen with "Larger text" just clicked once.
class MouseThenKeyboard : public ::testing::Test {
  protected:
    void SetUp() override {
        t_.add_learner();
        t_.p().open_settings();
        h_.frames(2);
        ASSERT_TRUE(h_.click_and_wait("Larger text")) << h_.labels();
        clicked_ = t_.p().settings().text_size_percent;
    }
    int text_size() { return t_.p().settings().text_size_percent; }

    MemoryJournal journal_;
    test::Journey t_{journal_};
    test::Harness h_{t_.p()};
    int clicked_ = 0;  // the text size after the click
};

TEST_F(MouseThenKeyboard, SpaceAfterClickingAButtonPressesItAgain) {
    h_.press(ImGuiKey_Space);
    EXPECT_EQ(text_size(), larger_text(clicked_));
    EXPECT_EQ(h_.focused(), "Larger text");  // and the focus ring now shows where it is
}

TEST_F(MouseThenKeyboard, EnterAfterClickingAButtonPressesItAgain) {
    h_.press(ImGuiKey_Enter);
    EXPECT_EQ(text_size(), larger_text(clicked_));
}

// A click on the screen's background takes the focus off the button, as a browser's does:
// Space must not press a button clicked earlier.
TEST_F(MouseThenKeyboard, SpaceAfterClickingTheBackgroundPressesNothing) {
    h_.click_at({5, 400});
    h_.press(ImGuiKey_Space);
    h_.press(ImGuiKey_Enter);
    EXPECT_EQ(text_size(), clicked_);
}

// A screen that scrolls as a whole (settings, the manager area) scrolls by a screen with
// Page Down, as a browser's page does. ImGui's own Page Down moved the focus to the last
// control in view and stopped there: at 200% the manager area's list could not be reached
// by paging.
TEST(KeyboardOnly, PageDownScrollsAScreenThatScrollsAsAWhole) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.p().open_settings();
    test::Harness h(t.p(), {1280, 720});
    h.frames(3);
    const float top = h.find("Settings##heading")->min.y;
    h.press(ImGuiKey_PageDown);
    h.frames(2);
    const ui::WidgetRecord* heading = h.find("Settings##heading");
    ASSERT_NE(heading, nullptr);
    EXPECT_LT(heading->min.y, top - 720 / 2) << "scrolled by less than half a screen";
    h.press(ImGuiKey_PageUp);
    h.frames(2);
    EXPECT_FLOAT_EQ(h.find("Settings##heading")->min.y, top);
}
