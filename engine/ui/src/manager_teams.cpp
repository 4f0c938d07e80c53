#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "manager_parts.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

using report::Status;

constexpr const char* kColumns[] = {"Team",     "Course",      "Complete",    "Overdue",
                                    "Due soon", "In progress", "Not started", "Optional"};

// "2 of 6 (33%)": who holds a current completion of those who must.
std::string complete_text(const report::Tally& tally) {
    return std::to_string(tally.compliant()) + " of " + std::to_string(tally.total) + " (" +
           std::to_string(int(std::floor(tally.rate() * 100))) + "%)";
}

// Whether every column can show its widest text whole: at large text sizes eight columns
// cannot, and cut numbers would mislead.
bool table_fits(const player::ManagerArea& area, float width) {
    const float padding = 2 * ImGui::GetStyle().CellPadding.x + 2;
    float team = ImGui::CalcTextSize(kColumns[0]).x, course = ImGui::CalcTextSize(kColumns[1]).x;
    for (std::size_t i = 0; i < area.listed_cells(); ++i) {
        team = std::max(team, ImGui::CalcTextSize(area.listed_cell(i).team.c_str()).x);
        course = std::max(course, ImGui::CalcTextSize(area.listed_cell(i).course_title.c_str()).x);
    }
    float needed = team + course + ImGui::CalcTextSize("999 of 999 (100%)").x + 8 * padding;
    for (std::size_t c = 3; c < std::size(kColumns); ++c)
        needed += ImGui::CalcTextSize(kColumns[c]).x;
    return needed <= width;
}

// The same figures as sentences, one per team and course, which wrap at any text size:
// "Housing, Prevent duty training: 2 of 6 complete (33%); 2 overdue, 0 due soon, ...".
void draw_team_sentences(DrawContext& ctx, const player::ManagerArea& area, float width) {
    for (std::size_t i = 0; i < area.listed_cells(); ++i) {
        const auto& c = area.listed_cell(i);
        const std::string line =
            c.team + ", " + c.course_title + ": " + complete_text(c.tally) + " complete; " +
            std::to_string(c.tally.count(Status::overdue)) + " overdue, " +
            std::to_string(c.tally.count(Status::due_soon)) + " due soon, " +
            std::to_string(c.tally.count(Status::in_progress)) + " in progress, " +
            std::to_string(c.tally.count(Status::not_started)) + " not started, " +
            std::to_string(c.tally.optional) + " optional.";
        draw_text(ctx, line, ctx.fonts.body, ctx.colours.text, width);
    }
    note_item("Completion by team and course", false);
}

}  // namespace

void draw_manager_teams(DrawContext& ctx, const player::ManagerArea& area, float width) {
    const std::size_t cells = area.listed_cells();
    if (cells == 0)
        return;
    if (!table_fits(area, width)) {
        draw_team_sentences(ctx, area, width);
        return;
    }
    const float row_h = begin_scrolling_table(ctx, "teams",
                                              {{kColumns[0], 1.6f},
                                               {kColumns[1], 2.4f},
                                               {kColumns[2], 1.3f},
                                               {kColumns[3], 0.9f},
                                               {kColumns[4], 0.9f},
                                               {kColumns[5], 1.0f},
                                               {kColumns[6], 1.0f},
                                               {kColumns[7], 0.9f}},
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
            cell(c.team);
            ImGui::TableNextColumn();
            cell(c.course_title);
            ImGui::TableNextColumn();
            ImGui::TextColored(
                c.tally.compliant() == c.tally.total ? ctx.colours.success : ctx.colours.text, "%s",
                complete_text(c.tally).c_str());
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
