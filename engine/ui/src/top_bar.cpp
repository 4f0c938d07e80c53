#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

using player::Screen;

namespace {

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

// The learner's actions: Library, Settings and Sign out, as buttons in a row or as the
// items of the menu they collapse into.
struct Action {
    const char* label;
    bool enabled;
    void (*act)(player::Player&);
};

std::vector<Action> actions(const DrawContext& ctx) {
    std::vector<Action> all{
        {"Library", ctx.player.screen() != Screen::library,
         [](player::Player& p) { p.back_to_library(); }},
        {"Settings", ctx.player.screen() != Screen::settings,
         [](player::Player& p) { p.open_settings(); }},
    };
    if (ctx.player.can_sign_out())
        all.push_back({"Sign out", true, [](player::Player& p) { p.sign_out(); }});
    return all;
}

}  // namespace

// The top bar: the name, "Skip to page" on a course page, the course's pinned contact and
// the learner's actions at the right. When the row does not fit the window (large text,
// a narrow window) the bar goes compact, to leave the page most of a small screen: the
// actions collapse into a "Menu" holding every one of them, the name goes (the window's
// title says it), buttons are shallower, and the pinned contact, which must stay in
// view, takes the small font if that keeps it on the row, else a line of its own, wrapped.
void draw_top_bar(DrawContext& ctx) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float left = ImGui::GetCursorPosX();
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float avail = right - left;
    const float name_w =
        ctx.fonts.heading->CalcTextSizeA(ctx.fonts.heading->FontSize, FLT_MAX, 0, "Waymark").x;
    const bool skip = ctx.player.screen() == Screen::course && ctx.player.reader();
    const float skip_w = skip ? button_width("Skip to page") : 0;

    const auto* contact = ctx.player.pinned_contact();
    std::string line;
    auto contact_w = [&](ImFont* font) {
        return contact ? st.ItemSpacing.x +
                             font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line.c_str()).x
                       : 0.f;
    };
    if (contact)
        line =
            "\xE2\x98\x8E " + contact->name + (contact->phone.empty() ? "" : ": " + contact->phone);

    const auto* learner = ctx.player.learner();
    const bool has_actions = learner && ctx.player.screen() != Screen::stopped;
    std::string who;
    float row_w = 0;
    const auto all = has_actions ? actions(ctx) : std::vector<Action>{};
    if (has_actions) {
        who = learner->name + (learner->team.empty() ? "" : " \xC2\xB7 " + learner->team);
        row_w = st.ItemSpacing.x * 2 + ImGui::CalcTextSize(who.c_str()).x;
        for (const auto& a : all)
            row_w += st.ItemSpacing.x + button_width(a.label);
    }
    const float menu_w = has_actions ? st.ItemSpacing.x * 2 + button_width("Menu") : 0;
    const bool compact = name_w + skip_w + contact_w(ctx.fonts.body) + row_w > avail;
    const bool collapsed = has_actions && compact;
    const float used = compact ? skip_w : name_w + (skip ? st.ItemSpacing.x + skip_w : 0);
    const float room = avail - used - (collapsed ? menu_w : row_w);
    ImFont* contact_font = contact_w(ctx.fonts.body) <= room ? ctx.fonts.body : ctx.fonts.small;
    const bool contact_inline = contact_w(contact_font) <= room;

    if (compact)
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                            ImVec2(st.FramePadding.x, st.FramePadding.y * 0.5f));
    bool first = true;
    auto next_on_row = [&first] {
        if (!first)
            ImGui::SameLine();
        first = false;
    };
    if (!compact) {
        next_on_row();
        ImGui::PushFont(ctx.fonts.heading);
        ImGui::TextColored(ctx.colours.accent, "Waymark");
        ImGui::PopFont();
    }
    if (skip) {
        // The first stop of the Tab order on a page: past the top bar and the contents.
        next_on_row();
        if (button("Skip to page"))
            ctx.memory->skip_to_page = true;
    }
    if (contact && contact_inline) {
        // The course's pinned contact (the emergency number) stays in view on its screens.
        next_on_row();
        ImGui::PushFont(contact_font);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(contact->emergency ? ctx.colours.danger : ctx.colours.text, "%s",
                           line.c_str());
        ImGui::PopFont();
        note_item((line + "##pinned").c_str());
    }
    if (has_actions && !collapsed) {
        next_on_row();
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - row_w + st.ItemSpacing.x));
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ctx.colours.muted, "%s", who.c_str());
        for (const auto& a : all) {
            ImGui::SameLine();
            if (button((std::string(a.label) + "##top").c_str(), a.enabled))
                a.act(ctx.player);
        }
    } else if (collapsed) {
        next_on_row();
        ImGui::SetCursorPosX(
            std::max(ImGui::GetCursorPosX(), right - menu_w + st.ItemSpacing.x * 2));
        if (button("Menu##top"))
            ImGui::OpenPopup("top-menu");
        if (ImGui::BeginPopup("top-menu")) {
            ImGui::TextColored(ctx.colours.muted, "%s", who.c_str());
            ImGui::Separator();
            for (const auto& a : all) {
                const std::string label = std::string(a.label) + "##menu";
                ImGui::BeginDisabled(!a.enabled);
                const bool chosen = ImGui::Selectable(label.c_str(), false);
                ImGui::EndDisabled();
                note_item(label.c_str(), a.enabled);
                if (chosen && a.enabled) {
                    ImGui::CloseCurrentPopup();
                    a.act(ctx.player);
                }
            }
            ImGui::EndPopup();
        }
    }
    if (first)
        ImGui::NewLine();  // nothing on the row at all: it still ends
    if (compact)
        ImGui::PopStyleVar();
    if (contact && !contact_inline) {
        const std::string id = line + "##pinned";
        draw_text(ctx, line, ctx.fonts.small,
                  contact->emergency ? ctx.colours.danger : ctx.colours.text, avail);
        note_item(id.c_str());
    }
    ImGui::Separator();
    // A little air under the bar, unless every line counts.
    if (!compact)
        ImGui::Dummy(ImVec2(1, 6 * ctx.scale));
}

}  // namespace waymark::ui
