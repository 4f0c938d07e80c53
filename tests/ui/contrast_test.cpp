// Every theme meets WCAG 2.2 AA contrast (issue 16): text 4.5:1; input borders, unticked
// controls and the focus indicator 3:1.
#include <gtest/gtest.h>

#include "waymark/ui/style.hpp"

using namespace waymark;

namespace {

::testing::AssertionResult every_pair_meets_its_ratio(player::Theme theme) {
    std::string failures;
    for (const auto& pair : ui::colour_pairs(theme)) {
        const float ratio = ui::contrast_ratio(pair.foreground, pair.background);
        if (ratio < pair.minimum)
            failures += "\n  " + pair.what + ": " + std::to_string(ratio) + ":1, needs " +
                        std::to_string(pair.minimum) + ":1";
    }
    if (failures.empty())
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << player::to_string(theme) << " theme:" << failures;
}

}  // namespace

TEST(Contrast, BlackOnWhiteIsTwentyOneToOne) {
    EXPECT_NEAR(ui::contrast_ratio({0, 0, 0, 1}, {1, 1, 1, 1}), 21.f, 0.01f);
}

TEST(Contrast, TheLightThemeMeetsWcagAA) {
    EXPECT_TRUE(every_pair_meets_its_ratio(player::Theme::light));
}

TEST(Contrast, TheDarkThemeMeetsWcagAA) {
    EXPECT_TRUE(every_pair_meets_its_ratio(player::Theme::dark));
}

TEST(Contrast, TheHighContrastThemeMeetsWcagAA) {
    EXPECT_TRUE(every_pair_meets_its_ratio(player::Theme::high_contrast));
}
