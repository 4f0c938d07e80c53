// Zoom and reflow (issue 16; WCAG 2.2 1.4.4, 1.4.10): at 200% text on the small screens
// staff use (1280x720, 1366x768) nothing the learner needs lies outside the window, the
// top bar collapses into a menu holding every action, the contents pane can be hidden
// and the page footer does not run under its buttons.
#include <gtest/gtest.h>

#include <string>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/journal.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

bool in_top_bar(const ui::WidgetRecord& w) {
    return w.id.find("##top") != std::string::npos || w.id.find("##pinned") != std::string::npos ||
           w.id == "Skip to page";
}

// Every widget of the top bar lies inside the window.
::testing::AssertionResult top_bar_inside(const test::Harness& h, ImVec2 display) {
    int seen = 0;
    for (const auto& w : ui::widgets_drawn()) {
        if (!in_top_bar(w))
            continue;
        ++seen;
        if (w.min.x < 0 || w.min.y < 0 || w.max.x > display.x || w.max.y > display.y)
            return ::testing::AssertionFailure()
                   << "\"" << w.id << "\" reaches " << w.max.x << "," << w.max.y
                   << " in a window of " << display.x << "x" << display.y;
    }
    if (seen == 0)
        return ::testing::AssertionFailure() << "no top bar drawn: " << h.labels();
    return ::testing::AssertionSuccess();
}

bool overlaps(const ui::WidgetRecord& a, const ui::WidgetRecord& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

class AtDoubleText : public ::testing::TestWithParam<ImVec2> {};

}  // namespace

TEST_P(AtDoubleText, TheTopBarOfACoursePageLiesInsideTheWindow) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.p().open_course(0);
    test::Harness h(t.p(), GetParam());
    h.frames(3);
    EXPECT_TRUE(top_bar_inside(h, GetParam()));
    EXPECT_TRUE(h.has_containing("999")) << "the pinned emergency contact stays in view";
}

TEST_P(AtDoubleText, TheCollapsedMenuHoldsEveryAction) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.p().open_course(0);
    test::Harness h(t.p(), GetParam());
    h.frames(3);
    ASSERT_FALSE(h.has("Sign out##top"));
    ASSERT_TRUE(h.click("Menu##top")) << h.labels();
    h.frames(2);
    for (const char* action : {"Library##menu", "Settings##menu", "Sign out##menu"})
        EXPECT_TRUE(h.has(action)) << action << " missing from " << h.labels();
    EXPECT_TRUE(top_bar_inside(h, GetParam()));
    ASSERT_TRUE(h.click("Settings##menu"));
    EXPECT_EQ(t.p().screen(), Screen::settings);
}

TEST_P(AtDoubleText, TheMenuWorksFromTheKeyboard) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.p().open_course(0);
    test::Harness h(t.p(), GetParam());
    ASSERT_TRUE(h.tab_to("Menu##top")) << h.labels();
    h.press(ImGuiKey_Enter);
    ASSERT_TRUE(h.tab_to("Library##menu")) << h.labels();
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::library);
}

TEST_P(AtDoubleText, WhereYouAreIsNotUnderTheFooterButtons) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.read_every_page();
    ASSERT_EQ(t.p().next_label(), "Continue to the assessment");
    test::Harness h(t.p(), GetParam());
    h.frames(3);
    const ui::WidgetRecord* where = nullptr;
    for (const auto& w : ui::widgets_drawn())
        if (w.id.find("##progress") != std::string::npos)
            where = &w;
    ASSERT_NE(where, nullptr) << h.labels();
    for (const char* button : {"Continue to the assessment##page", "Back##page"}) {
        const auto* b = h.find(button);
        ASSERT_NE(b, nullptr) << button;
        EXPECT_FALSE(overlaps(*where, *b)) << where->label << " overlaps " << button;
        EXPECT_LE(b->max.x, GetParam().x) << button;
        EXPECT_LE(b->max.y, GetParam().y) << button;
    }
}

INSTANTIATE_TEST_SUITE_P(SmallScreens, AtDoubleText,
                         ::testing::Values(ImVec2(1280, 720), ImVec2(1366, 768)));

namespace {

bool contents_drawn() {
    for (const auto& w : ui::widgets_drawn())
        if (w.id.find("##toc") != std::string::npos)
            return true;
    return false;
}

}  // namespace

// The footer's contents toggle, as the harness finds it.
const char* const kHideContents = "Hide contents###contents-toggle";
const char* const kShowContents = "Show contents###contents-toggle";

TEST(ContentsPane, CanBeHiddenAndShownAgain) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    h.frames(3);
    ASSERT_TRUE(contents_drawn());
    ASSERT_TRUE(h.click(kHideContents));
    h.frames(2);
    EXPECT_FALSE(contents_drawn());
    ASSERT_TRUE(h.click(kShowContents));
    h.frames(2);
    EXPECT_TRUE(contents_drawn());
}

TEST(ContentsPane, KeepsTheKeyboardFocusOnItsButtonWhenItsLabelChanges) {
    // "Hide contents" becomes "Show contents": one control, so focus must not fall back to
    // the top of the window.
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    h.frames(3);
    ASSERT_TRUE(h.tab_to(kHideContents)) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    EXPECT_FALSE(contents_drawn());
    EXPECT_EQ(h.focused(), kShowContents);
}
