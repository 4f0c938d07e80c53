#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

// The mouse wheel moves the page towards a target a little each frame, unless the
// learner asked for reduced motion; keyboard and scrollbar moves take effect at once.
void smooth_scroll(const DrawContext& ctx) {
    const float now = ImGui::GetScrollY();
    const float wheel =
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) ? ImGui::GetIO().MouseWheel : 0;
    if (wheel == 0 && std::abs(ctx.memory->scroll_target - now) > 0 && !ctx.memory->scrolling)
        ctx.memory->scroll_target = now;  // moved some other way
    if (wheel != 0)
        ctx.memory->scroll_target =
            std::clamp(ctx.memory->scroll_target - wheel * 5 * ctx.fonts.body->FontSize, 0.f,
                       ImGui::GetScrollMaxY());
    // The page may have grown shorter since (layout settling): never aim past its end.
    ctx.memory->scroll_target = std::clamp(ctx.memory->scroll_target, 0.f, ImGui::GetScrollMaxY());
    const float gap = ctx.memory->scroll_target - now;
    // ImGui keeps scroll positions in whole pixels: the last pixel or two are a jump.
    if (std::abs(gap) < 2.f || ctx.player.settings().reduced_motion) {
        if (std::abs(gap) >= 0.5f)
            ImGui::SetScrollY(ctx.memory->scroll_target);
        ctx.memory->scrolling = false;
        return;
    }
    const float step = gap * 0.35f;
    ImGui::SetScrollY(now + (std::abs(step) < 1.f ? std::copysign(1.f, gap) : step));
    ctx.memory->scrolling = true;
    ctx.memory->animating = true;
}

// The keys that scroll the page from the keyboard (text fields keep theirs): PageUp and
// PageDown by nine tenths of a screen, Home and End to either end, Up and Down by three
// lines when no control has the keyboard focus. Keyboard moves take effect at once.
void page_keys(const DrawContext& ctx) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        return;
    auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    const float now = ImGui::GetScrollY();
    const float screen = ImGui::GetWindowHeight() * 0.9f;
    const float line = ctx.fonts.body->FontSize * 3;
    float to = now;
    if (pressed(ImGuiKey_PageDown))
        to = now + screen;
    else if (pressed(ImGuiKey_PageUp))
        to = now - screen;
    else if (pressed(ImGuiKey_Home))
        to = 0;
    else if (pressed(ImGuiKey_End))
        to = ImGui::GetScrollMaxY();
    else if (!io.NavVisible && pressed(ImGuiKey_DownArrow))
        to = now + line;
    else if (!io.NavVisible && pressed(ImGuiKey_UpArrow))
        to = now - line;
    to = std::clamp(to, 0.f, ImGui::GetScrollMaxY());
    if (to != now) {
        ImGui::SetScrollY(to);
        ctx.memory->scroll_target = to;
        ctx.memory->scrolling = false;
    }
}

void toc(DrawContext& ctx, player::CourseReader& r) {
    const auto& course = r.course();
    draw_text(ctx, course.title, ctx.fonts.subheading, ctx.colours.text,
              ImGui::GetContentRegionAvail().x);
    char percent[64];
    std::snprintf(percent, sizeof percent, "%d%% read", r.percent_read());
    muted(ctx, percent);
    ImGui::Separator();
    for (std::size_t m = 0; m < course.modules.size(); ++m) {
        const auto& module = course.modules[m];
        ImGui::PushID(static_cast<int>(m));
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        ImGui::TextUnformatted(((r.module_read(m) ? "\xE2\x9C\x93 " : "") + module.title).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        for (std::size_t pg = 0; pg < module.pages.size(); ++pg) {
            const player::PagePosition pos{m, pg};
            const bool here = r.position() == pos;
            const std::string label =
                module.pages[pg].title + "##toc" + std::to_string(m) + "-" + std::to_string(pg);
            if (wrapped_selectable(label.c_str(), here, r.is_read(pos) ? "\xE2\x9C\x93" : ""))
                ctx.player.go_to_page(pos);
            if (here && ImGui::IsWindowAppearing())
                ImGui::SetScrollHereY(0.3f);
        }
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        ImGui::PopID();
    }
    if (ctx.player.has_assessment()) {
        ImGui::Separator();
        if (selectable("Assessment##toc", false))
            ctx.player.open_assessment_intro();
    }
}

}  // namespace

