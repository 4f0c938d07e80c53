// A check on a page is drawn in a card as wide as the text column: its fields, and the
// labels ImGui draws after them, stay inside it.
#include <gtest/gtest.h>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/speech.hpp"

using namespace waymark;
using namespace waymark::player;

TEST(QuestionCard, AReflectionBoxAndItsLabelEndWithinTheTextColumn) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    Speech speech;  // for its "Listen" button, which ends where the column does
    test::Harness h(t.p(), {1280, 860}, &speech);
    // The sample course's second page asks for a reflection (an essay check).
    ASSERT_TRUE(h.click("Next##page")) << h.labels();
    h.frames(2);
    // The box was as wide as the window, its label past the card's edge.
    EXPECT_TRUE(test::ends_within_the_text_column(h, "Your reflection##check-sample-reflection"));
}
