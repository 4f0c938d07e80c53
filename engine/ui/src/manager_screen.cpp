#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "manager_parts.hpp"
#include "waymark/report/dates.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_manager_sign_in_screen(DrawContext& ctx) {
    const float w = open_screen(ctx, "Manager area");
    if (!ctx.player.manager_passphrase_set()) {
        // The player never sets the passphrase: whoever clicked first would choose it.
        draw_text(ctx,
                  "No manager passphrase is set on this device. An administrator sets one "
                  "with: waymark manager passphrase",
                  ctx.fonts.body, ctx.colours.text, w);
        note_item("No manager passphrase is set on this device.");
        if (!ctx.player.manager_problem().empty())
            draw_text(ctx, ctx.player.manager_problem(), ctx.fonts.body, ctx.colours.danger, w);
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        if (primary_button("Back##manager"))
            ctx.player.close_manager();
        ImGui::EndGroup();
        if (escape_pressed())
            ctx.player.close_manager();
        return;
    }
    muted(ctx, "Type the manager passphrase to see completion by team and course.");
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Passphrase");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(w);
    const bool enter = password_field("##passphrase", &ctx.player.manager_passphrase());
    note_item("Passphrase");
    const std::string problem = ctx.player.manager_problem();
    if (!problem.empty())
        draw_text(ctx, problem, ctx.fonts.body, ctx.colours.danger, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    // Disabled while the wait after a wrong passphrase runs; the message counts down.
    const bool can_open = ctx.player.can_submit_manager_passphrase();
    if (primary_button("Open the manager area", can_open) || (enter && can_open))
        ctx.player.submit_manager_passphrase();
    ImGui::SameLine();
    if (button("Cancel##manager"))
        ctx.player.close_manager();
    ImGui::EndGroup();
    if (escape_pressed())
        ctx.player.close_manager();
}

void draw_manager_screen(DrawContext& ctx) {
    auto* area = ctx.player.manager_area();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = std::min(avail, 1200 * ctx.scale);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
    ImGui::BeginGroup();
    title(ctx, "Manager area");
    if (!area) {
        draw_text(ctx, ctx.player.manager_problem(), ctx.fonts.body, ctx.colours.danger, w);
    } else {
        muted(ctx, "Who must do what by when, from the training records on this device as of " +
                       report::date_in_words(area->as_of()) +
                       ": the same figures as every report.");
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_manager_list(ctx, *area, w);
        ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
        draw_text(ctx, "By team and course", ctx.fonts.heading, ctx.colours.text, w);
        draw_manager_teams(ctx, *area, w);
        ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
        draw_text(ctx, "Export", ctx.fonts.heading, ctx.colours.text, w);
        draw_manager_exports(ctx, *area, w);
    }
    ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
    if (primary_button("Lock the manager area"))
        ctx.player.close_manager();
    ImGui::EndGroup();
    // Escape closes an open drop-down first; only then does it lock the area.
    if (escape_pressed() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        ctx.player.close_manager();
}

}  // namespace waymark::ui
