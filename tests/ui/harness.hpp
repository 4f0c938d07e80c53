// Test support: runs the player's ImGui view with no window and no GPU.
//
// Each frame sets ImGui's input (mouse position and buttons, keys, typed characters) as
// a person would, runs NewFrame/draw/Render with the font atlas built but no renderer,
// and reads back the widgets the view drew (waymark/ui/widgets.hpp) to find them by
// label. Clicks take three frames (hover, press, release), as a real click does.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "waymark/player/player.hpp"
#include "waymark/ui/frame_pacer.hpp"
#include "waymark/ui/view.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::test {

// Reads only the size of images: nothing is uploaded anywhere.
class SizeOnlyImages : public ui::ImageLoader {
  public:
    ui::Texture load(const std::string& bytes) override;
    void release(const ui::Texture&) override {}
};

class Harness {
  public:
    // With `speech`, the view has a voice for its Listen buttons, as in the real window.
    explicit Harness(player::Player& player, ImVec2 display = {1280, 860},
                     player::Speech* speech = nullptr);
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    // Builds one frame and returns its signature (waymark/ui/frame_pacer.hpp).
    std::uint64_t frame();
    void frames(int n);

    // The real loop's way of drawing: after an event, frames until the pacer idles.
    // Returns the number of frames built.
    int settle();
    // Whether the pacer is idle (the loop would wait for the next event).
    bool idle() const { return !pacer_.wants_frame(); }
    // The signature of the last frame the pacer presented: what the learner sees.
    std::uint64_t shown() const { return shown_; }
    // Clicks as xdotool does on the real window: the pointer moves onto the widget (one
    // event), then press and release arrive together (one event); only the pacer's frames
    // follow, with no further input. False when the widget is missing or disabled.
    bool click_and_wait(const std::string& label);
    // The same click at a point of the window, on whatever is there (or nothing).
    void click_at(ImVec2 where);

    // The widget drawn in the last frame whose label (or full id) is `label`; null if none.
    const ui::WidgetRecord* find(const std::string& label) const;
    bool has(const std::string& label) const { return find(label) != nullptr; }
    // Whether any widget drawn in the last frame has `part` in its label.
    bool has_containing(const std::string& part) const;
    // Every label drawn in the last frame (for messages when a find fails).
    std::string labels() const;

    // Scrolls the widget into view if needed and clicks it. False when it is missing or
    // disabled.
    bool click(const std::string& label);
    // Clicks a text field and types into it.
    bool type_into(const std::string& label, const std::string& text);
    void press(ImGuiKey key, bool shift = false);
    // Types text into whatever has the keyboard focus.
    void type(const std::string& text);
    // Presses Tab (Shift+Tab when `backwards`) until the widget `label` has the keyboard
    // focus; false after `limit` presses.
    bool tab_to(const std::string& label, bool backwards = false, int limit = 200);
    // The label of the widget with the keyboard focus, or "".
    std::string focused() const;
    // Turns the mouse wheel by `notches` (negative: towards the learner, scrolling down)
    // with the pointer at `where`, for one frame.
    void wheel(float notches, ImVec2 where);

    std::vector<std::string> links_opened;
    std::vector<std::string> files_opened;
    bool quit_requested = false;
    ui::PlayerView& view() { return *view_; }

  private:
    const ui::WidgetRecord* reveal(const std::string& label);

    player::Player& player_;
    ImGuiContext* context_;
    SizeOnlyImages images_;
    std::unique_ptr<ui::PlayerView> view_;
    ImVec2 display_;
    ui::FramePacer pacer_;
    std::uint64_t shown_ = 0;
};

// Whether the widget `label` (with what ImGui draws beside it) ends within the page's text
// column, whose right edge is where the "Listen" button ends: make the Harness with a voice.
::testing::AssertionResult ends_within_the_text_column(const Harness& h, const std::string& label);

}  // namespace waymark::test
