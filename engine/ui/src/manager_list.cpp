#include <imgui.h>

#include <algorithm>
#include <string>

#include "manager_parts.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

using report::Status;

// The statuses in the order a manager acts on them.
constexpr Status kTileOrder[] = {Status::overdue,     Status::due_soon,    Status::completed,
                                 Status::in_progress, Status::not_started, Status::untrusted};

void label(const DrawContext& ctx, const char* text) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

// A tile per status ("Overdue: 3"); choosing the chosen one again lists everyone.
void draw_status_tiles(DrawContext& ctx, player::ManagerArea& area, float width) {
    const auto& tally = area.tally();
    const auto chosen = area.filter().status;
    const float right = ImGui::GetCursorPosX() + width;
    const bool optional_chosen = area.filter().required == false;
    const std::string all =
        "Everyone: " + std::to_string(tally.total + tally.optional) + "##status";
    if (radio(all.c_str(), !chosen && !optional_chosen))
        area.set_status(std::nullopt);
    for (Status s : kTileOrder) {
        // Untrusted completions are rare: the tile appears only when there are some.
        if (s == Status::untrusted && tally.count(s) == 0 && chosen != s)
            continue;
        const std::string text = std::string(player::status_label(s)) + ": " +
                                 std::to_string(tally.count(s)) + "##status";
        const float w = ImGui::CalcTextSize(text.c_str(), nullptr, true).x +
                        ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
        ImGui::SameLine(0, 18 * ctx.scale);
        if (ImGui::GetCursorPosX() + w > right)
            ImGui::NewLine();
        ImGui::PushStyleColor(ImGuiCol_Text, tally.count(s) > 0 && s != Status::not_started
                                                 ? status_colour(ctx, s)
                                                 : ctx.colours.text);
        if (radio(text.c_str(), chosen == s))
            area.set_status(chosen == s ? std::nullopt : std::optional<Status>(s));
        ImGui::PopStyleColor();
    }
    // Courses a learner may take but need not: listed apart, never in the counts above.
    if (tally.optional > 0 || optional_chosen) {
        const std::string text = "Optional: " + std::to_string(tally.optional) + "##status";
        ImGui::SameLine(0, 18 * ctx.scale);
        if (radio(text.c_str(), optional_chosen))
            area.show_optional();
    }
}

// A drop-down of `choices` with "All" first; returns the choice made this frame, if any.
std::optional<std::string> choose(const char* id, const std::string& current,
                                  const std::string& shown, const std::string& all,
                                  const std::vector<std::pair<std::string, std::string>>& choices,
                                  float width) {
    std::optional<std::string> made;
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo(id, shown.c_str());
    note_item(id);
    if (open) {
        if (selectable((all + id).c_str(), current.empty()))
            made = std::string();
        for (const auto& [value, text] : choices)
            if (selectable((text + id + "-" + value).c_str(), value == current))
                made = value;
        ImGui::EndCombo();
    }
    return made;
}

