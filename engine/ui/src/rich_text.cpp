#include <string>
#include <vector>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"
#include "waymark/ui/wrap.hpp"

namespace waymark::ui {
namespace {

ImFont* font_for(const DrawContext& ctx, const content::Span& s, ImFont* base) {
    if (s.code)
        return ctx.fonts.mono;
    if (base != ctx.fonts.body)
        return base;  // headings keep their own font
    if (s.bold && s.italic)
        return ctx.fonts.bold_italic;
    if (s.bold)
        return ctx.fonts.bold;
    if (s.italic)
        return ctx.fonts.italic;
    return base;
}

struct Word {
    std::string text;  // including trailing spaces
    std::size_t span;
};

std::vector<Word> split_words(const content::Inlines& spans) {
    std::vector<Word> words;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::string& t = spans[i].text;
        std::size_t pos = 0;
        while (pos < t.size()) {
            std::size_t end = pos;
            while (end < t.size() && t[end] != ' ' && t[end] != '\n')
                ++end;
            while (end < t.size() && (t[end] == ' ' || t[end] == '\n'))
                ++end;
            std::string w = t.substr(pos, end - pos);
            for (auto& c : w)
                if (c == '\n')
                    c = ' ';
            words.push_back({std::move(w), i});
            pos = end;
        }
    }
    return words;
}

}  // namespace

void draw_inlines(DrawContext& ctx, const content::Inlines& spans, ImFont* base, ImVec4 colour,
                  float width) {
    if (spans.empty())
        return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line_height = base->FontSize * 1.5f;
    const float lead = (line_height - base->FontSize) * 0.5f;
    const auto words = split_words(spans);
    float x = 0, y = 0;
    struct LinkBox {
        ImVec2 min, max;
        std::size_t span;
    };
    std::vector<LinkBox> links;
    // Measure every word in its font, then break lines where wrap_words says: a word
    // glued to the next (a link and its full stop) never leaves punctuation to start a line.
    std::vector<WrapWord> measured(words.size());
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
        const auto& w = words[wi];
        ImFont* font = font_for(ctx, spans[w.span], base);
        const char* begin = w.text.c_str();
        const char* end = begin + w.text.size();
        const char* ink_end = end;
        while (ink_end > begin && ink_end[-1] == ' ')
            --ink_end;
        measured[wi].ink = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, begin, ink_end).x;
        measured[wi].advance = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, begin, end).x;
        measured[wi].glued_to_next = wi + 1 < words.size() && ink_end == end;
    }
    const auto starts = wrap_words(measured, width);
    std::size_t next_line = 1;
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
        const auto& w = words[wi];
        const content::Span& s = spans[w.span];
        ImFont* font = font_for(ctx, s, base);
        const float size = font->FontSize;
        const char* begin = w.text.c_str();
        const char* ink_end = begin + w.text.size();
        while (ink_end > begin && ink_end[-1] == ' ')
            --ink_end;
        const float ink = measured[wi].ink;
        const float advance = measured[wi].advance;
        if (next_line < starts.size() && starts[next_line] == wi) {
            ++next_line;
            x = 0;
            y += line_height;
        }
        const ImVec2 pos(origin.x + x, origin.y + y + lead + (base->FontSize - size) * 0.7f);
        ImVec4 c = colour;
        if (!s.link.empty())
            c = ctx.colours.link;
        if (s.code) {
            // The box reaches past the letters only where a space is: never over the
            // punctuation glued to it ("`code`," or "(`code`)").
            const float left = wi > 0 && measured[wi - 1].glued_to_next ? 0.f : 2.f;
            const float right = measured[wi].glued_to_next ? 0.f : 2.f;
            dl->AddRectFilled(ImVec2(pos.x - left, origin.y + y + 2),
                              ImVec2(pos.x + ink + right, origin.y + y + line_height - 2),
                              ImGui::GetColorU32(ctx.colours.code_bg), 3);
        }
        dl->AddText(font, size, pos, ImGui::GetColorU32(c), begin, ink_end);
        // Underlines and strike-throughs run on under the space to the next word of the
        // same span, unless that word starts a new line.
        const bool next_starts_line = next_line < starts.size() && starts[next_line] == wi + 1;
        const float line_end =
            wi + 1 < words.size() && words[wi + 1].span == w.span && !next_starts_line ? advance
                                                                                       : ink;
        if (!s.link.empty() || s.strikethrough) {
            const float ly = s.strikethrough ? pos.y + size * 0.55f : pos.y + size + 1;
            dl->AddLine(ImVec2(pos.x, ly), ImVec2(pos.x + line_end, ly), ImGui::GetColorU32(c),
                        std::max(1.f, size / 16));
        }
        if (!s.link.empty())
            links.push_back({ImVec2(pos.x, origin.y + y),
                             ImVec2(pos.x + ink, origin.y + y + line_height), w.span});
        x += advance;
    }
    // Links are invisible buttons over their words: clickable, focusable with Tab and
    // arrows, and findable by the test harness under their text.
    ImGui::PushID(&spans);
    for (std::size_t i = 0; i < links.size(); ++i) {
        const auto& box = links[i];
        const content::Span& s = spans[box.span];
        ImGui::SetCursorScreenPos(box.min);
        const std::string id = s.text + "##link" + std::to_string(i);
        ImGui::PushID(static_cast<int>(i));
        const bool clicked = ImGui::InvisibleButton(
            id.c_str(), ImVec2(std::max(1.f, box.max.x - box.min.x), box.max.y - box.min.y));
        ImGui::PopID();
        note_item(id.c_str());
        if (i > 0 && links[i - 1].span == box.span)
            continue_tab_stop();  // the next word of the same link
        if (ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            const bool web =
                s.link.find("://") != std::string::npos || s.link.rfind("mailto:", 0) == 0;
            if (web)
                ImGui::SetTooltip("Opens in your browser: %s", s.link.c_str());
            else
                ImGui::SetTooltip("Goes to another page of this course");
        }
        if (clicked && ctx.follow_link)
            ctx.follow_link(s.link);
    }
    ImGui::PopID();
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, y + line_height));
}

