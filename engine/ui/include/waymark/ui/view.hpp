// waymark/ui/view.hpp: draws the player's state with ImGui, one frame at a time.
//
// PlayerView reads waymark::player::Player and turns clicks into its actions; it holds
// no decisions of its own beyond layout (where a link leads and where a module's sources
// appear are player::CourseReader's). Each screen is drawn by its own file in src/. Every
// new screen, page and question opens at its top on the first frame it is drawn. The
// same view runs in the real window (tools/player, paced by frame_pacer.hpp) and in the
// headless test harness, which gives it a fake image loader and records the links it
// would open.
#pragma once

#include <imgui.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "waymark/player/player.hpp"
#include "waymark/player/speech.hpp"
#include "waymark/ui/style.hpp"

namespace waymark::ui {

struct Texture {
    ImTextureID id = nullptr;
    int width = 0;
    int height = 0;
};

// Turns image bytes into something ImGui can draw. The GL one uploads a texture; the
// headless one only reads the size.
class ImageLoader {
  public:
    virtual ~ImageLoader() = default;
    // A texture for the image `bytes`; width 0 when the bytes are not a PNG or JPEG.
    virtual Texture load(const std::string& bytes) = 0;
    virtual void release(const Texture& texture) = 0;
};

struct ViewHooks {
    std::function<void(const std::string& url)> open_url;    // http(s) and mailto links
    std::function<void(const std::string& path)> open_file;  // a certificate the player saved
    std::function<void()> quit;                              // "Close the player"
    // The voice for "Listen"; without one (the headless tests) no Listen button is shown.
    player::Speech* speech = nullptr;
};

class PlayerView {
  public:
    PlayerView(player::Player& player, ImageLoader& images, ViewHooks hooks);
    ~PlayerView();
    PlayerView(const PlayerView&) = delete;
    PlayerView& operator=(const PlayerView&) = delete;

    // Draws the whole window. Call between ImGui::NewFrame() and ImGui::Render().
    void draw();

    // The fonts to draw with; set after each build_fonts().
    void set_fonts(const Fonts& fonts) { fonts_ = fonts; }
    // True when the settings changed in a way that needs the fonts rebuilt.
    bool fonts_outdated() const;
    // Called after the fonts were rebuilt for the current settings.
    void fonts_rebuilt();
    // The last link the learner opened, shown with its URL.
    const std::string& last_link() const { return last_link_; }
    // Author preview: a panel of the course's diagnostics under the page.
    void show_diagnostics(bool on) { show_diagnostics_ = on; }
    // Frames in which something animates (smooth scrolling): keep drawing.
    bool animating() const { return animating_; }

  private:
    struct Impl;
    friend struct Impl;
    player::Player& player_;
    ImageLoader& images_;
    ViewHooks hooks_;
    Fonts fonts_;
    player::Settings built_for_;
    std::string last_link_;
    bool show_diagnostics_ = false;
    bool animating_ = false;
    std::map<std::string, Texture> textures_;  // by course path + image path
    std::unique_ptr<Impl> impl_;
};

}  // namespace waymark::ui
