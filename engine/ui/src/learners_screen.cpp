#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

// Whether Enter was pressed in the text field just drawn: the form is sent from any of its
// fields, as a web form is (ImGui takes Enter from a field and leaves it).
bool enter_in_field() {
    return ImGui::IsItemDeactivated() &&
           (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

void problems_beside(DrawContext& ctx, player::LearnerField which, float w) {
    for (const auto& problem : ctx.player.form_problems())
        if (problem.field == which)
            draw_text(ctx, problem.message, ctx.fonts.body, ctx.colours.danger, w);
}

// A labelled field with its problems under it; true when Enter was pressed in it.
// `take_focus` starts typing in it now.
bool field(DrawContext& ctx, const char* label, const char* hint, std::string* value,
           std::optional<player::LearnerField> which, float w, bool take_focus = false) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    if (hint && *hint)
        muted(ctx, hint);
    ImGui::SetNextItemWidth(w);
    if (take_focus)
        ImGui::SetKeyboardFocusHere();
    input_text((std::string("##") + label).c_str(), value);
    const bool enter = enter_in_field();
    // The harness finds text fields by the label above them.
    note_item(label);
    if (which)
        problems_beside(ctx, *which, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    return enter;
}

// A PIN field: what is typed shows as dots (ImGui's password mode, which also keeps it off
// the clipboard); true when Enter was pressed in it. `take_focus` starts typing in it now.
bool pin_field(DrawContext& ctx, const char* label, const char* hint, std::string* value,
               player::LearnerField which, float w, bool take_focus = false) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    if (hint && *hint)
        muted(ctx, hint);
    ImGui::SetNextItemWidth(std::min(w, 320 * ctx.scale));
    if (take_focus)
        ImGui::SetKeyboardFocusHere();
    const bool enter = password_field((std::string("##") + label).c_str(), value, true);
    note_item(label);
    problems_beside(ctx, which, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    return enter;
}

// Whether the PIN step is drawn for the first time since it opened (for this learner and
// step), kept in ImGui's storage for the window: the PIN field then takes the focus, so
// the learner who picked their name with Enter types their PIN straight away.
bool pin_step_opened(const player::Player& p) {
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID key = ImGui::GetID("pin-step-shown");
    const int token = p.pin_step() == player::Player::PinStep::none
                          ? 0
                          : static_cast<int>(p.pin_learner() - p.learners().data()) * 3 +
                                static_cast<int>(p.pin_step());
    const bool opened = token != 0 && storage->GetInt(key, 0) != token;
    storage->SetInt(key, token);
    return opened;
}

// The PIN step after a learner picked their name: type it, or choose one.
void draw_pin_step(DrawContext& ctx) {
    const bool opened = pin_step_opened(ctx.player);
    const auto* who = ctx.player.pin_learner();
    const bool choose = ctx.player.pin_step() == player::Player::PinStep::choose;
    const float w =
        open_screen(ctx, choose ? "Choose a PIN" : "Type your PIN",
                    choose ? "Your organisation asks everyone to sign in with a PIN, so nobody "
                             "else can take training in your name."
                           : "So nobody else can take training in your name.");
    draw_text(ctx, who->name + (who->team.empty() ? "" : "  \xC2\xB7  " + who->team),
              ctx.fonts.bold, ctx.colours.text, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    auto& f = ctx.player.form();
    bool enter = false;
    if (choose) {
        enter |= pin_field(ctx, "PIN", "4 to 12 digits only you know.", &f.pin,
                           player::LearnerField::pin, w, opened);
        enter |=
            pin_field(ctx, "PIN again", nullptr, &f.pin_again, player::LearnerField::pin_again, w);
    } else {
        enter |= pin_field(ctx, "PIN", nullptr, &f.pin, player::LearnerField::pin, w, opened);
        const std::string problem = ctx.player.pin_problem();
        if (!problem.empty())
            draw_text(ctx, problem, ctx.fonts.body, ctx.colours.danger, w);
        muted(ctx, "Forgotten it? A manager can reset it for you.");
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    }
    // Disabled while the wait after wrong PINs runs; the message counts down.
    const bool can_sign_in = ctx.player.can_submit_pin();
    if (primary_button(choose ? "Save PIN and sign in" : "Sign in", can_sign_in) ||
        (enter && can_sign_in))
        ctx.player.submit_pin();
    ImGui::SameLine();
    if (button("Back##pin"))
        ctx.player.cancel_pin();
    ImGui::EndGroup();
    if (escape_pressed())
        ctx.player.cancel_pin();
}

}  // namespace

void draw_learners_screen(DrawContext& ctx) {
    if (ctx.player.pin_step() != player::Player::PinStep::none)
        return draw_pin_step(ctx);
    pin_step_opened(ctx.player);  // forgets the last step, so the next one takes the focus
    // The sign-in screens' rule (manager_screen.cpp): the field to type into takes the
    // focus when the screen opens. Here the search, when the list is long enough to have
    // one: a learner types their name instead of scrolling for it.
    const bool searching = ctx.player.offers_learner_search();
    const bool type_at_once = searching && std::exchange(ctx.memory->focus_heading, false);
    const float w = open_screen(ctx, "Who is taking training?",
                                searching ? "Find your name to carry on where you left off."
                                          : "Pick your name to carry on where you left off.");
    std::string& typed = ctx.player.learner_search();
    const bool enter =
        searching && field(ctx, "Find your name", "Type part of your name or staff id.", &typed,
                           std::nullopt, w, type_at_once);
    // After the field, so the list and Enter follow what was typed in this frame too.
    const std::vector<std::size_t> listed = ctx.player.learners_listed();
    // Enter picks the only name left, as a search box's first result would be.
    if (enter && listed.size() == 1)
        ctx.player.choose_learner(listed.front());
    if (searching && listed.empty()) {
        const std::string none = "No one here matches \"" + typed +
                                 "\". Check the spelling, or add yourself if you are new.";
        draw_text(ctx, none, ctx.fonts.body, ctx.colours.muted, w);
        note_item((none + "##no-match").c_str());
    }
    const auto& people = ctx.player.learners();
    for (std::size_t i : listed) {
        const auto& l = people[i];
        std::string label = l.name + (l.team.empty() ? "" : "  \xC2\xB7  " + l.team) + "##learner" +
                            std::to_string(i);
        if (button(label.c_str(), true, ImVec2(w, 0)))
            ctx.player.choose_learner(i);
    }
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    if (primary_button("Add yourself"))
        ctx.player.show_add_learner();
    manager_link(ctx);
    ImGui::EndGroup();
}

void draw_add_learner_screen(DrawContext& ctx) {
    // The sign-in screens' rule (manager_screen.cpp): the field to type into takes the
    // focus when the screen opens. Here it is the name: the first screen of a new device,
    // where typing at once went nowhere until a Tab.
    const bool type_at_once = std::exchange(ctx.memory->focus_heading, false);
    const float w = open_screen(
        ctx, "Add yourself", "Your manager sees your name and team beside your training record.");
    auto& f = ctx.player.form();
    bool enter = field(ctx, "Name", nullptr, &f.name, player::LearnerField::name, w, type_at_once);
    enter |= field(ctx, "Staff id", "Letters, digits and hyphens, such as WF-10234.", &f.staff_id,
                   player::LearnerField::staff_id, w);
    enter |= field(ctx, "Team", nullptr, &f.team, player::LearnerField::team, w);
    enter |= field(ctx, "Role", "Such as family worker, teacher or receptionist.", &f.role,
                   player::LearnerField::role, w);
    const bool required = ctx.player.pins_required();
    enter |= pin_field(ctx, required ? "PIN" : "PIN (optional)",
                       required ? "Your organisation asks for one: 4 to 12 digits only you know."
                                : "4 to 12 digits, so nobody else can sign in as you.",
                       &f.pin, player::LearnerField::pin, w);
    enter |= pin_field(ctx, "PIN again", nullptr, &f.pin_again, player::LearnerField::pin_again, w);
    if (primary_button("Save and continue") || enter)
        ctx.player.submit_learner_form();
    if (!ctx.player.learners().empty()) {
        ImGui::SameLine();
        if (button("Cancel"))
            ctx.player.cancel_add_learner();
    }
    ImGui::EndGroup();
    if (escape_pressed() && !ctx.player.learners().empty())
        ctx.player.cancel_add_learner();
}

}  // namespace waymark::ui
