#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "manager_parts.hpp"
#include "waymark/player/score_text.hpp"
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
    // Four across while each field is as wide as its longest label; two across at large
    // text sizes, where four would overlap their labels.
    ImGui::PushFont(ctx.fonts.bold);
    const float widest_label = ImGui::CalcTextSize("Search by name or staff ID").x;
    ImGui::PopFont();
    const int across = (width - 3 * gap) / 4 >= widest_label ? 4 : 2;
    const float field = (width - float(across - 1) * gap) / float(across);
    // Each filter is a group, a label above its field, placed in the grid by position:
    // ImGui::SameLine would lower a label beside a field by the field's frame padding.
    const float x = ImGui::GetCursorPosX();
    float row_top = ImGui::GetCursorPosY();
    float bottom = row_top;
    int placed = 0;
    const auto next = [&] {
        const int column = placed++ % across;
        if (column == 0)
            row_top = bottom;
        ImGui::SetCursorPos(ImVec2(x + float(column) * (field + gap), row_top));
        ImGui::BeginGroup();
    };
    const auto end = [&] {
        ImGui::EndGroup();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    };

    next();
    label(ctx, "Search by name or staff ID");
    ImGui::SetNextItemWidth(field);
    if (input_text("##search", &area.search()))
        area.relist();
    end();

    next();
    label(ctx, "Team");
    std::vector<std::pair<std::string, std::string>> teams;
    for (const auto& t : area.teams())
        teams.emplace_back(t, t);
    const std::string team = area.filter().team;
    if (auto t =
            choose("##team", team, team.empty() ? "All teams" : team, "All teams", teams, field))
        area.set_team(*t);
    end();

    next();
    label(ctx, "Course");
    std::vector<std::pair<std::string, std::string>> courses;
    for (const auto& c : area.course_ids())
        courses.emplace_back(c, area.course_title(c));
    const std::string course = area.filter().course;
    if (auto c =
            choose("##course", course, course.empty() ? "All courses" : area.course_title(course),
                   "All courses", courses, field))
        area.set_course(*c);
    end();

    next();
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
    end();
    ImGui::SetCursorPos(ImVec2(x, bottom));
}

// At most 14 rows in view, fewer when the window is short or the text large: the whole
// list, header to last row in view, then fits in the window with room around it, so the
// chosen row the keys move to is always on the screen.
int rows_in_view() {
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const int fit = static_cast<int>(ImGui::GetWindowHeight() * 0.6f / row) - 2;
    return std::clamp(fit, 3, 14);
}

bool key_pressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key));
}

// The list is one Tab stop, as a list box is. While it has the keyboard focus the arrow
// keys, Page Up, Page Down, Home and End move the chosen row (the one the PIN reset acts
// on) instead of ImGui's own navigation, which would leave the list; Tab still moves on
// (widgets.cpp), so the focus is never trapped. Returns whether the choice moved.
bool move_choice_by_keys(DrawContext& ctx, const player::ManagerArea& area, int in_view) {
    std::ptrdiff_t delta = 0;
    const auto rows = static_cast<std::ptrdiff_t>(area.listed());
    if (key_pressed(ImGuiKey_DownArrow))
        delta = 1;
    else if (key_pressed(ImGuiKey_UpArrow))
        delta = -1;
    else if (key_pressed(ImGuiKey_PageDown))
        delta = in_view - 1;
    else if (key_pressed(ImGuiKey_PageUp))
        delta = -(in_view - 1);
    else if (key_pressed(ImGuiKey_End))
        delta = rows;
    else if (key_pressed(ImGuiKey_Home))
        delta = -rows;
    if (delta == 0)
        return false;
    ImGui::NavMoveRequestCancel();
    ctx.player.move_manager_selection(delta);  // from the first row when none is chosen
    return true;
}

