// The parts of the manager screen, one file each: the status tiles and filters with the
// list of learners (manager_list.cpp), the table by team and course (manager_teams.cpp)
// and the exports (manager_exports.cpp). Internal to waymark_ui; manager_screen.cpp puts
// them together. They draw player::ManagerArea and call its actions; they decide nothing.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "draw_context.hpp"

namespace waymark::ui {

// One tile per status with its count (what choosing it would list), then the search, the
// team, course and sort choices, then the rows, virtualised: only the rows on screen are
// drawn, so 100,000 learners cost what 20 do.
void draw_manager_list(DrawContext& ctx, player::ManagerArea& area, float width);
// The list's one Tab stop (in the window the list is drawn in), for giving it the focus.
ImGuiID learner_list_id();

// Completion of each team on each course the team and course filters leave.
void draw_manager_teams(DrawContext& ctx, const player::ManagerArea& area, float width);

// The folder, the export buttons, progress with Cancel, and what the last export wrote.
void draw_manager_exports(DrawContext& ctx, player::ManagerArea& area, float width);

struct TableColumn {
    const char* name;
    float weight;  // its share of the width
};

// Begins a table of `rows` rows under a header that stays in place, at most `in_view` rows
// high, the rest scrolling inside it (the area's tables do not push the exports off the
// screen). Returns the row height for ImGui::TableNextRow and ImGuiListClipper, or 0 when
// the table is not drawn (then there is no ImGui::EndTable to call).
float begin_scrolling_table(const DrawContext& ctx, const char* id,
                            std::initializer_list<TableColumn> columns, std::size_t rows,
                            int in_view, float width);

// A table cell's text, cut at a word with an ellipsis when the column is narrower (large
// text, a small window) rather than clipped mid-letter.
void cell(std::string_view text);

// The colour a status is shown in; its words (player::status_text) carry the meaning.
ImVec4 status_colour(const DrawContext& ctx, report::Status status);

}  // namespace waymark::ui
