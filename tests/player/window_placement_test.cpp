#include <gtest/gtest.h>

#include "waymark/player/window_placement.hpp"

using namespace waymark::player;

namespace {

// A 1366x768 laptop with a 32-pixel panel at the top; the window manager adds a
// 30-pixel title bar and 1-pixel borders.
WindowRequest laptop() {
    WindowRequest r;
    r.work_areas = {{0, 32, 1366, 736}};
    r.frame = {1, 30, 1, 1};
    return r;
}

// The whole window, frame included, lies inside `area`.
::testing::AssertionResult inside(const WindowPlacement& p, const FrameInsets& f,
                                  const ScreenRect& area) {
    const int left = p.content.x - f.left;
    const int top = p.content.y - f.top;
    const int right = p.content.x + p.content.width + f.right;
    const int bottom = p.content.y + p.content.height + f.bottom;
    if (left >= area.x && top >= area.y && right <= area.x + area.width &&
        bottom <= area.y + area.height)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "window " << left << "," << top << " to " << right
                                         << "," << bottom << " is not inside " << area.x << ","
                                         << area.y << " " << area.width << "x" << area.height;
}

}  // namespace

TEST(WindowPlacement, ANewWindowOnALaptopFitsItsWorkAreaFrameIncluded) {
    const auto r = laptop();
    const auto p = place_window(r);
    EXPECT_TRUE(inside(p, r.frame, r.work_areas[0]));
    EXPECT_EQ(p.content.width, 1280);
    EXPECT_EQ(p.content.height, 736 - 30 - 1);
}

TEST(WindowPlacement, ANewWindowOnALargeScreenHasThePreferredSizeInTheMiddle) {
    WindowRequest r;
    r.work_areas = {{0, 0, 1920, 1080}};
    const auto p = place_window(r);
    EXPECT_EQ(p.content, (ScreenRect{320, 110, 1280, 860}));
}

TEST(WindowPlacement, ANewWindowOpensOnThePrimaryMonitor) {
    WindowRequest r;
    r.work_areas = {{1920, 0, 1920, 1080}, {0, 0, 1920, 1080}};
    const auto p = place_window(r);
    EXPECT_TRUE(inside(p, r.frame, r.work_areas[0]));
}

TEST(WindowPlacement, ARememberedWindowThatFitsOpensWhereItWas) {
    auto r = laptop();
    r.remembered = ScreenRect{40, 80, 900, 600};
    EXPECT_EQ(place_window(r).content, (ScreenRect{40, 80, 900, 600}));
}

TEST(WindowPlacement, ARememberedWindowOnTheSecondMonitorStaysThere) {
    WindowRequest r;
    r.work_areas = {{0, 0, 1920, 1080}, {1920, 0, 1366, 768}};
    r.remembered = ScreenRect{2000, 50, 1000, 600};
    EXPECT_EQ(place_window(r).content, (ScreenRect{2000, 50, 1000, 600}));
}

TEST(WindowPlacement, ARememberedPositionOffEveryMonitorIsIgnored) {
    // The window was on a second monitor that has since been unplugged.
    WindowRequest r;
    r.work_areas = {{0, 0, 1920, 1080}};
    r.remembered = ScreenRect{2500, 100, 900, 600};
    WindowRequest fresh;
    fresh.work_areas = r.work_areas;
    EXPECT_EQ(place_window(r).content, place_window(fresh).content);
}

TEST(WindowPlacement, ARememberedWindowLargerThanItsMonitorIsShrunkToFit) {
    // Remembered on a large monitor, opened on the laptop alone.
    auto r = laptop();
    r.remembered = ScreenRect{0, 0, 1800, 1000};
    const auto p = place_window(r);
    EXPECT_TRUE(inside(p, r.frame, r.work_areas[0]));
    EXPECT_EQ(p.content.width, 1366 - 2);
    EXPECT_EQ(p.content.height, 736 - 31);
}

TEST(WindowPlacement, ARememberedWindowPartlyOffItsMonitorIsMovedOntoIt) {
    auto r = laptop();
    r.remembered = ScreenRect{900, 500, 800, 600};
    const auto p = place_window(r);
    EXPECT_TRUE(inside(p, r.frame, r.work_areas[0]));
    EXPECT_EQ(p.content.width, 800);
    EXPECT_EQ(p.content.height, 600);
}

TEST(WindowPlacement, TheMinimumSizeNeverExceedsTheWorkArea) {
    WindowRequest r;
    r.work_areas = {{0, 0, 800, 500}};
    r.frame = {0, 20, 0, 0};
    const auto p = place_window(r);
    EXPECT_EQ(p.minimum_width, 760);
    EXPECT_EQ(p.minimum_height, 480);
    EXPECT_TRUE(inside(p, r.frame, r.work_areas[0]));
}

TEST(WindowPlacement, WithNoMonitorReportedTheWindowGetsThePreferredSize) {
    WindowRequest r;
    r.work_areas = {{0, 0, 0, 0}};
    const auto p = place_window(r);
    EXPECT_EQ(p.content.width, 1280);
    EXPECT_EQ(p.content.height, 860);
}

TEST(WindowMemory, ReadsBackWhatItWrote) {
    const ScreenRect rect{-10, 45, 1024, 700};
    EXPECT_EQ(parse_window_memory(format_window_memory(rect)), rect);
}

TEST(WindowMemory, ADamagedFileReadsAsNothingRemembered) {
    EXPECT_FALSE(parse_window_memory(""));
    EXPECT_FALSE(parse_window_memory("left top wide high"));
    EXPECT_FALSE(parse_window_memory("10 20 300"));
    EXPECT_FALSE(parse_window_memory("10 20 300 400 500"));
    EXPECT_FALSE(parse_window_memory("10 20 300 400x"));
    EXPECT_FALSE(parse_window_memory("10.5 20 300 400"));
}

TEST(WindowMemory, AnEditedFileWithImpossibleSizesReadsAsNothingRemembered) {
    EXPECT_FALSE(parse_window_memory("10 20 0 400"));
    EXPECT_FALSE(parse_window_memory("10 20 -300 400"));
    EXPECT_FALSE(parse_window_memory("10 20 300 100001"));
    EXPECT_FALSE(parse_window_memory("99999999999999999999 20 300 400"));
    EXPECT_FALSE(parse_window_memory("2000000 20 300 400"));
}
