#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
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
    const bool enter =
        ImGui::InputText("##passphrase", &ctx.player.manager_passphrase(),
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
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
    const auto* board = ctx.player.dashboard();
    if (!board)
        return;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = std::min(avail, 1000 * ctx.scale);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
    ImGui::BeginGroup();
    title(ctx, "Completion by team and course");
    muted(ctx, "Counts of learners on this device. Exports come with the reports.");
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    if (board->rows.empty())
        draw_text(ctx, "Nobody has been added on this device yet.", ctx.fonts.body,
                  ctx.colours.text, w);
    else if (ImGui::BeginTable("dashboard", 6,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                   ImGuiTableFlags_SizingStretchProp,
                               ImVec2(w, 0))) {
        for (const char* h :
             {"Team", "Course", "Completed", "In progress", "Not started", "Overdue"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& r : board->rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.team.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.course_title.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(r.completed == r.learners ? ctx.colours.success : ctx.colours.text,
                               "%d of %d", r.completed, r.learners);
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.in_progress);
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.not_started);
            ImGui::TableNextColumn();
            if (r.overdue > 0)
                ImGui::TextColored(ctx.colours.danger, "%d", r.overdue);
            else
                ImGui::TextUnformatted("0");
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
    draw_text(ctx, "Overdue", ctx.fonts.heading, ctx.colours.text, w);
    if (board->overdue.empty())
        draw_text(ctx, "\xE2\x9C\x93 Nobody is overdue.", ctx.fonts.body, ctx.colours.success, w);
    for (const auto& o : board->overdue)
        draw_text(ctx,
                  o.name + " (" + o.team + "): " + o.course_title + ", overdue by " +
                      std::to_string(o.days) + (o.days == 1 ? " day" : " days"),
                  ctx.fonts.body, ctx.colours.text, w);
    note_item("Overdue list");
    ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
    if (primary_button("Lock the manager area"))
        ctx.player.close_manager();
    ImGui::EndGroup();
    if (escape_pressed())
        ctx.player.close_manager();
}

}  // namespace waymark::ui
