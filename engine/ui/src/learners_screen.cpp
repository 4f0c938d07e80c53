#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

void field(DrawContext& ctx, const char* label, const char* hint, std::string* value,
           player::LearnerField which, float w) {
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    if (hint && *hint)
        muted(ctx, hint);
    ImGui::SetNextItemWidth(w);
    input_text((std::string("##") + label).c_str(), value);
    // The harness finds text fields by the label above them.
    note_item(label);
    for (const auto& problem : ctx.player.form_problems())
        if (problem.field == which)
            draw_text(ctx, problem.message, ctx.fonts.body, ctx.colours.danger, w);
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
}

}  // namespace

void draw_learners_screen(DrawContext& ctx) {
    const float w = open_screen(ctx, "Who is taking training?",
                                "Pick your name to carry on where you left off.");
    const auto& people = ctx.player.learners();
    for (std::size_t i = 0; i < people.size(); ++i) {
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
    const float w = open_screen(
        ctx, "Add yourself", "Your manager sees your name and team beside your training record.");
    auto& f = ctx.player.form();
    field(ctx, "Name", nullptr, &f.name, player::LearnerField::name, w);
    field(ctx, "Staff id", "Letters, digits and hyphens, such as WF-10234.", &f.staff_id,
          player::LearnerField::staff_id, w);
    field(ctx, "Team", nullptr, &f.team, player::LearnerField::team, w);
    field(ctx, "Role", "Such as family worker, teacher or receptionist.", &f.role,
          player::LearnerField::role, w);
    if (primary_button("Save and continue"))
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
