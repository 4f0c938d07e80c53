#include <string>

#include "draw_context.hpp"
#include "waymark/assessment/scenario.hpp"
#include "waymark/player/score_text.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {
namespace {

using content::QuestionType;

// The width of a field whose label ImGui draws after it, so that both fit in `width` (the
// card's inside): a field as wide as the card pushed its label past the card's edge.
float width_beside_label(const char* label, float width) {
    return std::max(1.0f,
                    width - ImGui::CalcTextSize(label).x - ImGui::GetStyle().ItemInnerSpacing.x);
}

// One option the learner can pick: a radio circle or tick box, then the option's text
// wrapped; the whole row is the click target, named by the option's text.
bool choice_row(DrawContext& ctx, const std::string& id, const std::string& text, bool active,
                bool tick_box, bool enabled, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float pad = 10 * ctx.scale;
    const float box = ctx.fonts.body->FontSize;
    const float text_x = start.x + pad + box + 12 * ctx.scale;
    ImGui::SetCursorScreenPos(ImVec2(text_x, start.y + pad * 0.6f));
    draw_text(ctx, text, ctx.fonts.body, enabled ? ctx.colours.text : ctx.colours.muted,
              width - (text_x - start.x) - pad);
    const float bottom = ImGui::GetItemRectMax().y + pad * 0.6f;
    const ImVec2 end(start.x + width, bottom);
    const float line_mid = start.y + pad * 0.6f + ctx.fonts.body->FontSize * 0.75f;
    const ImVec2 centre(start.x + pad + box / 2, line_mid);
    const ImU32 ink = ImGui::GetColorU32(active ? ctx.colours.accent : ctx.colours.muted);
    if (tick_box) {
        dl->AddRect(ImVec2(centre.x - box / 2, centre.y - box / 2),
                    ImVec2(centre.x + box / 2, centre.y + box / 2), ink, 3, 0, 2);
        if (active) {
            dl->AddRectFilled(ImVec2(centre.x - box / 2, centre.y - box / 2),
                              ImVec2(centre.x + box / 2, centre.y + box / 2), ink, 3);
            const char* tick = "\xE2\x9C\x93";
            const ImVec2 ts =
                ctx.fonts.bold->CalcTextSizeA(ctx.fonts.bold->FontSize, FLT_MAX, 0, tick);
            dl->AddText(ctx.fonts.bold, ctx.fonts.bold->FontSize,
                        ImVec2(centre.x - ts.x / 2, centre.y - ts.y / 2),
                        ImGui::GetColorU32(ctx.colours.accent_text), tick);
        }
    } else {
        dl->AddCircle(centre, box / 2, ink, 24, 2);
        if (active)
            dl->AddCircleFilled(centre, box / 4, ink, 24);
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::BeginDisabled(!enabled);
    const bool clicked =
        ImGui::InvisibleButton((text + "##" + id).c_str(), ImVec2(width, end.y - start.y));
    ImGui::EndDisabled();
    note_item((text + "##" + id).c_str(), enabled);
    if (ImGui::IsItemHovered() || active)
        dl->AddRect(start, end,
                    ImGui::GetColorU32(active ? ctx.colours.accent : ctx.colours.card_border),
                    6 * ctx.scale, 0, active ? 2.f : 1.f);
    return clicked && enabled;
}

void draw_choices(DrawContext& ctx, const content::Question& q,
                  const assessment::Presentation& shown, player::AnswerDraft& d,
                  const std::string& id, bool enabled, float width) {
    const bool multi = q.type == QuestionType::multiple_response;
    if (multi)
        draw_text(ctx, "Tick every answer that applies.", ctx.fonts.small, ctx.colours.muted,
                  width);
    for (std::size_t pos = 0; pos < shown.options.size(); ++pos) {
        const auto& choice = q.choices[shown.options[pos]];
        const bool active =
            multi ? (pos < d.ticked.size() && d.ticked[pos]) : d.chosen == static_cast<int>(pos);
        if (choice_row(ctx, id + "-" + std::to_string(pos), choice.text, active, multi, enabled,
                       width)) {
            if (multi && pos < d.ticked.size())
                d.ticked[pos] = !d.ticked[pos];
            else
                d.chosen = static_cast<int>(pos);
        }
    }
}

void draw_matching(DrawContext& ctx, const content::Question& q,
                   const assessment::Presentation& shown, player::AnswerDraft& d,
                   const std::string& id, bool enabled, float width) {
    const float left = width * 0.5f;
    for (std::size_t p = 0; p < shown.prompts.size() && p < d.matched.size(); ++p) {
        ImGui::PushID(static_cast<int>(p));
        const int chosen = d.matched[p];
        const std::string preview =
            chosen >= 0 && static_cast<std::size_t>(chosen) < shown.answers.size()
                ? q.pairs[shown.answers[chosen]].answer
                : "Choose a match\xE2\x80\xA6";
        // The choice sits beside its prompt, or under it at full width when the chosen
        // match would be cut off in half the column.
        const float arrow = ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
        const bool beside = ImGui::CalcTextSize(preview.c_str()).x + arrow <= width - left;
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + ImGui::GetStyle().FramePadding.y * 0.5f);
        draw_text(ctx, q.pairs[shown.prompts[p]].prompt, ctx.fonts.body, ctx.colours.text,
                  beside ? left - 12 * ctx.scale : width);
        const float after = ImGui::GetCursorPosY();
        if (beside) {
            ImGui::SetCursorPosY(y);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
        }
        ImGui::SetNextItemWidth(beside ? width - left : width);
        const std::string combo = "##match-" + id + "-" + std::to_string(p);
        ImGui::BeginDisabled(!enabled);
        const bool open = ImGui::BeginCombo(combo.c_str(), preview.c_str());
        note_item((q.pairs[shown.prompts[p]].prompt + combo).c_str(), enabled);
        if (open) {
            for (std::size_t a = 0; a < shown.answers.size(); ++a) {
                const std::string item = q.pairs[shown.answers[a]].answer + "##" + id + "-" +
                                         std::to_string(p) + "-" + std::to_string(a);
                if (selectable(item.c_str(), chosen == static_cast<int>(a)))
                    d.matched[p] = static_cast<int>(a);
            }
            ImGui::EndCombo();
        }
        ImGui::EndDisabled();
        ImGui::SetCursorPosY(std::max(after, ImGui::GetCursorPosY()));
        ImGui::PopID();
    }
}

void draw_ordering(DrawContext& ctx, const content::Question& q,
                   const assessment::Presentation& shown, player::AnswerDraft& d,
                   const std::string& id, bool enabled, float width) {
    draw_text(ctx, "Put these in order, first at the top. Use Move up and Move down.",
              ctx.fonts.small, ctx.colours.muted, width);
    ImGui::PushFont(ctx.fonts.small);
    const float buttons = ImGui::CalcTextSize("Move upMove down").x +
                          ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x +
                          4 * ctx.scale;
    ImGui::PopFont();
    for (std::size_t row = 0; row < d.arrangement.size(); ++row) {
        ImGui::PushID(static_cast<int>(row));
        const std::size_t pos = d.arrangement[row];
        const std::string text = pos < shown.options.size() && shown.options[pos] < q.order.size()
                                     ? q.order[shown.options[pos]]
                                     : std::string();
        draw_panel(ctx, ctx.colours.card, ctx.colours.card_border, width, [&](float w) {
            const float y = ImGui::GetCursorPosY();
            ImGui::SetCursorPosY(y + ImGui::GetStyle().FramePadding.y * 0.5f);
            draw_text(ctx, std::to_string(row + 1) + ".  " + text, ctx.fonts.body, ctx.colours.text,
                      w - buttons);
            const float after = ImGui::GetCursorPosY();
            ImGui::SetCursorPosY(y);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + w - buttons);
            const std::string up = "Move up##" + id + "-" + std::to_string(row);
            const std::string down = "Move down##" + id + "-" + std::to_string(row);
            ImGui::PushFont(ctx.fonts.small);
            if (button(up.c_str(), enabled && row > 0))
                std::swap(d.arrangement[row], d.arrangement[row - 1]);
            ImGui::SameLine();
            if (button(down.c_str(), enabled && row + 1 < d.arrangement.size()))
                std::swap(d.arrangement[row], d.arrangement[row + 1]);
            ImGui::PopFont();
            ImGui::SetCursorPosY(std::max(after, ImGui::GetCursorPosY()));
        });
        ImGui::PopID();
    }
}

