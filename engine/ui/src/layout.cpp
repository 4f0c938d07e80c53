#include <imgui.h>
#include <imgui_internal.h>  // ImHashStr

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

float column_width(const DrawContext& ctx, float avail) {
    const char* sample = "abcdefghijklmnopqrstuvwxyz";
    const float per_char =
        ctx.fonts.body->CalcTextSizeA(ctx.fonts.body->FontSize, FLT_MAX, 0, sample).x / 26.f;
    return std::min(avail, per_char * 72.f);
}

namespace {

// Where the window's column ends, kept in the window's own storage: what is drawn later
// in the column without being told its width (a problem under "Listen") wraps there.
const ImGuiID column_right_key = ImHashStr("waymark-column-right");

}  // namespace

// Starts a centred column; returns its width.
float centre(const DrawContext& ctx) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = column_width(ctx, avail);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
    ImGui::GetStateStorage()->SetFloat(column_right_key, ImGui::GetCursorScreenPos().x + w);
    return w;
}

float column_right() {
    const float window_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    return std::min(window_right,
                    ImGui::GetStateStorage()->GetFloat(column_right_key, window_right));
}

float open_screen(const DrawContext& ctx, const std::string& title_text, const std::string& lead) {
    const float w = centre(ctx);
    ImGui::BeginGroup();
    title(ctx, title_text);
    if (!lead.empty()) {
        muted(ctx, lead);
        note_item((lead + "##lead").c_str());  // what the screen says it is for, for tests
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    }
    return w;
}

void title(const DrawContext& ctx, const std::string& text) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    heading_anchor(ctx, text);
}

void heading_anchor(const DrawContext& ctx, const std::string& text) {
    focus_anchor((text + "##heading").c_str(), ctx.memory->focus_heading);
    ctx.memory->focus_heading = false;
}

void muted(const DrawContext& ctx, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.colours.muted);
    // In window coordinates, as ImGui takes a wrap position.
    ImGui::PushTextWrapPos(column_right() - ImGui::GetWindowPos().x + ImGui::GetScrollX());
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void notice(DrawContext& ctx, float width) {
    if (ctx.player.notice().empty())
        return;
    draw_panel(
        ctx, ctx.colours.important_bg, ctx.colours.important_border, width,
        [&](float w) { draw_text(ctx, ctx.player.notice(), ctx.fonts.body, ctx.colours.text, w); },
        true);
}

bool escape_pressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
           !ImGui::GetIO().WantTextInput;
}

// `text` cut at a word to fit `width` in the current font, with an ellipsis.
std::string fit(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width)
        return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "\xE2\x80\xA6").c_str()).x > width) {
        const auto space = cut.find_last_of(' ');
        cut.resize(space == std::string::npos ? cut.size() - 1 : space);
    }
    return cut + "\xE2\x80\xA6";
}

std::optional<std::size_t> course_index(const DrawContext& ctx) {
    const auto* c = ctx.player.current_course();
    if (!c)
        return std::nullopt;
    return static_cast<std::size_t>(c - ctx.player.library().data());
}

void column_rule(const DrawContext& ctx) {
    // ImGui::Separator() would run to the window's edge, past the column's text.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float thickness = std::max(1.f, std::round(ctx.scale));
    ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, at.y), ImVec2(column_right(), at.y),
                                        ImGui::GetColorU32(ImGuiCol_Separator), thickness);
    ImGui::Dummy(ImVec2(1, thickness));
}

void manager_link(DrawContext& ctx) {
    if (!ctx.player.has_manager_area())
        return;
    ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
    column_rule(ctx);
    muted(ctx, "Managers: see who has completed their training.");
    if (button("Manager area"))
        ctx.player.open_manager();
}

}  // namespace waymark::ui
