#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_settings_screen(DrawContext& ctx) {
    const float w = open_screen(ctx, "Settings",
                                ctx.player.settings_are_remembered()
                                    ? "These are remembered for you on this device."
                                    : "These last until the player is closed: this run "
                                      "records nothing.");
    player::Settings s = ctx.player.settings();
    draw_text(ctx, "Text size", ctx.fonts.subheading, ctx.colours.text, w);
    if (button("Smaller text", s.text_size_percent > player::min_text_size))
        s.text_size_percent = player::smaller_text(s.text_size_percent);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d%%", s.text_size_percent);
    ImGui::SameLine();
    if (button("Larger text", s.text_size_percent < player::max_text_size))
        s.text_size_percent = player::larger_text(s.text_size_percent);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    draw_text(ctx, "Colours", ctx.fonts.subheading, ctx.colours.text, w);
    for (auto theme : {player::Theme::light, player::Theme::dark, player::Theme::high_contrast}) {
        if (radio(player::to_string(theme), s.theme == theme))
            s.theme = theme;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    draw_text(ctx, "Reading", ctx.fonts.subheading, ctx.colours.text, w);
    checkbox("Use a font designed for dyslexia (OpenDyslexic)", &s.dyslexia_font);
    checkbox("Reduce motion", &s.reduced_motion);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    draw_text(ctx, "Reading aloud (the Listen button)", ctx.fonts.subheading, ctx.colours.text, w);
    if (button("Slower", s.reading_speed > player::min_reading_speed))
        s.reading_speed = player::slower_reading(s.reading_speed);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d words a minute", s.reading_speed);
    ImGui::SameLine();
    if (button("Faster", s.reading_speed < player::max_reading_speed))
        s.reading_speed = player::faster_reading(s.reading_speed);
    ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
    draw_text(ctx,
              "Keyboard: Tab and Shift+Tab move between controls, Space or Enter presses one, "
              "the arrow keys move within a group of options. On a page, PageUp, PageDown, Home "
              "and End scroll, the left and right arrow keys turn the page, and \"Skip to page\" "
              "jumps past the contents. Esc closes a dialog.",
              ctx.fonts.small, ctx.colours.muted, w);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    if (primary_button("Done"))
        ctx.player.close_settings();
    ImGui::EndGroup();
    ctx.player.change_settings(s);
    if (escape_pressed())
        ctx.player.close_settings();
}

}  // namespace waymark::ui
