#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "manager_parts.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_manager_teams(DrawContext& ctx, const player::ManagerArea& area, float width) {
    const std::size_t cells = area.listed_cells();
    if (cells == 0)
        return;
    using report::Status;
    const float row_h = begin_scrolling_table(ctx, "teams",
                                              {{"Team", 1.6f},
                                               {"Course", 2.4f},
                                               {"Complete", 1.3f},
                                               {"Overdue", 0.9f},
                                               {"Due soon", 0.9f},
                                               {"In progress", 1.0f},
                                               {"Not started", 1.0f},
                                               {"Optional", 0.9f}},
                                              cells, 10, width);
    if (row_h == 0)
        return;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(cells), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& c = area.listed_cell(static_cast<std::size_t>(i));
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.team.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.course_title.c_str());
            ImGui::TableNextColumn();
            const auto done = c.tally.compliant();
            const std::string complete =
                std::to_string(done) + " of " + std::to_string(c.tally.total) + " (" +
                std::to_string(int(std::floor(c.tally.rate() * 100))) + "%)";
            ImGui::TextColored(done == c.tally.total ? ctx.colours.success : ctx.colours.text, "%s",
                               complete.c_str());
            for (Status s :
                 {Status::overdue, Status::due_soon, Status::in_progress, Status::not_started}) {
                ImGui::TableNextColumn();
                const auto n = c.tally.count(s);
                const ImVec4 colour = n > 0 && s != Status::in_progress && s != Status::not_started
                                          ? status_colour(ctx, s)
                                          : ctx.colours.text;
                ImGui::TextColored(colour, "%lld", static_cast<long long>(n));
            }
            ImGui::TableNextColumn();
            ImGui::TextColored(ctx.colours.muted, "%lld", static_cast<long long>(c.tally.optional));
        }
    }
    ImGui::EndTable();
    note_item("Completion by team and course", false);
}

}  // namespace waymark::ui