void draw_text(DrawContext& ctx, const std::string& text, ImFont* font, ImVec4 colour,
               float width) {
    content::Inlines spans{content::Span{text}};
    // The spans live only for this call; links are impossible here, so ids do not matter.
    draw_inlines(ctx, spans, font, colour, width);
}

void draw_panel(DrawContext& ctx, ImVec4 background, ImVec4 border, float width,
                const std::function<void(float)>& body, bool left_bar) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = 16 * ctx.scale;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImDrawListSplitter splitter;
    splitter.Split(dl, 2);
    splitter.SetCurrentChannel(dl, 1);
    ImGui::SetCursorScreenPos(
        ImVec2(start.x + pad + (left_bar ? 4 * ctx.scale : 0), start.y + pad));
    ImGui::BeginGroup();
    body(width - 2 * pad - (left_bar ? 4 * ctx.scale : 0));
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + pad * 0.6f;
    splitter.SetCurrentChannel(dl, 0);
    const ImVec2 end(start.x + width, bottom);
    dl->AddRectFilled(start, end, ImGui::GetColorU32(background), 8 * ctx.scale);
    if (left_bar) {
        dl->AddRectFilled(start, ImVec2(start.x + 5 * ctx.scale, end.y), ImGui::GetColorU32(border),
                          8 * ctx.scale, ImDrawFlags_RoundCornersLeft);
    } else {
        dl->AddRect(start, end, ImGui::GetColorU32(border), 8 * ctx.scale, 0, 1.5f);
    }
    splitter.Merge(dl);
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, end.y - start.y));
}

}  // namespace waymark::ui
