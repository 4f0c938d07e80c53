#include <gtest/gtest.h>

#include "waymark/ui/key_queue.hpp"

using namespace waymark::ui;

namespace {

constexpr int tab = 258;
constexpr int enter = 257;

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
