// Reading aloud without a sound device (issue 16): the message saying so stays inside the
// page's text column, as every other line of the page does.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/speech.hpp"

using namespace waymark;
using namespace waymark::player;

TEST(Listen, TheNoSoundDeviceMessageWrapsInsideTheTextColumn) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    Speech speech;
    test::Harness h(t.p(), {1280, 860}, &speech);
    ASSERT_TRUE(h.click("Listen")) << h.labels();
    for (int waited = 0; speech.reading() && waited < 200; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (speech.reading() || speech.problem().empty()) {
        speech.stop();
        GTEST_SKIP() << "this machine has a sound device: nothing to say about its absence";
    }
    h.frames(2);
    EXPECT_TRUE(test::ends_within_the_text_column(h, "Reading aloud problem##listen"));
}
