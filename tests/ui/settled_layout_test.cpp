// What the learner sees after a click with no input afterwards (issue 16): the event-
// driven loop must draw until the layout has settled, and every new page, screen and
// question must open at its top. The harness draws exactly the frames the real loop
// would (ui::FramePacer) and records the last one it presented.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <string>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/journal.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

// The vertical scroll of the child window whose name contains `part` ("page", "screen").
float scroll_of(const std::string& part) {
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && std::string(w->Name).find("/" + part + "_") != std::string::npos)
            return w->Scroll.y;
    return -1;
}

// Scrolls the page to its end with the mouse wheel and lets it come to rest.
void scroll_page_to_the_end(test::Harness& h) {
    for (int i = 0; i < 40; ++i)
        h.wheel(-3, ImVec2(800, 400));
    h.frames(60);
}

// The frame shown is the settled one: more frames with no input change nothing.
::testing::AssertionResult shows_the_settled_layout(test::Harness& h) {
    if (!h.idle())
        return ::testing::AssertionFailure() << "the loop is still drawing";
    const std::uint64_t shown = h.shown();
    h.frames(10);
    if (h.frame() != shown)
        return ::testing::AssertionFailure() << "the frame left on screen was not settled";
    return ::testing::AssertionSuccess();
}

}  // namespace

TEST(SettledLayout, NextOpensTheNewPageAtItsTopWithNoInputAfterTheClick) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    scroll_page_to_the_end(h);
    ASSERT_GT(scroll_of("page"), 0.f);
    ASSERT_TRUE(h.click_and_wait("Next##page"));
    ASSERT_EQ(t.p().reader()->position(), (PagePosition{0, 1}));
    EXPECT_EQ(scroll_of("page"), 0.f);
    EXPECT_TRUE(shows_the_settled_layout(h));
}

TEST(SettledLayout, ATableIsShownWithItsFinalColumnWidthsOnFirstDisplay) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    test::Harness h(t.p());
    // The sample course's first page has a table with wrapped cells.
    ASSERT_TRUE(h.click_and_wait("Start##waymark-sample")) << h.labels();
    ASSERT_EQ(t.p().screen(), Screen::course);
    EXPECT_TRUE(shows_the_settled_layout(h));
}

TEST(SettledLayout, TheManagerDashboardTableIsSettledWhenFirstShown) {
    MemoryJournal journal;
    journal.set_manager_passphrase("correct horse battery");
    ASSERT_TRUE(journal.add_learner({"x", "Ann Lee", "A-1", "Early help", "Worker"}));
    test::Journey t(journal);
    test::Harness h(t.p());
    ASSERT_TRUE(h.click("Manager area")) << h.labels();
    ASSERT_TRUE(h.type_into("Passphrase", "correct horse battery"));
    ASSERT_TRUE(h.click_and_wait("Open the manager area"));
    ASSERT_EQ(t.p().screen(), Screen::manager);
    EXPECT_TRUE(shows_the_settled_layout(h));
}

TEST(SettledLayout, SettingsOpenAtTheirTopAfterAScrolledScreen) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    test::Harness h(t.p(), ImVec2(1000, 600));
    h.frames(3);
    for (int i = 0; i < 20; ++i)
        h.wheel(-3, ImVec2(500, 400));
    h.frames(5);
    ASSERT_GT(scroll_of("screen"), 0.f) << "the library should scroll at 200% in 1000x600";
    // At 200% in 1000x600 the top bar's actions are in its menu.
    ASSERT_TRUE(h.click("Menu##top")) << h.labels();
    ASSERT_TRUE(h.click_and_wait("Settings##menu"));
    ASSERT_EQ(t.p().screen(), Screen::settings);
    EXPECT_EQ(scroll_of("screen"), 0.f);
    EXPECT_TRUE(shows_the_settled_layout(h));
}

TEST(SettledLayout, TheLoopIdlesOnceTheLayoutHasSettled) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    const int built = h.settle();
    EXPECT_TRUE(h.idle());
    EXPECT_LT(built, ui::FramePacer::max_frames);
    EXPECT_EQ(h.settle(), 0) << "with no event, no frame is drawn";
}