void draw_filters(DrawContext& ctx, player::ManagerArea& area, float width) {
    const float gap = 12 * ctx.scale;
    const float field = (width - 3 * gap) / 4;
    const float x = ImGui::GetCursorPosX();
    const float y = ImGui::GetCursorPosY();

    label(ctx, "Search by name or staff ID");
    ImGui::SetNextItemWidth(field);
    if (input_text("##search", &area.search()))
        area.relist();

    ImGui::SetCursorPos(ImVec2(x + field + gap, y));
    ImGui::BeginGroup();
    label(ctx, "Team");
    std::vector<std::pair<std::string, std::string>> teams;
    for (const auto& t : area.teams())
        teams.emplace_back(t, t);
    const std::string team = area.filter().team;
    if (auto t =
            choose("##team", team, team.empty() ? "All teams" : team, "All teams", teams, field))
        area.set_team(*t);
    ImGui::EndGroup();

    ImGui::SetCursorPos(ImVec2(x + 2 * (field + gap), y));
    ImGui::BeginGroup();
    label(ctx, "Course");
    std::vector<std::pair<std::string, std::string>> courses;
    for (const auto& c : area.course_ids())
        courses.emplace_back(c, area.course_title(c));
    const std::string course = area.filter().course;
    if (auto c =
            choose("##course", course, course.empty() ? "All courses" : area.course_title(course),
                   "All courses", courses, field))
        area.set_course(*c);
    ImGui::EndGroup();

    ImGui::SetCursorPos(ImVec2(x + 3 * (field + gap), y));
    ImGui::BeginGroup();
    label(ctx, "Sort by");
    ImGui::SetNextItemWidth(field);
    const bool open = ImGui::BeginCombo("##sort", player::sort_label(area.sort()));
    note_item("##sort");
    if (open) {
        for (auto s : player::kManagerSorts)
            if (selectable((std::string(player::sort_label(s)) + "##sort-by").c_str(),
                           s == area.sort()))
                area.set_sort(s);
        ImGui::EndCombo();
    }
    ImGui::EndGroup();
}

void draw_rows(DrawContext& ctx, const player::ManagerArea& area, float width) {
    if (area.total_rows() == 0) {
        draw_text(ctx, "Nobody has been added on this device yet.", ctx.fonts.body,
                  ctx.colours.text, width);
        return;
    }
    if (area.listed() == 0) {
        draw_text(ctx,
                  "Nobody matches the search and filters. Choose Everyone, All teams or All "
                  "courses, or change the search.",
                  ctx.fonts.body, ctx.colours.text, width);
        return;
    }
    const float row_h = begin_scrolling_table(
        ctx, "learners",
        {{"Name", 2.2f}, {"Staff ID", 1.0f}, {"Team", 1.4f}, {"Course", 2.2f}, {"Status", 3.0f}},
        area.listed(), 14, width);
    if (row_h == 0)
        return;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(area.listed()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& r = area.listed_row(static_cast<std::size_t>(i));
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.name.data(), r.name.data() + r.name.size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.staff_id.data(), r.staff_id.data() + r.staff_id.size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.team.data(), r.team.data() + r.team.size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.course_title.data(),
                                   r.course_title.data() + r.course_title.size());
            ImGui::TableNextColumn();
            const std::string status = player::status_text(r, area.as_of());
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  r.required ? status_colour(ctx, r.status) : ctx.colours.muted);
            ImGui::TextUnformatted(status.c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
    note_item("Learner list", false);
}

}  // namespace

float begin_scrolling_table(const DrawContext& ctx, const char* id,
                            std::initializer_list<TableColumn> columns, std::size_t rows,
                            int in_view, float width) {
    const float row_h = ImGui::GetTextLineHeightWithSpacing() + 2 * ctx.scale;
    const float height = row_h * (std::min<float>(float(in_view), float(rows)) + 1.5f);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, ImVec2(width, height)))
        return 0;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const TableColumn& c : columns)
        ImGui::TableSetupColumn(c.name, 0, c.weight);
    ImGui::TableHeadersRow();
    return row_h;
}

ImVec4 status_colour(const DrawContext& ctx, report::Status status) {
    switch (status) {
        case Status::overdue:
        case Status::untrusted:
            return ctx.colours.danger;
        case Status::due_soon:
            return ctx.colours.warning;
        case Status::completed:
            return ctx.colours.success;
        case Status::in_progress:
        case Status::not_started:
            break;
    }
    return ctx.colours.text;
}

void draw_manager_list(DrawContext& ctx, player::ManagerArea& area, float width) {
    draw_status_tiles(ctx, area, width);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    draw_filters(ctx, area, width);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    const std::size_t n = area.listed();
    muted(ctx,
          n == area.total_rows()
              ? "Every learner on every course: " + std::to_string(n) + " rows."
              : std::to_string(n) + " of " + std::to_string(area.total_rows()) + " rows match.");
    draw_rows(ctx, area, width);
}

}  // namespace waymark::ui
