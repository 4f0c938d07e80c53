#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_stopped_screen(DrawContext& ctx) {
    const float w = open_screen(ctx, "Your progress could not be saved");
    draw_panel(
        ctx, ctx.colours.emergency_bg, ctx.colours.emergency_border, w,
        [&](float iw) {
            draw_text(ctx, ctx.player.stop_message(), ctx.fonts.body, ctx.colours.text, iw);
        },
        true);
    if (primary_button("Close the player") && ctx.hooks->quit)
        ctx.hooks->quit();
    ImGui::EndGroup();
}

}  // namespace waymark::ui