// Scrolls the table so that the chosen row is in view below its header. Called inside
// the table once the clipper knows the rows' height: row i starts at StartPosY + i * row_h
// on screen.
void scroll_to_row(const ImGuiListClipper& clipper, std::size_t i, float row_h) {
    const float top = clipper.StartPosY + static_cast<float>(i) * row_h;
    const float shown_top = clipper.StartPosY + ImGui::GetScrollY();  // under the header
    const float shown_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    if (top < shown_top)
        ImGui::SetScrollY(static_cast<float>(i) * row_h);
    else if (top + row_h > shown_bottom)
        ImGui::SetScrollY(ImGui::GetScrollY() + top + row_h - shown_bottom);
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
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImGuiID list_id = learner_list_id();
    const bool focused = ImGui::GetFocusID() == list_id;
    const int in_view = rows_in_view();
    const bool reveal = focused && move_choice_by_keys(ctx, area, in_view);
    const float row_h = begin_scrolling_table(
        ctx, "learners",
        {{"Name", 1.7f}, {"Staff ID", 0.9f}, {"Team", 1.4f}, {"Course", 1.9f}, {"Status", 3.6f}},
        area.listed(), in_view, width);
    if (row_h == 0)
        return;
    const auto chosen = area.selected();
    // The clipper measures the rows' height on the first row it draws: a row is a little
    // taller than row_h (the table adds its cell padding), and scrolling to the chosen row
    // must use what the table really draws.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(area.listed()));
    if (chosen)
        clipper.ForceDisplayRangeByIndices(static_cast<int>(*chosen),
                                           static_cast<int>(*chosen) + 1);
    bool scrolled = false;
    while (clipper.Step()) {
        if (reveal && chosen && !scrolled && clipper.ItemsHeight > 0) {
            scroll_to_row(clipper, *chosen, clipper.ItemsHeight);
            scrolled = true;
        }
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& r = area.listed_row(static_cast<std::size_t>(i));
            const bool is_chosen = chosen == static_cast<std::size_t>(i);
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            // The whole row answers a click; the keyboard reaches rows through the list's
            // one Tab stop, so the row itself is no navigation stop.
            const ImVec2 at = ImGui::GetCursorPos();
            ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
            const std::string id = "##row-" + std::to_string(i);
            if (ImGui::Selectable(id.c_str(), is_chosen, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2))) {
                ctx.player.select_manager_row(static_cast<std::size_t>(i));
                ImGui::SetFocusID(list_id, window);
            }
            ImGui::PopItemFlag();
            // Found by the harness as "NAME##row-I"; part of the list's Tab stop.
            note_item((std::string(r.name) + id).c_str());
            continue_tab_stop();
            ImGui::SetCursorPos(at);
            cell(r.name);
            ImGui::TableNextColumn();
            cell(r.staff_id);
            ImGui::TableNextColumn();
            cell(r.team);
            ImGui::TableNextColumn();
            cell(r.course_title);
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  r.required ? status_colour(ctx, r.status) : ctx.colours.muted);
            cell(player::status_text(r, area.as_of()));
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
    // The list's Tab stop: an item over the whole table that ImGui's navigation knows,
    // showing the focus ring while it has the focus.
    const ImRect box(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::ItemAdd(box, list_id);
    ImGui::RenderNavHighlight(box, list_id);
    note_item("Learner list##rows");
    // Reached by Tab with nothing chosen: the first row is chosen, so the keys and the
    // PIN reset have a row to act on at once.
    if (focused && !chosen)
        ctx.player.select_manager_row(0);
}

}  // namespace

void cell(std::string_view text) {
    ImGui::TextUnformatted(fit(std::string(text), ImGui::GetContentRegionAvail().x).c_str());
}

ImGuiID learner_list_id() {
    return ImGui::GetID("Learner list##rows");
}

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
    muted(ctx, n == area.total_rows()
                   ? "Every learner on every course: " + player::counted(long(n), "row") + "."
                   : std::to_string(n) + " of " + player::counted(long(area.total_rows()), "row") +
                         (n == 1 ? " matches." : " match."));
    draw_rows(ctx, area, width);
}

}  // namespace waymark::ui
