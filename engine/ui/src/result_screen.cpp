#include <imgui.h>

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

// Save the PDF certificate; once saved, where it is and a button to open it.
void certificate(DrawContext& ctx, float w) {
    if (!ctx.player.can_save_certificate())
        return;
    if (ctx.player.certificate_path().empty()) {
        if (primary_button("Save certificate (PDF)"))
            ctx.player.save_certificate();
        ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
        return;
    }
    draw_text(ctx, "Certificate saved to " + ctx.player.certificate_path().string(), ctx.fonts.body,
              ctx.colours.text, w);
    if (button("Open certificate") && ctx.hooks->open_file)
        ctx.hooks->open_file(ctx.player.certificate_path().string());
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
}

}  // namespace

void draw_result_screen(DrawContext& ctx) {
    const auto* res = ctx.player.result();
    if (!res)
        return;
    ImGui::BeginChild("result", ImVec2(0, 0), false);
    ImGui::Dummy(ImVec2(1, 8 * ctx.scale));
    const float w = open_screen(ctx, res->passed ? "You passed" : "Not passed this time");
    draw_text(ctx, player::score_sentence(*res), ctx.fonts.heading,
              res->passed ? ctx.colours.success : ctx.colours.danger, w);
    if (ctx.player.completed() && ctx.player.current_course() &&
        ctx.player.current_course()->course) {
        const auto status = ctx.player.status_of(*course_index(ctx));
        draw_panel(
            ctx, ctx.colours.note_bg, ctx.colours.success, w,
            [&](float iw) {
                draw_text(ctx, "\xE2\x9C\x93 Course complete", ctx.fonts.subheading,
                          ctx.colours.success, iw);
                draw_text(ctx, status.label() + ". Your completion is in the training record.",
                          ctx.fonts.body, ctx.colours.text, iw);
            },
            true);
        certificate(ctx, w);
    }
    notice(ctx, w);
    const auto decision = ctx.player.eligibility();
    if (!res->passed) {
        if (decision.allowed || decision.reason == assessment::StartRefusal::must_wait)
            draw_text(ctx, decision.allowed ? "You can try again now." : decision.message,
                      ctx.fonts.body, ctx.colours.text, w);
        if (primary_button("Try again", decision.allowed))
            ctx.player.start_assessment();
        ImGui::SameLine();
        if (button("Read the course again"))
            ctx.player.open_course(*course_index(ctx));
        ImGui::SameLine();
    }
    if (button("Back to the library##result"))
        ctx.player.back_to_library();
    if (ctx.player.may_review_answers()) {
        ImGui::Dummy(ImVec2(1, 12 * ctx.scale));
        draw_text(ctx, "Your answers", ctx.fonts.heading, ctx.colours.text, w);
        const auto* course = ctx.player.reader() ? &ctx.player.reader()->course() : nullptr;
        for (std::size_t i = 0; i < res->questions.size(); ++i) {
            const auto& qr = res->questions[i];
            const auto* q = course ? course->find_assessment_question(qr.question_id) : nullptr;
            ImGui::PushID(static_cast<int>(i));
            draw_panel(ctx, ctx.colours.card, ctx.colours.card_border, w, [&](float iw) {
                if (q)
                    draw_text(ctx, std::to_string(i + 1) + ". " + stem_text(*q), ctx.fonts.bold,
                              ctx.colours.text, iw);
                assessment::Score sc;
                sc.outcome = qr.outcome;
                sc.feedback = qr.feedback;
                sc.general_feedback = qr.general_feedback;
                if (!qr.answered)
                    draw_text(ctx, "Not answered", ctx.fonts.italic, ctx.colours.muted, iw);
                draw_feedback(ctx, sc, iw);
            });
            ImGui::PopID();
        }
    } else {
        draw_text(ctx,
                  "The course does not show the correct answers yet, so that later attempts "
                  "stay fair.",
                  ctx.fonts.small, ctx.colours.muted, w);
    }
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace waymark::ui
