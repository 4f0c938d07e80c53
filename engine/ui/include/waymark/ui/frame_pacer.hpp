// waymark/ui/frame_pacer.hpp: when the player draws, and which frames the learner sees.
//
// Dear ImGui settles some layouts over more than one frame: a table measures its columns
// on the frame it first appears and uses the widths on the next, a scroll request takes
// effect when the window next begins. The pacer keeps the loop drawing after every event
// until two frames in a row come out the same (nothing left to settle, no scroll
// pending), then lets it idle until the next event. Frames still settling are built but
// not shown, so no frame the learner sees is half laid out; while something animates
// (smooth scrolling) every frame is shown.
//
// Promises: after wake(), at most `max_frames` frames are wanted before the pacer idles
// again, so a layout that never settles cannot keep the CPU busy. The same pacer drives
// the real window (tools/player) and the headless harness (tests/ui).
#pragma once

#include <imgui.h>

#include <cstdint>

namespace waymark::ui {

// A fingerprint of what ImGui would draw this frame: every vertex, index, clip rectangle
// and texture of the draw data, and whether any window still has a scroll to apply.
std::uint64_t frame_signature(const ImDrawData& data);

class FramePacer {
  public:
    static constexpr int max_frames = 30;

    // Something happened (input, a resize, a tick): draw until the layout settles.
    void wake();
    // Whether the loop should build another frame now.
    bool wants_frame() const { return settling_; }
    // Call after ImGui::Render() with the frame's signature; `animating` while the view
    // animates. Returns whether this frame should be presented (drawn and swapped).
    bool drawn(std::uint64_t signature, bool animating);
    // Frames built since the last wake().
    int frames_since_wake() const { return frames_; }

  private:
    bool settling_ = true;
    int frames_ = 0;
    bool have_last_ = false;
    std::uint64_t last_ = 0;
};

}  // namespace waymark::ui
