#include <imgui.h>

#include <algorithm>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void listen_button(DrawContext& ctx, const std::string& what,
                   const std::function<std::vector<player::Passage>()>& passages,
                   float right_edge) {
    player::Speech* speech = ctx.hooks ? ctx.hooks->speech : nullptr;
    ViewMemory& m = *ctx.memory;
    if (!speech)
        return;
    const bool this_one = m.reading == what;
    const bool reading = this_one && speech->reading();
    if (this_one)
        m.reading_shown = true;
    // One ID for both labels ("###"), so the focus stays on the button as it changes.
    const std::string label = std::string(reading ? "Stop reading" : "Listen") + "###listen";
    if (right_edge > 0) {
        const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x +
                            ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SameLine();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(std::max(at.x, right_edge - width), at.y));
    }
    if (button(label.c_str())) {
        if (reading) {
            speech->stop();
        } else {
            const auto read = passages();
            m.reading = what;
            m.reading_shown = true;
            m.reading_blocks.clear();
            for (const auto& p : read)
                m.reading_blocks.push_back(p.block);
            speech->read(player::passage_texts(read), ctx.player.settings().reading_speed);
        }
    }
    m.heard_block.reset();
    if (const auto at = speech->passage(); reading && at && *at < m.reading_blocks.size())
        m.heard_block = m.reading_blocks[*at];
    if (this_one && !speech->reading()) {
        const std::string problem = speech->problem();
        if (!problem.empty()) {
            // Wrapped inside the text column, which ends before the window does.
            const float width = column_right() - ImGui::GetCursorScreenPos().x;
            draw_text(ctx, problem, ctx.fonts.small, ctx.colours.danger, std::max(1.f, width));
            note_item("Reading aloud problem##listen");
        }
    }
}

void end_listen_frame(DrawContext& ctx) {
    player::Speech* speech = ctx.hooks ? ctx.hooks->speech : nullptr;
    ViewMemory& m = *ctx.memory;
    if (speech && !m.reading.empty() && !m.reading_shown) {
        speech->stop();
        m.reading.clear();
        m.heard_block.reset();
    }
    m.reading_shown = false;
}

}  // namespace waymark::ui
