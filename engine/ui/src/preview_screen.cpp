#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

// One line per problem, findable by the test harness under its text.
void diagnostic_lines(DrawContext& ctx, const Diagnostics& all) {
    for (const auto& d : all.items()) {
        const std::string line = d.format();
        ImGui::TextColored(d.severity == Severity::error ? ctx.colours.danger : ctx.colours.warning,
                           "%s", line.c_str());
        note_item((line + "##diagnostic").c_str());
    }
}

void diagnostics(DrawContext& ctx) {
    const auto* c = ctx.player.current_course();
    ImGui::BeginChild("diagnostics", ImVec2(0, 150 * ctx.scale), true);
    if (!c || c->diagnostics.empty()) {
        ImGui::TextColored(ctx.colours.success, "\xE2\x9C\x93 No problems found in %s",
                           c ? c->path.string().c_str() : "the course");
    } else {
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::Text("%zu errors, %zu warnings", c->diagnostics.error_count(),
                    c->diagnostics.warning_count());
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
    diagnostics(ctx);
}

}  // namespace waymark::ui
