#include <imgui.h>

#include <string>

#include "manager_parts.hpp"
#include "waymark/player/score_text.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_manager_exports(DrawContext& ctx, player::ManagerArea& area, float width) {
    auto& p = ctx.player;
    const auto filter = area.export_filter();
    const auto rows = area.matrix().count_rows(filter);
    muted(ctx,
          "The same signed reports as 'waymark report' and certificates as 'waymark "
          "certificate', for the team, course and status chosen above (" +
              player::counted(long(rows), "row") + "; the search narrows the list only).");
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Save exports in this folder");
    ImGui::PopFont();
    const bool running = p.exporting();
    ImGui::SetNextItemWidth(width);
    ImGui::BeginDisabled(running);
    input_text("##export-folder", &p.export_folder());
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    // The reports on one line, the two kinds of certificates on the next.
    for (auto kind : player::kExportKinds) {
        if (kind != player::kExportKinds[0] && kind != player::ExportKind::certificates)
            ImGui::SameLine();
        const std::string text = std::string("Export ") + player::export_label(kind);
        if (button(text.c_str(), !running && rows > 0))
            p.start_export(kind);
    }
    const auto* current = p.current_export();
    if (!current)
        return;
    ImGui::Dummy(ImVec2(1, 6 * ctx.scale));
    if (running) {
        // Keep drawing while the worker runs: its progress is not an input event.
        ctx.memory->animating = true;
        const auto total = current->total();
        const float fraction = total > 0 ? float(current->done()) / float(total) : 0.f;
        ImGui::ProgressBar(fraction, ImVec2(width, 0), "");
        draw_text(ctx, p.export_message(), ctx.fonts.body, ctx.colours.text, width);
        if (button("Cancel export", !current->cancelling()))
            p.cancel_export();
        return;
    }
    const auto outcome = current->outcome();
    draw_text(ctx, p.export_message(), ctx.fonts.body,
              outcome.error ? ctx.colours.danger : ctx.colours.text, width);
    note_item("Export message", false);
}

}  // namespace waymark::ui
