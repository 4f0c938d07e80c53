// Room for the page at large text (issue 16; WCAG 2.2 1.4.4, 1.4.10): on the small screens
// staff use, the top bar, the page's title and the footer leave the page's own text most
// of the window, so a learner at 200% reads a paragraph, not a line, between scrolls.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/journal.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

// Lines of body text that fit between the page's title and the bottom of the part of
// the page the learner can see.
float body_lines_visible(const test::Harness& h, const std::string& title, float body_size) {
    const ui::WidgetRecord* heading = h.find(title + "##heading");
    if (!heading)
        return -1;
    const auto* page = static_cast<const ImGuiWindow*>(heading->window);
    return (page->InnerClipRect.Max.y - heading->max.y) / (body_size * 1.5f);
}

// A page whose title takes two lines at large text, the worst case for the room left.
void open_long_titled_page(Player& p) {
    const auto& modules = p.reader()->course().modules;
    for (std::size_t m = 0; m < modules.size(); ++m)
        for (std::size_t pg = 0; pg < modules[m].pages.size(); ++pg)
            if (modules[m].pages[pg].title == "Who the Prevent duty applies to")
                p.go_to_page({m, pg});
}

struct SmallScreen {
    ImVec2 size;
    int text_size;
    float at_least;  // lines of page text
};

class PageRoom : public ::testing::TestWithParam<SmallScreen> {};

}  // namespace

TEST_P(PageRoom, TheLongTitledPageLeavesRoomForItsText) {
    const SmallScreen s = GetParam();
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().change_settings({s.text_size, Theme::light, false, true});
    t.p().open_course(0);
    open_long_titled_page(t.p());
    ASSERT_EQ(t.p().reader()->page().title, "Who the Prevent duty applies to");
    test::Harness h(t.p(), s.size);
    h.frames(3);
    const float lines =
        body_lines_visible(h, t.p().reader()->page().title, ui::body_size(t.p().settings(), 1));
    std::printf("%.0fx%.0f at %d%%: %.1f lines of page text visible\n", s.size.x, s.size.y,
                s.text_size, lines);
    EXPECT_GE(lines, s.at_least);
}

INSTANTIATE_TEST_SUITE_P(
    SmallScreens, PageRoom,
    ::testing::Values(SmallScreen{{1280, 720}, 100, 14}, SmallScreen{{1280, 720}, 150, 8},
                      SmallScreen{{1280, 720}, 200, 3.5f}, SmallScreen{{1366, 768}, 100, 14},
                      SmallScreen{{1366, 768}, 150, 8}, SmallScreen{{1366, 768}, 200, 3.5f}));

// Author preview shows the course's problems in a strip under the page. With none to show
// it says so in one line: a strip of fixed height left a trainer at 200% on a laptop one
// line of the page.
TEST(PageRoomInAuthorPreview, TheStripSayingNoProblemsLeavesTheLongTitledPageRoomForItsText) {
    MemoryJournal journal;
    test::Journey t(journal, {test::prevent_course()});
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.p().open_course(0);
    open_long_titled_page(t.p());
    test::Harness h(t.p(), {1366, 768});
    h.view().show_diagnostics(true);
    h.frames(3);
    ASSERT_TRUE(h.has_containing("No problems found")) << h.labels();
    const float lines =
        body_lines_visible(h, t.p().reader()->page().title, ui::body_size(t.p().settings(), 1));
    std::printf("1366x768 at 200%% in author preview: %.1f lines of page text visible\n", lines);
    EXPECT_GE(lines, 3.f);
}
