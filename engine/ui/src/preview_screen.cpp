#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/player/score_text.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

// One line per problem, wrapped at the pane's edge, findable by the test harness under
// its text.
void diagnostic_lines(DrawContext& ctx, const Diagnostics& all) {
    ImGui::PushTextWrapPos(0.0f);
    for (const auto& d : all.items()) {
        const std::string line = d.format();
        ImGui::PushStyleColor(ImGuiCol_Text, d.severity == Severity::error ? ctx.colours.danger
                                                                           : ctx.colours.warning);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopStyleColor();
        note_item((line + "##diagnostic").c_str());
    }
    ImGui::PopTextWrapPos();
}

}  // namespace

float diagnostics_strip_height(DrawContext& ctx, const player::LibraryCourse* c) {
    // A course with nothing to fix takes one line, with no box. Problems get a box of a few
    // lines, scrolled inside it, but never more than a quarter of the window: at 200% text
    // on a laptop a fixed 150 points left the page less than its own title.
    if (!c || c->diagnostics.empty())
        return ImGui::GetTextLineHeight();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    return std::min(150 * ctx.scale, std::max(ImGui::GetIO().DisplaySize.y / 4, 2 * line)) +
           ImGui::GetStyle().WindowPadding.y * 2;
}

void diagnostics(DrawContext& ctx, const player::LibraryCourse* c) {
    const bool clean = !c || c->diagnostics.empty();
    // Under the pages a strip; with no pages to show, the rest of the screen.
    const bool strip = ctx.player.reader() != nullptr;
    if (clean) {
        const std::string line = "\xE2\x9C\x93 No problems found in " +
                                 (c ? c->path.string() : std::string("the course"));
        ImGui::TextColored(ctx.colours.success, "%s", line.c_str());
        note_item((line + "##diagnostic-counts").c_str());
        return;
    }
    ImGui::BeginChild("diagnostics", ImVec2(0, strip ? diagnostics_strip_height(ctx, c) : 0), true);
    ImGui::PushFont(ctx.fonts.bold);
    const std::string counts =
        player::counted(static_cast<long long>(c->diagnostics.error_count()), "error") + ", " +
        player::counted(static_cast<long long>(c->diagnostics.warning_count()), "warning");
    ImGui::TextUnformatted(counts.c_str());
    note_item((counts + "##diagnostic-counts").c_str());
    ImGui::PopFont();
    ImGui::PushFont(ctx.fonts.mono);
    diagnostic_lines(ctx, c->diagnostics);
    ImGui::PopFont();
    ImGui::EndChild();
}

void draw_preview_problems_screen(DrawContext& ctx) {
    // A preview whose course has no pages at all: only the diagnostics to show.
    open_screen(ctx, "This course cannot be shown yet",
                "Fix the problems below and save: the preview reloads by itself.");
    ImGui::EndGroup();
    diagnostics(ctx, ctx.player.current_course());
}

}  // namespace waymark::ui
