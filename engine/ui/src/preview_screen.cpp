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

void diagnostics(DrawContext& ctx, const player::LibraryCourse* c) {
    // Under the pages a strip; with no pages to show, the rest of the screen.
    const float height = ctx.player.reader() ? 150 * ctx.scale : 0;
    ImGui::BeginChild("diagnostics", ImVec2(0, height), true);
    if (!c || c->diagnostics.empty()) {
        const std::string clean = "\xE2\x9C\x93 No problems found in " +
                                  (c ? c->path.string() : std::string("the course"));
        ImGui::TextColored(ctx.colours.success, "%s", clean.c_str());
        note_item((clean + "##diagnostic-counts").c_str());
    } else {
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
    }
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
