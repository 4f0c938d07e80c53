#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

using player::Screen;

void draw_top_bar(DrawContext& ctx) {
    ImGui::PushFont(ctx.fonts.heading);
    ImGui::TextColored(ctx.colours.accent, "Waymark");
    ImGui::PopFont();
    if (ctx.player.screen() == Screen::course && ctx.player.reader()) {
        // The first stop of the Tab order on a page: past the top bar and the contents.
        ImGui::SameLine();
        if (button("Skip to page"))
            ctx.memory->skip_to_page = true;
    }
    if (const auto* contact = ctx.player.pinned_contact()) {
        // The course's pinned contact (the emergency number) stays in view on its screens.
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        const std::string line =
            "\xE2\x98\x8E " + contact->name + (contact->phone.empty() ? "" : ": " + contact->phone);
        ImGui::TextColored(contact->emergency ? ctx.colours.danger : ctx.colours.text, "%s",
                           line.c_str());
        note_item((line + "##pinned").c_str());
    }
    const auto* learner = ctx.player.learner();
    if (!learner || ctx.player.screen() == Screen::stopped) {
        ImGui::Separator();
        return;
    }
    ImGui::SameLine();
    const float right = ImGui::GetWindowContentRegionMax().x;
    const char* a = "Library##top";
    const char* b = "Settings##top";
    const char* c = "Sign out##top";
    const ImGuiStyle& st = ImGui::GetStyle();
    auto width_of = [&](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2;
    };
    const bool sign_out = ctx.player.can_sign_out();
    const float buttons = width_of(a) + width_of(b) + (sign_out ? width_of(c) : 0) +
                          st.ItemSpacing.x * (sign_out ? 2 : 1);
    const std::string who =
        learner->name + (learner->team.empty() ? "" : " \xC2\xB7 " + learner->team);
    const float who_w = ImGui::CalcTextSize(who.c_str()).x;
    ImGui::SetCursorPosX(
        std::max(ImGui::GetCursorPosX(), right - buttons - who_w - st.ItemSpacing.x * 2));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ctx.colours.muted, "%s", who.c_str());
    ImGui::SameLine();
    if (button(a, ctx.player.screen() != Screen::library))
        ctx.player.back_to_library();
    ImGui::SameLine();
    if (button(b, ctx.player.screen() != Screen::settings))
        ctx.player.open_settings();
    if (sign_out) {
        ImGui::SameLine();
        if (button(c))
            ctx.player.sign_out();
    }
    ImGui::Separator();
}

}  // namespace waymark::ui