void draw_scenario(DrawContext& ctx, const content::Question& q, player::AnswerDraft& d,
                   const std::string& id, bool enabled, float width) {
    auto walk = assessment::walk_scenario(q, assessment::ScenarioPath{d.path});
    if (!walk) {
        d.path.clear();
        return;
    }
    // Inside an attempt the story is scored: no feedback on each step and no starting
    // again, or a learner could retry until right. Its feedback comes with the result, as
    // the assessment's review policy allows. Practice scenarios in the pages keep both.
    const bool scored = ctx.player.screen() == player::Screen::assessment;
    for (std::size_t i = 0; i < d.path.size() && i < walk->steps.size(); ++i) {
        const auto& step = q.steps[walk->steps[i]];
        draw_text(ctx, step.text, ctx.fonts.body, ctx.colours.muted, width);
        draw_text(ctx, "You chose: " + step.options[d.path[i]].text, ctx.fonts.bold,
                  ctx.colours.text, width);
        if (!scored && i < walk->feedback.size() && !walk->feedback[i].empty())
            draw_text(ctx, walk->feedback[i], ctx.fonts.italic, ctx.colours.muted, width);
        ImGui::Separator();
    }
    if (walk->current) {
        const auto& step = q.steps[*walk->current];
        draw_text(ctx, step.text, ctx.fonts.body, ctx.colours.text, width);
        for (std::size_t o = 0; o < step.options.size(); ++o)
            if (choice_row(ctx, id + "-s" + std::to_string(d.path.size()) + "-" + std::to_string(o),
                           step.options[o].text, false, false, enabled, width))
                d.path.push_back(o);
    } else {
        draw_text(ctx,
                  scored ? "You reached the end of this story. Your choices are your answer."
                         : "You reached the end of this story.",
                  ctx.fonts.italic, ctx.colours.muted, width);
    }
    if (!scored && !d.path.empty() && button(("Start the story again##" + id).c_str(), enabled))
        d.path.clear();
}

}  // namespace

