#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "draw_context.hpp"
#include "manager_parts.hpp"
#include "waymark/report/dates.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_manager_sign_in_screen(DrawContext& ctx) {
    // One rule for the sign-in screens (the learner's PIN too): the field a person must
    // type into takes the focus, so they can type at once; the heading is still read
    // first. Without a passphrase there is nothing to type, and the heading takes it.
    const bool type_at_once =
        ctx.player.manager_passphrase_set() && std::exchange(ctx.memory->focus_heading, false);
    const float w = open_screen(ctx, "Manager area");
    if (!ctx.player.manager_passphrase_set()) {
        // The player never sets the passphrase: whoever clicked first would choose it. A
        // ledger that could not say whether one is set says why instead.
        if (ctx.player.manager_problem().empty()) {
            draw_text(ctx,
                      "No manager passphrase is set on this device. An administrator sets one "
                      "with: waymark manager passphrase",
                      ctx.fonts.body, ctx.colours.text, w);
            note_item("No manager passphrase is set on this device.");
        } else {
            draw_text(ctx, ctx.player.manager_problem(), ctx.fonts.body, ctx.colours.danger, w);
        }
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        if (primary_button("Back##manager"))
            ctx.player.close_manager();
        ImGui::EndGroup();
        if (escape_pressed())
            ctx.player.close_manager();
        return;
    }
    muted(ctx, "Type the manager passphrase to see completion by team and course.");
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("Passphrase");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(w);
    if (type_at_once)
        ImGui::SetKeyboardFocusHere();
    const bool enter = password_field("##passphrase", &ctx.player.manager_passphrase());
    note_item("Passphrase");
    const std::string problem = ctx.player.manager_problem();
    if (!problem.empty())
        draw_text(ctx, problem, ctx.fonts.body, ctx.colours.danger, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    // Disabled while the wait after a wrong passphrase runs; the message counts down.
    const bool can_open = ctx.player.can_submit_manager_passphrase();
    if (primary_button("Open the manager area", can_open) || (enter && can_open))
        ctx.player.submit_manager_passphrase();
    ImGui::SameLine();
    if (button("Cancel##manager"))
        ctx.player.close_manager();
    ImGui::EndGroup();
    if (escape_pressed())
        ctx.player.close_manager();
}

namespace {

// Resetting the PIN of the learner chosen in the list: offered only for one who has a PIN
// (or one the ledger cannot vouch for), asked again with their name, then said done.
void draw_pin_reset(DrawContext& ctx, const player::ManagerArea& area, float w) {
    auto& p = ctx.player;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const player::ManagerRow* row = area.selected_row();
    if (p.confirming_pin_reset()) {
        draw_text(ctx, p.pin_reset_question(), ctx.fonts.bold, ctx.colours.text, w);
        note_item("PIN reset question", false);
        if (primary_button("Reset the PIN##pin-reset")) {
            p.confirm_pin_reset();
            ImGui::SetFocusID(learner_list_id(), window);
        }
        ImGui::SameLine();
        if (button("Cancel##pin-reset")) {
            p.cancel_pin_reset();
            ImGui::SetFocusID(learner_list_id(), window);
        }
    } else if (!row) {
        muted(ctx,
              "To reset a forgotten PIN, choose the learner in the list: click their row, or "
              "Tab to the list and use the arrow keys.");
    } else {
        const std::string who = player::name_with_staff_id(row->name, row->staff_id);
        // The chosen row whole: the table cuts long statuses short at large text sizes.
        draw_text(ctx,
                  who + ", " + std::string(row->team) + ", " + std::string(row->course_title) +
                      ": " + player::status_text(*row, area.as_of()),
                  ctx.fonts.body, ctx.colours.text, w);
        note_item("Chosen row", false);
        switch (p.chosen_pin()) {
            case player::Player::PinRecord::none:
                if (p.pin_reset_message().empty())  // else it says what became of the PIN
                    muted(ctx, who + " has no PIN to reset.");
                break;
            case player::Player::PinRecord::damaged:
                draw_text(ctx,
                          "The PIN of " + who + " cannot be checked on this device: " +
                              p.pin_record_detail() + ". Resetting it lets them choose a new one.",
                          ctx.fonts.body, ctx.colours.danger, w);
                [[fallthrough]];
            case player::Player::PinRecord::set:
                if (button(("Reset the PIN of " + std::string(row->name) + "...##ask-pin-reset")
                               .c_str())) {
                    p.ask_pin_reset();
                    // The safe choice has the focus: a second Enter resets nothing.
                    ImGui::SetFocusID(ImGui::GetID("Cancel##pin-reset"), window);
                    reveal_widget("Cancel##pin-reset");
                }
                break;
        }
    }
    if (!p.pin_reset_message().empty()) {
        draw_text(ctx, p.pin_reset_message(), ctx.fonts.body, ctx.colours.text, w);
        note_item("PIN reset message", false);
    }
}

}  // namespace

void draw_manager_screen(DrawContext& ctx) {
    ctx.player.take_manager_area();  // once its worker has read the records
    auto* area = ctx.player.manager_area();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = std::min(avail, 1200 * ctx.scale);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
    ImGui::BeginGroup();
    title(ctx, "Manager area");
    if (ctx.player.manager_loading()) {
        // Keep drawing while the worker reads: its progress is not an input event.
        ctx.memory->animating = true;
        draw_text(ctx, ctx.player.manager_load_message(), ctx.fonts.body, ctx.colours.text, w);
        note_item("Manager area loading", false);
        ImGui::ProgressBar(ctx.player.manager_load_fraction(), ImVec2(w, 0), "");
    } else if (!area) {
        draw_text(ctx, ctx.player.manager_problem(), ctx.fonts.body, ctx.colours.danger, w);
    } else {
        muted(ctx, "Who must do what by when, from the training records on this device as of " +
                       report::date_in_words(area->as_of()) +
                       ": the same figures as every report.");
        // Set up with 'waymark manager passphrase', which asks for it; a ledger set up
        // before that, or where it was skipped, prints certificates with no issuer.
        if (area->matrix().settings().name.empty()) {
            draw_text(ctx,
                      "Certificates from this device do not say who issued them: your "
                      "organisation's name is not recorded. Your administrator records it with: "
                      "waymark settings set organisation.name \"Your organisation\"",
                      ctx.fonts.body, ctx.colours.warning, w);
            note_item("No organisation name", false);
        }
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_manager_list(ctx, *area, w);
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        draw_pin_reset(ctx, *area, w);
        ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
        draw_text(ctx, "By team and course", ctx.fonts.heading, ctx.colours.text, w);
        draw_manager_teams(ctx, *area, w);
        ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
        draw_text(ctx, "Export", ctx.fonts.heading, ctx.colours.text, w);
        draw_manager_exports(ctx, *area, w);
    }
    ImGui::Dummy(ImVec2(1, 16 * ctx.scale));
    if (primary_button("Lock the manager area"))
        ctx.player.close_manager();
    ImGui::EndGroup();
    // Escape closes an open drop-down or the PIN reset's question first; only then does it
    // lock the area.
    if (escape_pressed() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        if (ctx.player.confirming_pin_reset())
            ctx.player.cancel_pin_reset();
        else
            ctx.player.close_manager();
    }
}

}  // namespace waymark::ui
