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
            // The contents follow the page: when it changes (a page of module 6 is below
            // the pane's fold) as well as when the pane opens.
            if (here && (ImGui::IsWindowAppearing() || ctx.memory->page != pos))
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

float widest_word(ImFont* font, const std::string& text) {
    float widest = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        widest = std::max(
            widest,
            font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data() + at, text.data() + end).x);
        at = end + 1;
    }
    return widest;
}

// The narrowest the contents pane may be: its longest word fits beside the tick gutter,
// so no title is ever split inside a word ("mandator / y").
float contents_min_width(const DrawContext& ctx, const course::Course& course) {
    float widest = 0;
    for (const auto& m : course.modules) {
        widest = std::max(widest, widest_word(ctx.fonts.bold, m.title));
        for (const auto& pg : m.pages)
            widest = std::max(widest, widest_word(ctx.fonts.body, pg.title) +
                                          ImGui::CalcTextSize("\xE2\x9C\x93  ").x);
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    return widest + st.WindowPadding.x * 2 + st.ScrollbarSize + st.ItemSpacing.x * 2;
}

// The footer: Back, the contents switch, where you are, Next. Where you are goes on a
// line of its own when the row would not hold it beside the buttons (large text, the
// long "Continue to the assessment"), so nothing overlaps.
struct Footer {
    std::string where, next, contents;
    float where_w = 0, next_w = 0;
    bool one_row = true;
    float height = 0;
};

Footer footer_layout(const DrawContext& ctx, const player::CourseReader& r, bool contents_shown) {
    Footer f;
    const ImGuiStyle& st = ImGui::GetStyle();
    f.where = r.progress_label();
    f.next = ctx.player.next_label() + "##page";
    // One ID for both labels ("###"): the button that hides the contents is the button that
    // shows them again, so the keyboard focus stays on it when its label changes.
    f.contents =
        contents_shown ? "Hide contents###contents-toggle" : "Show contents###contents-toggle";
    f.where_w = ImGui::CalcTextSize(f.where.c_str()).x;
    auto width = [&](const std::string& label) {
        return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + st.FramePadding.x * 2;
    };
    f.next_w = width(f.next);
    const float row =
        width("Back") + width(f.contents) + f.where_w + f.next_w + st.ItemSpacing.x * 8;
    f.one_row = row <= ImGui::GetContentRegionAvail().x;
    f.height = ImGui::GetFrameHeightWithSpacing() * (f.one_row ? 1 : 2) + 20 * ctx.scale;
    return f;
}

}  // namespace

void draw_course_screen(DrawContext& ctx) {
    auto* r = ctx.player.reader();
    if (!r)
        return;
    const float avail = ImGui::GetContentRegionAvail().x;
    // The contents pane is as wide as its longest word needs; it starts hidden when the
    // page would then be narrower than 40 characters, and the learner can show or hide it.
    const float sidebar =
        std::max(contents_min_width(ctx, r->course()), std::min(320 * ctx.scale, avail * 0.3f));
    const bool roomy = avail - sidebar >= column_width(ctx, avail) * 40 / 72;
    const bool contents_shown = ctx.memory->contents_shown.value_or(roomy);
    const Footer foot = footer_layout(ctx, *r, contents_shown);
    const float footer = foot.height;
    const float diagnostics_h = ctx.show_diagnostics
                                    ? diagnostics_strip_height(ctx, ctx.player.current_course()) +
                                          ImGui::GetStyle().ItemSpacing.y
                                    : 0;
    if (contents_shown) {
        ImGui::BeginChild("toc", ImVec2(std::min(sidebar, avail), -footer - diagnostics_h), true);
        toc(ctx, *r);
        ImGui::EndChild();
        ImGui::SameLine();
    }
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
    const float column_x = ImGui::GetCursorScreenPos().x;
    ImGui::PushFont(ctx.fonts.small);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.colours.muted, "%s", r->module().title.c_str());
    ImGui::PopFont();
    // "Listen" at the right of the module's name, so it costs the page no line of its own
    // (at 200% on a 768-pixel screen every line counts).
    const std::string page_id =
        std::to_string(r->position().module) + "-" + std::to_string(r->position().page);
    listen_button(
        ctx, "page:" + page_id, [&] { return player::page_passages(*r); }, column_x + w);
    const float title_top = ImGui::GetCursorScreenPos().y;
    draw_text(ctx, r->page().title, ctx.fonts.title, ctx.colours.text, w);
    heading_anchor(ctx, r->page().title);
    if (ctx.memory->heard_block == player::Passage::title)
        mark_heard(ctx, title_top, ImGui::GetItemRectMax().y);
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
    // The page counts as read once its end (the top of this closing space) has been on the
    // screen, give or take half a line: the last blocks can settle a little taller once
    // scrolled to, leaving End that much short of the new bottom.
    if (ImGui::GetItemRectMin().y <=
        ImGui::GetWindowPos().y + ImGui::GetWindowHeight() + ctx.fonts.body->FontSize / 2)
        ctx.player.page_end_seen();
    ImGui::EndGroup();
    ImGui::EndChild();
    if (ctx.memory->skip_to_page) {
        // "Skip to page": the focus goes to the page's heading, past the contents, and
        // Tab goes on from there to the page's first control.
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
        diagnostics(ctx, ctx.player.current_course());
    ImGui::Separator();
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    auto where_you_are = [&] {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ctx.colours.muted, "%s", foot.where.c_str());
        note_item((foot.where + "##progress").c_str());
    };
    if (!foot.one_row) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.f, (avail - foot.where_w) / 2));
        where_you_are();
    }
    if (button("Back##page", r->can_go_back()))
        ctx.player.previous_page();
    ImGui::SameLine();
    if (button(foot.contents.c_str()))
        ctx.memory->contents_shown = !contents_shown;
    if (foot.one_row) {
        ImGui::SameLine();
        // Centred, unless that would run it into Next.
        const float next_x = ImGui::GetWindowContentRegionMax().x - foot.next_w;
        const float latest = next_x - ImGui::GetStyle().ItemSpacing.x * 2 - foot.where_w;
        ImGui::SetCursorPosX(
            std::max(ImGui::GetCursorPosX(), std::min((avail - foot.where_w) / 2, latest)));
        where_you_are();
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - foot.next_w);
    if (primary_button(foot.next.c_str(), ctx.player.can_go_next()))
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
