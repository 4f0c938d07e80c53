#include <gtest/gtest.h>

#include "waymark/player/settings.hpp"

using namespace waymark::player;

TEST(TextSize, IsKeptBetween75And200Percent) {
    EXPECT_EQ(clamp_text_size(10), 75);
    EXPECT_EQ(clamp_text_size(500), 200);
}

TEST(TextSize, SnapsToTheNearestStepOf25) {
    EXPECT_EQ(clamp_text_size(110), 100);
    EXPECT_EQ(clamp_text_size(115), 125);
}

TEST(TextSize, LargerStopsAt200AndSmallerAt75) {
    EXPECT_EQ(larger_text(175), 200);
    EXPECT_EQ(larger_text(200), 200);
    EXPECT_EQ(smaller_text(100), 75);
    EXPECT_EQ(smaller_text(75), 75);
}

TEST(Theme, HasNamesForTheSettingsScreen) {
    EXPECT_STREQ(to_string(Theme::high_contrast), "High contrast");
}
