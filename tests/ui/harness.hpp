// Test support: runs the player's ImGui view with no window and no GPU.
//
// Each frame sets ImGui's input (mouse position and buttons, keys, typed characters) as
// a person would, runs NewFrame/draw/Render with the font atlas built but no renderer,
// and reads back the widgets the view drew (waymark/ui/widgets.hpp) to find them by
// label. Clicks take three frames (hover, press, release), as a real click does.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "waymark/player/player.hpp"
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
    explicit Harness(player::Player& player, ImVec2 display = {1280, 860});
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    void frame();
    void frames(int n);

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
    void press(ImGuiKey key);
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
};

}  // namespace waymark::test
