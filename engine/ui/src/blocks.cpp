#include <string>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {
namespace {

using content::Block;
using content::BlockKind;

void gap(const DrawContext& ctx, float units) {
    ImGui::Dummy(ImVec2(1, units * ctx.scale));
}

void draw_block(DrawContext& ctx, const Block& b, const course::Module& module, float width);

void draw_children(DrawContext& ctx, const std::vector<Block>& blocks, const course::Module& module,
                   float width) {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        draw_block(ctx, blocks[i], module, width);
        ImGui::PopID();
    }
}

void draw_list(DrawContext& ctx, const Block& b, const course::Module& module, float width) {
    const float marker = 30 * ctx.scale;
    for (std::size_t i = 0; i < b.items.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string mark = b.ordered ? std::to_string(b.start + static_cast<int>(i)) + "."
                                           : "\xE2\x80\xA2";  // bullet
        ImGui::GetWindowDrawList()->AddText(
            ctx.fonts.body, ctx.fonts.body->FontSize,
            ImVec2(at.x + 6 * ctx.scale, at.y + ctx.fonts.body->FontSize * 0.25f),
            ImGui::GetColorU32(ctx.colours.muted), mark.c_str());
        ImGui::SetCursorScreenPos(ImVec2(at.x + marker, at.y));
        ImGui::BeginGroup();
        const float saved = ImGui::GetStyle().ItemSpacing.y;
        ImGui::GetStyle().ItemSpacing.y = 4 * ctx.scale;
        draw_children(ctx, b.items[i].blocks, module, width - marker);
        ImGui::GetStyle().ItemSpacing.y = saved;
        ImGui::EndGroup();
        ImGui::PopID();
    }
}

