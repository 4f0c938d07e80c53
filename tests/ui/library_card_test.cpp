// A course card in the library: every line of it wraps inside the card.
#include <gtest/gtest.h>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/journal.hpp"

using namespace waymark;
using namespace waymark::player;

TEST(LibraryCard, ThePreviewOnlyWarningWrapsInsideTheCardAtTwiceTheTextSize) {
    MemoryJournal journal;
    test::Journey t(journal, {test::sample_folder()});  // a course folder is never trusted
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    const ImVec2 display{1280, 720};
    test::Harness h(t.p(), display);
    h.frames(2);
    ASSERT_EQ(t.p().screen(), Screen::library);
    const ui::WidgetRecord* warning = h.find("Preview only##card");
    const ui::WidgetRecord* start = h.find("Start");
    ASSERT_NE(warning, nullptr) << h.labels();
    ASSERT_NE(start, nullptr) << h.labels();
    // On one line it ran past the card and the window, "do not count" cut off.
    EXPECT_LE(warning->max.x, display.x);
    EXPECT_GT(warning->max.y - warning->min.y, start->max.y - start->min.y)
        << "one line: the warning did not wrap";
}
