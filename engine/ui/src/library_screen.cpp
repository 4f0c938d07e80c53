#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

void draw_library_screen(DrawContext& ctx) {
    const float w =
        open_screen(ctx, "Your training", "Courses on this device. Pick one to start or carry on.");
    const auto& courses = ctx.player.library();
    if (courses.empty())
        draw_text(ctx,
                  "No courses were found. Put course folders or .wmpkg packages in "
                  "~/.local/share/waymark/courses, or start the player with --courses DIR.",
                  ctx.fonts.body, ctx.colours.text, w);
    for (std::size_t i = 0; i < courses.size(); ++i) {
        const auto& c = courses[i];
        const auto status = ctx.player.status_of(i);
        // Not offered to staff (a trainers' sample, a course for young people).
        if (!status.listed)
            continue;
        ImGui::PushID(static_cast<int>(i));
        draw_panel(ctx, ctx.colours.card, ctx.colours.card_border, w, [&](float iw) {
            draw_text(ctx, c.title(), ctx.fonts.heading, ctx.colours.text, iw);
            // Wrapped in the card, as every other line of it (unwrapped, it ran past the
            // card's edge at large text and cut "do not count" off).
            if (c.preview_only()) {
                draw_text(ctx,
                          "\xE2\x9A\xA0 Preview only: not signed by a publisher this device "
                          "trusts. Completions here do not count.",
                          ctx.fonts.small, ctx.colours.warning, iw);
                note_item("Preview only##card");
            }
            if (c.course) {
                if (!c.course->summary.empty())
                    draw_text(ctx, c.course->summary, ctx.fonts.body, ctx.colours.text, iw);
                char facts[160];
                std::snprintf(facts, sizeof facts, "About %d minutes  \xC2\xB7  %zu modules",
                              c.course->estimated_minutes > 0 ? c.course->estimated_minutes
                                                              : c.course->reading_minutes(),
                              c.course->modules.size());
                draw_text(ctx, facts, ctx.fonts.small, ctx.colours.muted, iw);
                // What is asked, in words (colour only repeats it): overdue, due soon, or done.
                using report::Status;
                const ImVec4 colour = status.status == Status::overdue     ? ctx.colours.danger
                                      : status.status == Status::due_soon  ? ctx.colours.warning
                                      : status.status == Status::completed ? ctx.colours.success
                                                                           : ctx.colours.text;
                draw_text(ctx, status.requirement_label(), ctx.fonts.bold, colour, iw);
                draw_text(ctx, status.label(), ctx.fonts.body, ctx.colours.text, iw);
                if (c.playable()) {
                    const char* verb = status.has_completion ? "Open"
                                       : status.started      ? "Continue"
                                                             : "Start";
                    const std::string label = std::string(verb) + "##" + c.course->id;
                    if (primary_button(label.c_str()))
                        ctx.player.open_course(i);
                }
            }
            if (!c.error.empty())
                draw_text(ctx, c.error, ctx.fonts.body, ctx.colours.danger, iw);
        });
        ImGui::Dummy(ImVec2(1, 4 * ctx.scale));
        ImGui::PopID();
    }
    manager_link(ctx);
    ImGui::EndGroup();
    // The previewed course's problems, or that there are none (an empty panel looked broken).
    if (ctx.show_diagnostics && !courses.empty())
        diagnostics(ctx, &courses.front());
}

}  // namespace waymark::ui
