// waymark/ui/style.hpp: fonts, colours and spacing of the player.
//
// The look follows the learner's Settings (waymark/player/settings.hpp): text size,
// theme and the dyslexia-friendly font. Fonts come from Debian's font packages and are
// built once into ImGui's atlas for the sizes in use; changing the text size or font
// rebuilds them between frames.
#pragma once

#include <imgui.h>

#include <string>

#include "waymark/player/settings.hpp"

namespace waymark::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr;
    ImFont* mono = nullptr;
    ImFont* small = nullptr;
    ImFont* title = nullptr;    // page titles
    ImFont* heading = nullptr;  // level-2 headings, course titles in the library
    ImFont* subheading = nullptr;
};

// Clears `atlas` and adds every font for `settings` at `scale` (the monitor's content
// scale), with UK English, the player's own symbols and every character in
// `extra_characters` (UTF-8: what the courses use, see player::characters_used). Missing
// font files fall back to ImGui's built-in font, so the player always starts; `problem`
// then says which file was missing.
Fonts build_fonts(ImFontAtlas& atlas, const player::Settings& settings, float scale,
                  std::string* problem = nullptr, const std::string& extra_characters = {});

// The body text size in pixels for `settings` at `scale`.
float body_size(const player::Settings& settings, float scale);

// Colours beyond ImGui's own, per theme.
struct Palette {
    ImVec4 text, muted, link, accent, accent_text, success, danger, warning, card, card_border;
    ImVec4 note_bg, note_border, important_bg, important_border, emergency_bg, emergency_border;
    ImVec4 code_bg, selection;
};

const Palette& palette(player::Theme theme);

// Sets ImGui's style (colours, padding, rounding) for `theme` at `scale`.
void apply_style(player::Theme theme, float scale);

}  // namespace waymark::ui
