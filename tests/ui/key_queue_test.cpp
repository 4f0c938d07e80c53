#include <gtest/gtest.h>

#include "waymark/ui/key_queue.hpp"

using namespace waymark::ui;

namespace {

constexpr int tab = 258;
constexpr int enter = 257;
constexpr int shift = 340;

}  // namespace

TEST(KeyQueue, AKeyTappedBetweenTwoFramesIsDownForOneFrame) {
    KeyQueue q;
    q.push({tab, 0, true, 0});
    q.push({tab, 0, false, 0});
    const auto first = q.take_frame();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_TRUE(first[0].press);
    const auto second = q.take_frame();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_FALSE(second[0].press);
    EXPECT_TRUE(q.empty());
}

TEST(KeyQueue, TwoFastTapsOfDifferentKeysAreEachSeen) {
    KeyQueue q;
    for (int key : {tab, enter}) {
        q.push({key, 0, true, 0});
        q.push({key, 0, false, 0});
    }
    int presses = 0;
    for (int frame = 0; frame < 10 && !q.empty(); ++frame)
        for (const auto& e : q.take_frame())
            presses += e.press ? 1 : 0;
    EXPECT_EQ(presses, 2);
    EXPECT_TRUE(q.empty());
}

TEST(KeyQueue, AReleaseOfAKeyPressedEarlierGoesAtOnce) {
    KeyQueue q;
    q.push({tab, 0, true, 0});
    ASSERT_EQ(q.take_frame().size(), 1u);
    q.push({tab, 0, false, 0});
    q.push({enter, 0, true, 0});
    EXPECT_EQ(q.take_frame().size(), 2u);
}

TEST(KeyQueue, ShiftLetGoRightAfterTabIsStillDownWhenTabIsSeen) {
    // xdotool's "shift+Tab" lets Shift go before Tab; the events can arrive split between
    // two polls of the window, Shift alone first.
    KeyQueue q;
    q.push({shift, 0, true, 0});
    ASSERT_EQ(q.take_frame().size(), 1u);
    q.push({tab, 0, true, 0});
    q.push({shift, 0, false, 0});
    q.push({tab, 0, false, 0});
    const auto frame = q.take_frame();
    ASSERT_EQ(frame.size(), 1u);
    EXPECT_EQ(frame[0].key, tab);
    EXPECT_TRUE(frame[0].press);
}

TEST(KeyQueue, TwoKeysPressedTogetherAreSeenInTurn) {
    KeyQueue q;
    q.push({tab, 0, true, 0});
    q.push({enter, 0, true, 0});
    const auto first = q.take_frame();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].key, tab);
    const auto second = q.take_frame();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].key, enter);
}
