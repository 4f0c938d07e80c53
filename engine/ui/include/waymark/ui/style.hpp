// waymark/ui/style.hpp: fonts, colours and spacing of the player.
//
// The look follows the learner's Settings (waymark/player/settings.hpp): text size,
// theme and the dyslexia-friendly font. Fonts come from Debian's font packages and are
// built once into ImGui's atlas for the sizes in use; changing the text size or font
// rebuilds them between frames.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

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

// How much the padding and gaps of apply_style grow for `settings` at `scale`: with the
// monitor's scale, and half as fast as the text, so that at 200% the words are twice the
// size while a small screen (1366x768) still holds a paragraph of the page, not a line.
float spacing_scale(const player::Settings& settings, float scale);

// The height of the letter x in the font file `path`, as a fraction of the pixel size
// ImGui draws it at; 0 when the file cannot be read as a font. Text sizes are chosen by
// x-height, which is what the eye reads as the size of text.
float x_height_ratio(const std::string& path);

// The pixel size at which the font with x-height ratio `ratio` has the same x-height as
// a font of ratio `reference` drawn at `size`: the dyslexia font at the normal font's
// x-height. `size` itself when either ratio is unknown (0).
float size_for_same_x_height(float size, float reference, float ratio);

// Colours beyond ImGui's own, per theme.
struct Palette {
    ImVec4 text, muted, link, accent, accent_text, success, danger, warning, card, card_border;
    ImVec4 note_bg, note_border, important_bg, important_border, emergency_bg, emergency_border;
    ImVec4 code_bg, selection;
};

const Palette& palette(player::Theme theme);

// The window background of `theme`.
ImVec4 window_background(player::Theme theme);

// WCAG 2.2 contrast ratio of two opaque colours: 1 (same) to 21 (black on white).
float contrast_ratio(ImVec4 a, ImVec4 b);

// Black or white, whichever reads better on `background` (labels of primary buttons).
ImVec4 text_on(ImVec4 background);

// One foreground colour the player draws on one background, and the ratio it must meet
// (WCAG 2.2 AA): 4.5 for text, 3 for input borders, unticked controls and the focus
// indicator.
struct ColourPair {
    std::string what;
    ImVec4 foreground, background;
    float minimum = 4.5f;
};

// Every foreground/background pair `theme` uses.
std::vector<ColourPair> colour_pairs(player::Theme theme);

// Sets ImGui's style (colours, padding, rounding) for `theme` at `scale`.
void apply_style(player::Theme theme, float scale);

}  // namespace waymark::ui