void draw_table(DrawContext& ctx, const Block& b, float width) {
    const auto& t = b.table;
    if (t.header.empty())
        return;
    if (!t.caption.empty())
        draw_inlines(ctx, t.caption, ctx.fonts.bold, ctx.colours.text, width);
    const int columns = static_cast<int>(t.header.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoHostExtendX;
    if (!ImGui::BeginTable("table", columns, flags, ImVec2(width, 0)))
        return;
    for (int c = 0; c < columns; ++c)
        ImGui::TableSetupColumn(content::plain_text(t.header[c]).c_str());
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < columns; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::PushID(c);
        draw_inlines(ctx, t.header[c], ctx.fonts.bold, ctx.colours.text,
                     ImGui::GetContentRegionAvail().x);
        ImGui::PopID();
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        ImGui::TableNextRow();
        for (int c = 0; c < columns && c < static_cast<int>(t.rows[r].size()); ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::PushID(static_cast<int>(r * 1000 + c));
            draw_inlines(ctx, t.rows[r][c], ctx.fonts.body, ctx.colours.text,
                         ImGui::GetContentRegionAvail().x);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void draw_image(DrawContext& ctx, const Block& b, const course::Module& module, float width) {
    const Texture* tex = ctx.image ? ctx.image(module.file, b.image.src) : nullptr;
    if (!tex || tex->width <= 0) {
        draw_panel(ctx, ctx.colours.code_bg, ctx.colours.card_border, width, [&](float w) {
            draw_text(ctx, "Image not available: " + b.image.alt, ctx.fonts.italic,
                      ctx.colours.muted, w);
        });
        return;
    }
    float w = std::min(width, static_cast<float>(tex->width) * ctx.scale);
    float h = w * static_cast<float>(tex->height) / static_cast<float>(tex->width);
    const float max_h = 420 * ctx.scale;
    if (h > max_h) {
        w *= max_h / h;
        h = max_h;
    }
    ImGui::Image(tex->id, ImVec2(w, h));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", b.image.alt.c_str());
    const std::string& caption = b.image.title.empty() ? b.image.alt : b.image.title;
    draw_text(ctx, caption, ctx.fonts.small, ctx.colours.muted, width);
}

void draw_callout(DrawContext& ctx, const Block& b, const course::Module& module, float width) {
    ImVec4 bg = ctx.colours.note_bg, border = ctx.colours.note_border;
    const char* icon = "\xE2\x84\xB9";  // information source
    const char* name = "Note";
    if (b.callout == content::CalloutKind::important) {
        bg = ctx.colours.important_bg;
        border = ctx.colours.important_border;
        icon = "\xE2\x9A\xA0";  // warning sign
        name = "Important";
    } else if (b.callout == content::CalloutKind::emergency) {
        bg = ctx.colours.emergency_bg;
        border = ctx.colours.emergency_border;
        icon = "\xE2\x98\x8E";  // telephone
        name = "Emergency";
    }
    draw_panel(
        ctx, bg, border, width,
        [&](float w) {
            ImGui::PushStyleColor(ImGuiCol_Text, border);
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextUnformatted(icon);
            ImGui::SameLine();
            ImGui::TextUnformatted(name);
            ImGui::PopFont();
            ImGui::PopStyleColor();
            if (!b.title.empty())
                draw_inlines(ctx, b.title, ctx.fonts.bold, ctx.colours.text, w);
            draw_children(ctx, b.children, module, w);
        },
        true);
}

void copy_line(DrawContext& ctx, const char* what, const std::string& value,
               const std::string& id) {
    if (value.empty())
        return;
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(what);
    ImGui::PopFont();
    ImGui::SameLine(110 * ctx.scale);
    ImGui::TextUnformatted(value.c_str());
    ImGui::SameLine();
    const std::string label = "Copy##" + id + what;
    ImGui::PushFont(ctx.fonts.small);
    if (button(label.c_str())) {
        ImGui::SetClipboardText(value.c_str());
        *ctx.copied = value;
    }
    if (*ctx.copied == value) {
        ImGui::SameLine();
        ImGui::TextColored(ctx.colours.success, "\xE2\x9C\x93 Copied");
    }
    ImGui::PopFont();
}

void draw_contact(DrawContext& ctx, const Block& b, float width) {
    const course::Contact* c = ctx.player.current_course() && ctx.player.current_course()->course
                                   ? ctx.player.current_course()->course->find_contact(b.ref)
                                   : nullptr;
    if (!c)
        return;
    const ImVec4 border = c->emergency ? ctx.colours.emergency_border : ctx.colours.card_border;
    draw_panel(ctx, ctx.colours.card, border, width, [&](float w) {
        ImGui::PushFont(ctx.fonts.subheading);
        if (c->emergency)
            ImGui::TextColored(ctx.colours.danger, "\xE2\x98\x8E %s", c->name.c_str());
        else
            ImGui::TextUnformatted(c->name.c_str());
        ImGui::PopFont();
        if (!c->role.empty())
            draw_text(ctx, c->role, ctx.fonts.italic, ctx.colours.muted, w);
        if (!c->description.empty())
            draw_text(ctx, c->description, ctx.fonts.body, ctx.colours.text, w);
        copy_line(ctx, "Phone", c->phone, c->id);
        copy_line(ctx, "Email", c->email, c->id);
        copy_line(ctx, "Website", c->url, c->id);
        if (!c->hours.empty())
            draw_text(ctx, "Hours: " + c->hours, ctx.fonts.small, ctx.colours.muted, w);
    });
}

void draw_steps(DrawContext& ctx, const Block& b, const course::Module& module, float width) {
    if (!b.title.empty())
        draw_inlines(ctx, b.title, ctx.fonts.subheading, ctx.colours.text, width);
    const float radius = 15 * ctx.scale;
    const float indent = radius * 2 + 16 * ctx.scale;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < b.steps.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 centre(at.x + radius, at.y + radius);
        dl->AddCircleFilled(centre, radius, ImGui::GetColorU32(ctx.colours.accent));
        const std::string number = std::to_string(i + 1);
        const ImVec2 size =
            ctx.fonts.bold->CalcTextSizeA(ctx.fonts.bold->FontSize, FLT_MAX, 0, number.c_str());
        dl->AddText(ctx.fonts.bold, ctx.fonts.bold->FontSize,
                    ImVec2(centre.x - size.x / 2, centre.y - size.y / 2),
                    ImGui::GetColorU32(ctx.colours.accent_text), number.c_str());
        ImGui::SetCursorScreenPos(
            ImVec2(at.x + indent, at.y + radius - ctx.fonts.body->FontSize * 0.75f));
        ImGui::BeginGroup();
        // A step's title and detail read as one item: keep them close.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                            ImVec2(ImGui::GetStyle().ItemSpacing.x, 2 * ctx.scale));
        draw_inlines(ctx, b.steps[i].title, ctx.fonts.bold, ctx.colours.text, width - indent);
        draw_children(ctx, b.steps[i].detail, module, width - indent);
        ImGui::PopStyleVar();
        ImGui::EndGroup();
        if (i + 1 < b.steps.size()) {
            const ImVec2 below = ImGui::GetCursorScreenPos();
            const char* arrow = "\xE2\x86\x93";  // downwards arrow
            const ImVec2 asz =
                ctx.fonts.heading->CalcTextSizeA(ctx.fonts.heading->FontSize, FLT_MAX, 0, arrow);
            dl->AddText(ctx.fonts.heading, ctx.fonts.heading->FontSize,
                        ImVec2(at.x + radius - asz.x / 2, below.y - 8 * ctx.scale),
                        ImGui::GetColorU32(ctx.colours.muted), arrow);
            ImGui::Dummy(ImVec2(1, asz.y - 8 * ctx.scale));
        }
        ImGui::PopID();
    }
}

void draw_check(DrawContext& ctx, const Block& b, float width) {
    player::CheckState* state = ctx.player.reader() ? ctx.player.reader()->check(b.ref) : nullptr;
    const content::Question* q =
        ctx.player.reader() ? ctx.player.reader()->course().find_knowledge_check(b.ref) : nullptr;
    if (!state || !q)
        return;
    draw_panel(ctx, ctx.colours.card, ctx.colours.accent, width, [&](float w) {
        ImGui::PushFont(ctx.fonts.small);
        ImGui::TextColored(ctx.colours.accent, "CHECK YOUR UNDERSTANDING");
        ImGui::PopFont();
        draw_text(ctx, stem_text(*q), ctx.fonts.bold, ctx.colours.text, w);
        const bool answered = state->feedback.has_value() || state->reflected;
        draw_answer(ctx, *q, state->shown, state->draft, "check-" + q->id, !answered, w);
        if (state->feedback) {
            draw_feedback(ctx, *state->feedback, w);
            if (state->may_try_again() && button(("Try again##" + q->id).c_str()))
                ctx.player.try_check_again(q->id);
        } else if (state->reflected) {
            draw_text(ctx, "Thank you: your reflection is for you and is not marked.",
                      ctx.fonts.italic, ctx.colours.muted, w);
            if (!q->general_feedback.empty())
                draw_text(ctx, q->general_feedback, ctx.fonts.body, ctx.colours.text, w);
            if (button(("Try again##" + q->id).c_str()))
                ctx.player.try_check_again(q->id);
        } else {
            const bool ready = player::is_complete(*q, state->draft);
            if (primary_button(("Check answer##" + q->id).c_str(), ready))
                ctx.player.check_answer(q->id);
        }
    });
}

void draw_block(DrawContext& ctx, const Block& b, const course::Module& module, float width) {
    switch (b.kind) {
        case BlockKind::heading:
            gap(ctx, 8);
            draw_inlines(ctx, b.text, b.level <= 2 ? ctx.fonts.heading : ctx.fonts.subheading,
                         ctx.colours.text, width);
            break;
        case BlockKind::paragraph:
            draw_inlines(ctx, b.text, ctx.fonts.body, ctx.colours.text, width);
            break;
        case BlockKind::list:
            draw_list(ctx, b, module, width);
            break;
        case BlockKind::table:
            draw_table(ctx, b, width);
            break;
        case BlockKind::image:
            draw_image(ctx, b, module, width);
            break;
        case BlockKind::quote: {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(at.x + 20 * ctx.scale, at.y));
            ImGui::BeginGroup();
            for (const auto& child : b.children) {
                if (child.kind == BlockKind::paragraph)
                    draw_inlines(ctx, child.text, ctx.fonts.italic, ctx.colours.muted,
                                 width - 20 * ctx.scale);
                else
                    draw_block(ctx, child, module, width - 20 * ctx.scale);
            }
            ImGui::EndGroup();
            ImGui::GetWindowDrawList()->AddRectFilled(
                at, ImVec2(at.x + 4 * ctx.scale, ImGui::GetItemRectMax().y),
                ImGui::GetColorU32(ctx.colours.card_border));
            break;
        }
        case BlockKind::callout:
            draw_callout(ctx, b, module, width);
            break;
        case BlockKind::contact_card:
            draw_contact(ctx, b, width);
            break;
        case BlockKind::step_flow:
            draw_steps(ctx, b, module, width);
            break;
        case BlockKind::knowledge_check:
            gap(ctx, 6);
            draw_check(ctx, b, width);
            break;
        case BlockKind::code:
            draw_panel(ctx, ctx.colours.code_bg, ctx.colours.code_bg, width, [&](float) {
                ImGui::PushFont(ctx.fonts.mono);
                ImGui::TextUnformatted(b.code.c_str());
                ImGui::PopFont();
            });
            break;
        case BlockKind::rule: {
            // A rule as wide as the text column, not the whole window.
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float y = at.y + 8 * ctx.scale;
            ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, y), ImVec2(at.x + width, y),
                                                ImGui::GetColorU32(ctx.colours.card_border), 1.5f);
            ImGui::Dummy(ImVec2(width, 16 * ctx.scale));
            break;
        }
    }
}

}  // namespace

void mark_heard(const DrawContext& ctx, float top, float bottom) {
    const float x = ImGui::GetCursorScreenPos().x - 14 * ctx.scale;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, top), ImVec2(x + 5 * ctx.scale, bottom),
                                              ImGui::GetColorU32(ctx.colours.accent),
                                              2 * ctx.scale);
}

void draw_blocks(DrawContext& ctx, const std::vector<content::Block>& blocks,
                 const course::Module& module, float width) {
    // As draw_children, and the block being read aloud is marked in the margin.
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const float top = ImGui::GetCursorScreenPos().y;
        draw_block(ctx, blocks[i], module, width);
        if (ctx.memory && ctx.memory->heard_block == i)
            mark_heard(ctx, top, ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y);
        ImGui::PopID();
    }
}

}  // namespace waymark::ui