std::string stem_text(const content::Question& q) {
    if (!q.is_missing_word())
        return q.stem;
    return q.stem + " ______ " + q.stem_after;
}

void draw_answer(DrawContext& ctx, const content::Question& q,
                 const assessment::Presentation& shown, player::AnswerDraft& d,
                 const std::string& id, bool enabled, float width) {
    ImGui::PushID(id.c_str());
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false:
        case QuestionType::multiple_response:
            draw_choices(ctx, q, shown, d, id, enabled, width);
            break;
        case QuestionType::matching:
            draw_matching(ctx, q, shown, d, id, enabled, width);
            break;
        case QuestionType::ordering:
            draw_ordering(ctx, q, shown, d, id, enabled, width);
            break;
        case QuestionType::short_answer:
            if (q.is_missing_word())
                draw_text(ctx, "\xE2\x80\xA6 " + q.stem_after, ctx.fonts.body, ctx.colours.text,
                          width);
            ImGui::SetNextItemWidth(width_beside_label("Your answer", width));
            ImGui::BeginDisabled(!enabled);
            input_text(("Your answer##" + id).c_str(), &d.text);
            ImGui::EndDisabled();
            break;
        case QuestionType::numerical:
            ImGui::SetNextItemWidth(std::min(width, 240 * ctx.scale));
            ImGui::BeginDisabled(!enabled);
            input_text(("Your number##" + id).c_str(), &d.number);
            ImGui::EndDisabled();
            break;
        case QuestionType::essay:
            ImGui::SetNextItemWidth(width_beside_label("Your reflection", width));
            ImGui::BeginDisabled(!enabled);
            input_text(("Your reflection##" + id).c_str(), &d.text, true, 140 * ctx.scale);
            ImGui::EndDisabled();
            break;
        case QuestionType::scenario:
            draw_scenario(ctx, q, d, id, enabled, width);
            break;
        case QuestionType::description:
            break;
    }
    ImGui::PopID();
}

void draw_feedback(DrawContext& ctx, const assessment::Score& score, float width) {
    ImVec4 colour = ctx.colours.success;
    std::string heading = "\xE2\x9C\x93 Correct";
    if (score.outcome == assessment::Outcome::partial) {
        colour = ctx.colours.warning;
        heading = "\xE2\x97\x90 Partly right";
    } else if (score.outcome == assessment::Outcome::incorrect) {
        colour = ctx.colours.danger;
        heading = "\xE2\x9C\x97 Not quite";
    }
    ImGui::PushFont(ctx.fonts.subheading);
    ImGui::TextColored(colour, "%s", heading.c_str());
    ImGui::PopFont();
    for (const auto& line : player::feedback_lines(score))
        draw_text(ctx, line, ctx.fonts.body, ctx.colours.text, width);
}

}  // namespace waymark::ui
