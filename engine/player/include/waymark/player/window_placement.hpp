// waymark/player/window_placement.hpp: where the player's window opens, and what of it
// is remembered between runs.
//
// The window opens inside the work area of a monitor (the screen less its task bars and
// docks), whatever the screen: on a 1366x768 laptop the whole window, Back and Next
// included, is on screen. The size and position remembered from the last run are used
// again, fitted into the monitor they are on; a position now off every monitor (a second
// screen unplugged) is ignored and the window opens as if new. These are decisions on
// rectangles only, tested without a window; tools/player asks GLFW for the monitors and
// applies the result.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::player {

// A rectangle in the desktop's screen coordinates (pixels on X11).
struct ScreenRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    friend bool operator==(const ScreenRect&, const ScreenRect&) = default;
};

// What the window manager draws around the window's content: title bar and borders.
struct FrameInsets {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
};

struct WindowRequest {
    std::vector<ScreenRect> work_areas;  // one per monitor, the primary first
    FrameInsets frame;
    // Content sizes (without the frame), already multiplied by the monitor's scale.
    int preferred_width = 1280;
    int preferred_height = 860;
    int minimum_width = 760;
    int minimum_height = 540;
    std::optional<ScreenRect> remembered;  // the content rectangle at the end of the last run
};

struct WindowPlacement {
    ScreenRect content;  // where the window's content goes, frame outside it
    // The size limits to give the window manager: never more than the work area holds.
    int minimum_width = 0;
    int minimum_height = 0;
};

// Where the window opens. With no usable work area (no monitor reported), the preferred
// size at the top left of the desktop.
WindowPlacement place_window(const WindowRequest& request);

// The remembered rectangle as one line of text, "x y width height", and back. Anything
// else (a damaged or edited file: words, missing or extra numbers, sizes under 1 or over
// 100000, positions beyond a million pixels) reads as nothing remembered.
std::string format_window_memory(const ScreenRect& content);
std::optional<ScreenRect> parse_window_memory(std::string_view text);

}  // namespace waymark::player
