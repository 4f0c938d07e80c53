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
// a narrow window), the actions collapse into a "Menu" holding every one of them, and the
// pinned contact, which must stay in view, moves onto a line of its own, wrapped.
void draw_top_bar(DrawContext& ctx) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float left = ImGui::GetCursorPosX();
    const float right = ImGui::GetWindowContentRegionMax().x;
    ImGui::PushFont(ctx.fonts.heading);
    ImGui::TextColored(ctx.colours.accent, "Waymark");
    ImGui::PopFont();
    float used = ImGui::GetItemRectSize().x;
    const bool skip = ctx.player.screen() == Screen::course && ctx.player.reader();
    if (skip)
        used += st.ItemSpacing.x + button_width("Skip to page");

    const auto* contact = ctx.player.pinned_contact();
    std::string line;
    float line_w = 0;
    if (contact) {
        line =
            "\xE2\x98\x8E " + contact->name + (contact->phone.empty() ? "" : ": " + contact->phone);
        line_w = st.ItemSpacing.x + ImGui::CalcTextSize(line.c_str()).x;
    }

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
    const float avail = right - left;
    const float menu_w = has_actions ? st.ItemSpacing.x * 2 + button_width("Menu") : 0;
    const bool row_fits = used + line_w + row_w <= avail;
    const bool collapsed = has_actions && !row_fits;
    const bool contact_inline = used + line_w + (collapsed ? menu_w : row_w) <= avail;

    if (skip) {
        // The first stop of the Tab order on a page: past the top bar and the contents.
        ImGui::SameLine();
        if (button("Skip to page"))
            ctx.memory->skip_to_page = true;
    }
    if (contact && contact_inline) {
        // The course's pinned contact (the emergency number) stays in view on its screens.
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(contact->emergency ? ctx.colours.danger : ctx.colours.text, "%s",
                           line.c_str());
        note_item((line + "##pinned").c_str());
    }
    if (has_actions && !collapsed) {
        ImGui::SameLine();
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - row_w + st.ItemSpacing.x));
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ctx.colours.muted, "%s", who.c_str());
        for (const auto& a : all) {
            ImGui::SameLine();
            if (button((std::string(a.label) + "##top").c_str(), a.enabled))
                a.act(ctx.player);
        }
    } else if (collapsed) {
        ImGui::SameLine();
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
    if (contact && !contact_inline) {
        const std::string id = line + "##pinned";
        draw_text(ctx, line, ctx.fonts.body,
                  contact->emergency ? ctx.colours.danger : ctx.colours.text, avail);
        note_item(id.c_str());
    }
    ImGui::Separator();
}

}  // namespace waymark::ui
