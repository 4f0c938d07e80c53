#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/player/score_text.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

namespace {

void review(DrawContext& ctx, player::AssessmentSession& s, float w) {
    title(ctx, s.stage() == player::SittingStage::confirm ? "Submit your answers?"
                                                          : "Check your answers");
    if (s.stage() == player::SittingStage::confirm) {
        std::string text = "You cannot change your answers after submitting.";
        if (s.unanswered_count() > 0)
            text = std::to_string(s.unanswered_count()) +
                   (s.unanswered_count() == 1 ? " question has" : " questions have") +
                   " no answer and will score nothing. " + text;
        if (const std::size_t partly = s.partly_answered_count(); partly > 0)
            text = std::to_string(partly) + (partly == 1 ? " question is" : " questions are") +
                   " only partly answered and will score only what was given. " + text;
        draw_panel(
            ctx, ctx.colours.important_bg, ctx.colours.important_border, w,
            [&](float iw) {
                draw_text(ctx, text, ctx.fonts.body, ctx.colours.text, iw);
                if (primary_button("Yes, submit my answers"))
                    ctx.player.assessment_submit();
                ImGui::SameLine();
                if (button("Go back to my answers"))
                    ctx.player.assessment_cancel_submit();
            },
            true);
        return;
    }
    muted(ctx, "Pick a question to change its answer. Flagged questions are marked with a flag.");
    notice(ctx, w);
    if (ImGui::BeginTable("review", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                          ImVec2(w, 0))) {
        ImGui::TableSetupColumn("Question", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Answer", ImGuiTableColumnFlags_WidthFixed, 170 * ctx.scale);
        ImGui::TableSetupColumn("Flag", ImGuiTableColumnFlags_WidthFixed, 110 * ctx.scale);
        for (std::size_t i = 0; i < s.count(); ++i) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const std::string label = fit(std::to_string(i + 1) + ". " + s.question_at(i).stem,
                                          ImGui::GetContentRegionAvail().x) +
                                      "##review" + std::to_string(i);
            if (selectable(label.c_str(), false))
                ctx.player.assessment_go_to(i);
            ImGui::TableSetColumnIndex(1);
            if (s.partly_answered(i))
                ImGui::TextColored(ctx.colours.warning, "\xE2\x97\x90 Partly answered");
            else if (s.answered(i))
                ImGui::TextColored(ctx.colours.success, "\xE2\x9C\x93 Answered");
            else
                ImGui::TextColored(ctx.colours.warning, "Not answered");
            ImGui::TableSetColumnIndex(2);
            if (s.flagged(i))
                ImGui::TextColored(ctx.colours.accent, "\xE2\x9A\x91 Flagged");
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    if (primary_button("Submit answers"))
        ctx.player.assessment_ask_submit();
}

}  // namespace

void draw_assessment_intro_screen(DrawContext& ctx) {
    auto* r = ctx.player.reader();
    if (!r)
        return;
    const float w = open_screen(ctx, "Assessment");
    const auto& a = r->course().assessment;
    const std::size_t questions =
        a.draw > 0 ? static_cast<std::size_t>(a.draw) : r->course().scored_assessment_questions();
    const auto decision = ctx.player.eligibility();
    const auto* course = ctx.player.current_course();
    for (const auto& paragraph : player::assessment_intro(player::policy_of(a), questions, decision,
                                                          course && !course->preview_only()))
        draw_text(ctx, paragraph, ctx.fonts.body, ctx.colours.text, w);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    notice(ctx, w);
    const auto past = ctx.player.past_attempts();
    const bool open = std::any_of(past.begin(), past.end(), [](const auto& at) {
        return at.state() == assessment::AttemptState::in_progress;
    });
    const bool ready = ctx.player.ready_for_assessment();
    if (!ready)
        draw_text(
            ctx,
            "Read every page of the course first: the ticks in the contents show what is left.",
            ctx.fonts.body, ctx.colours.warning, w);
    else if (!decision.allowed && !open && !decision.message.empty())
        draw_text(ctx, decision.message, ctx.fonts.body, ctx.colours.warning, w);
    if (primary_button(open ? "Carry on with the assessment" : "Start the assessment",
                       ready && (decision.allowed || open)))
        ctx.player.start_assessment();
    ImGui::SameLine();
    if (button("Back to the course"))
        ctx.player.read_course(*course_index(ctx));
    ImGui::EndGroup();
}

void draw_assessment_screen(DrawContext& ctx) {
    auto* s = ctx.player.session();
    if (!s)
        return;
    const float footer = ImGui::GetFrameHeightWithSpacing() + 20 * ctx.scale;
    if (ctx.memory->question != s->index() || ctx.memory->stage != s->stage()) {
        ImGui::SetNextWindowScroll(ImVec2(0, 0));
        ctx.memory->question = s->index();
        ctx.memory->stage = s->stage();
    }
    ImGui::BeginChild("question", ImVec2(0, -footer), false);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    const float w = centre(ctx);
    ImGui::BeginGroup();
    if (s->stage() == player::SittingStage::question) {
        ImGui::PushFont(ctx.fonts.small);
        ImGui::TextColored(ctx.colours.muted, "%s", s->progress_label().c_str());
        if (auto left = s->time_left(ctx.player.now())) {
            const auto secs = left->count();
            char clock[48];
            std::snprintf(clock, sizeof clock, "Time left %lld:%02lld",
                          static_cast<long long>(secs / 60), static_cast<long long>(secs % 60));
            ImGui::SameLine(w - ImGui::CalcTextSize(clock).x);
            ImGui::TextColored(secs < 120 ? ctx.colours.danger : ctx.colours.muted, "%s", clock);
        }
        ImGui::PopFont();
        const auto& q = s->question();
        draw_text(ctx, stem_text(q), ctx.fonts.heading, ctx.colours.text, w);
        heading_anchor(ctx, stem_text(q));
        listen_button(ctx, "question:" + std::to_string(s->index()),
                      [&] { return player::question_passages(q, s->shown_at(s->index())); });
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        notice(ctx, w);
        draw_answer(ctx, q, s->shown_at(s->index()), s->draft(), "q" + std::to_string(s->index()),
                    true, w);
        // Saved as it changes (a no-op when it has not), so a crash keeps the ticks on an
        // open question; text is saved once its field is left, not at every keystroke.
        if (!ImGui::IsAnyItemActive())
            ctx.player.assessment_save_answer();
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        bool flag = s->flagged(s->index());
        if (checkbox("Flag this question to come back to", &flag))
            ctx.player.assessment_toggle_flag();
    } else {
        review(ctx, *s, w);
    }
    ImGui::EndGroup();
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
    if (s->stage() == player::SittingStage::question) {
        if (button("Back##question", s->can_go_back()))
            ctx.player.assessment_back();
        ImGui::SameLine();
        if (button("Review answers"))
            ctx.player.assessment_review();
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Next").x -
                        ImGui::GetStyle().FramePadding.x * 2);
        if (primary_button("Next##question"))
            ctx.player.assessment_next();
    }
    if (s->stage() == player::SittingStage::review && button("Back to the questions"))
        ctx.player.assessment_go_to(s->index());
    if (escape_pressed() && s->stage() == player::SittingStage::confirm)
        ctx.player.assessment_cancel_submit();
}

}  // namespace waymark::ui