void draw_course_screen(DrawContext& ctx) {
    auto* r = ctx.player.reader();
    if (!r)
        return;
    const float footer = ImGui::GetFrameHeightWithSpacing() + 20 * ctx.scale;
    const float sidebar = std::min(320 * ctx.scale, ImGui::GetContentRegionAvail().x * 0.3f);
    const float diagnostics_h = ctx.show_diagnostics ? 160 * ctx.scale : 0;
    ImGui::BeginChild("toc", ImVec2(sidebar, -footer - diagnostics_h), true);
    toc(ctx, *r);
    ImGui::EndChild();
    ImGui::SameLine();
    // A new page opens at its top on the very frame it is first drawn: a scroll set
    // inside the window would only apply on the next one.
    if (ctx.memory->page != r->position()) {
        ImGui::SetNextWindowScroll(ImVec2(0, 0));
        ctx.memory->scroll_target = 0;
        ctx.memory->scrolling = false;
        ctx.memory->page = r->position();
    }
    ImGui::BeginChild("page", ImVec2(0, -footer - diagnostics_h), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    page_keys(ctx);
    smooth_scroll(ctx);
    const std::size_t first_on_page = widgets_drawn().size();
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    const float w = centre(ctx);
    ImGui::BeginGroup();
    ImGui::PushFont(ctx.fonts.small);
    ImGui::TextColored(ctx.colours.muted, "%s", r->module().title.c_str());
    ImGui::PopFont();
    draw_text(ctx, r->page().title, ctx.fonts.title, ctx.colours.text, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    notice(ctx, w);
    draw_blocks(ctx, r->page().blocks, r->module(), w);
    // The reader says where the module's sources go: once, under a heading.
    if (const auto& sources = r->sources_here(); !sources.empty()) {
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_text(ctx, "Sources", ctx.fonts.subheading, ctx.colours.text, w);
        for (const auto& s : sources) {
            content::Inlines spans{content::Span{s.title}};
            if (!s.url.empty())
                spans[0].link = s.url;
            draw_inlines(ctx, spans, ctx.fonts.small, ctx.colours.muted, w);
        }
    }
    ImGui::Dummy(ImVec2(1, 24 * ctx.scale));
    ImGui::EndGroup();
    ImGui::EndChild();
    if (ctx.memory->skip_to_page) {
        // "Skip to page": the focus goes to the page's first control, past the contents.
        ctx.memory->skip_to_page = false;
        const auto& drawn = widgets_drawn();
        bool moved = false;
        for (std::size_t i = first_on_page; i < drawn.size() && !moved; ++i)
            if (drawn[i].enabled)
                moved = focus_widget(drawn[i].id);
        if (!moved)
            focus_widget("Next##page");
    }
    if (ctx.show_diagnostics)
        diagnostics(ctx);
    // Footer: Back, where you are, Next.
    ImGui::Separator();
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    if (button("Back##page", r->can_go_back()))
        ctx.player.previous_page();
    ImGui::SameLine();
    const std::string where = r->progress_label();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float where_w = ImGui::CalcTextSize(where.c_str()).x;
    const std::string next = ctx.player.next_label() + "##page";
    const float next_w =
        ImGui::CalcTextSize(next.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - where_w) / 2 -
                         ImGui::GetStyle().ItemSpacing.x * 4);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.colours.muted, "%s", where.c_str());
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - next_w);
    if (primary_button(next.c_str(), ctx.player.can_go_next()))
        ctx.player.next_page();
    if (!ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false) &&
            !ImGui::GetIO().NavActive)
            ctx.player.next_page();
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), false) &&
            !ImGui::GetIO().NavActive)
            ctx.player.previous_page();
    }
}

}  // namespace waymark::ui
