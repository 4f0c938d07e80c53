#include "waymark/ui/style.hpp"

// stb_truetype from ImGui's headers, only to measure a font's x-height; ImGui's own
// copy is compiled static inside libimgui.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <imstb_truetype.h>
#pragma GCC diagnostic pop

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

namespace waymark::ui {
namespace {

constexpr const char* dejavu = "/usr/share/fonts/truetype/dejavu/";
constexpr const char* dyslexic = "/usr/share/fonts/opentype/opendyslexic/";

// Latin, Latin-1, Latin Extended-A (names such as Łukasz), typographic punctuation and
// only the symbols the player draws (ticks, arrows, flags, callout icons): every glyph
// listed is rasterised at every size, so wide ranges cost start-up time and memory.
const ImWchar text_ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x2030, 0x203A,
                               0x20AC, 0x20AC, 0x2122, 0x2122, 0x2139, 0x2139, 0x2190, 0x2193,
                               0x25CF, 0x25D0, 0x260E, 0x260E, 0x2691, 0x2691, 0x26A0, 0x26A0,
                               0x2713, 0x2713, 0x2717, 0x2717, 0};
const ImWchar symbol_ranges[] = {0x2010, 0x2027, 0x2030, 0x203A, 0x2122, 0x2122, 0x2139, 0x2139,
                                 0x2190, 0x2193, 0x25CF, 0x25D0, 0x260E, 0x260E, 0x2691, 0x2691,
                                 0x26A0, 0x26A0, 0x2713, 0x2713, 0x2717, 0x2717, 0};

bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

ImVec4 rgb(unsigned hex, float a = 1) {
    return {((hex >> 16) & 0xff) / 255.f, ((hex >> 8) & 0xff) / 255.f, (hex & 0xff) / 255.f, a};
}

}  // namespace

float body_size(const player::Settings& s, float scale) {
    return 18.f * scale * static_cast<float>(player::clamp_text_size(s.text_size_percent)) / 100.f;
}

float spacing_scale(const player::Settings& s, float scale) {
    const float text = static_cast<float>(player::clamp_text_size(s.text_size_percent)) / 100.f;
    return scale * (1.f + (text - 1.f) / 2.f);
}

float x_height_ratio(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return 0;
    std::vector<unsigned char> data;
    unsigned char chunk[65536];
    for (std::size_t n;
         (n = std::fread(chunk, 1, sizeof chunk, f)) > 0 && data.size() < (64u << 20);)
        data.insert(data.end(), chunk, chunk + n);
    std::fclose(f);
    // stb_truetype trusts the file's table directory; the fonts are the system's, but a
    // damaged file must not make it read past the end: every table must lie inside.
    auto u32 = [&](std::size_t at) {
        return static_cast<std::size_t>(data[at]) << 24 |
               static_cast<std::size_t>(data[at + 1]) << 16 |
               static_cast<std::size_t>(data[at + 2]) << 8 | data[at + 3];
    };
    if (data.size() < 12)
        return 0;
    const std::size_t tables = static_cast<std::size_t>(data[4]) << 8 | data[5];
    if (12 + tables * 16 > data.size())
        return 0;
    for (std::size_t t = 0; t < tables; ++t) {
        const std::size_t at = 12 + t * 16;
        if (u32(at + 8) > data.size() || u32(at + 12) > data.size() - u32(at + 8))
            return 0;
    }
    stbtt_fontinfo font;
    const int offset = stbtt_GetFontOffsetForIndex(data.data(), 0);
    if (data.empty() || offset < 0 || !stbtt_InitFont(&font, data.data(), offset))
        return 0;
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (!stbtt_GetCodepointBox(&font, 'x', &x0, &y0, &x1, &y1) || y1 <= 0)
        return 0;
    // ImGui sizes a font as stb_truetype's ScaleForPixelHeight does: ascent to descent.
    return static_cast<float>(y1) * stbtt_ScaleForPixelHeight(&font, 1.f);
}

float size_for_same_x_height(float size, float reference, float ratio) {
    if (reference <= 0 || ratio <= 0)
        return size;
    return size * reference / ratio;
}

Fonts build_fonts(ImFontAtlas& atlas, const player::Settings& s, float scale, std::string* problem,
                  const std::string& extra_characters) {
    atlas.Clear();
    // The atlas reads the ranges when it builds, which may happen again later (a new
    // renderer texture), so they outlive this call.
    static ImVector<ImWchar> ranges;
    ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(text_ranges);
    builder.AddText(extra_characters.c_str());
    builder.BuildRanges(&ranges);
    const std::string dir = s.dyslexia_font ? dyslexic : dejavu;
    float size = body_size(s, scale);
    if (s.dyslexia_font) {
        // OpenDyslexic's letters are smaller for its size than DejaVu's: at the same
        // x-height the two read as the same size (issue 16 measured 25% smaller).
        static const float reference = x_height_ratio(std::string(dejavu) + "DejaVuSans.ttf");
        static const float ratio =
            x_height_ratio(std::string(dyslexic) + "OpenDyslexic-Regular.otf");
        size = size_for_same_x_height(size, reference, ratio);
    }
    auto file = [&](const char* dejavu_name, const char* dyslexic_name) {
        return dir + (s.dyslexia_font ? dyslexic_name : dejavu_name);
    };
    auto add = [&](const std::string& path, float px, const std::string& symbols_from) -> ImFont* {
        if (!exists(path)) {
            if (problem)
                *problem = "font file " + path + " is missing; install fonts-dejavu-core";
            ImFontConfig config;
            config.SizePixels = px;
            return atlas.AddFontDefault(&config);
        }
        ImFontConfig config;
        // Horizontal oversampling doubles the atlas and its start-up cost; at these sizes
        // the difference is not visible on screen.
        config.OversampleH = 1;
        config.OversampleV = 1;
        ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), px, &config, ranges.Data);
        // OpenDyslexic has no ticks or arrows: borrow them from DejaVu.
        if (s.dyslexia_font && exists(symbols_from)) {
            ImFontConfig merge;
            merge.MergeMode = true;
            merge.OversampleH = 1;
            atlas.AddFontFromFileTTF(symbols_from.c_str(), px, &merge, symbol_ranges);
        }
        return font;
    };
    const std::string sans = std::string(dejavu) + "DejaVuSans.ttf";
    const std::string sans_bold = std::string(dejavu) + "DejaVuSans-Bold.ttf";
    Fonts f;
    f.body = add(file("DejaVuSans.ttf", "OpenDyslexic-Regular.otf"), size, sans);
    f.bold = add(file("DejaVuSans-Bold.ttf", "OpenDyslexic-Bold.otf"), size, sans_bold);
    f.italic = add(file("DejaVuSans-Oblique.ttf", "OpenDyslexic-Italic.otf"), size, sans);
    f.bold_italic =
        add(file("DejaVuSans-BoldOblique.ttf", "OpenDyslexic-BoldItalic.otf"), size, sans_bold);
    f.mono = add(file("DejaVuSansMono.ttf", "OpenDyslexicMono-Regular.otf"), size * 0.92f, sans);
    f.small = add(file("DejaVuSans.ttf", "OpenDyslexic-Regular.otf"), size * 0.86f, sans);
    f.title = add(file("DejaVuSans-Bold.ttf", "OpenDyslexic-Bold.otf"), size * 1.6f, sans_bold);
    f.heading = add(file("DejaVuSans-Bold.ttf", "OpenDyslexic-Bold.otf"), size * 1.3f, sans_bold);
    f.subheading =
        add(file("DejaVuSans-Bold.ttf", "OpenDyslexic-Bold.otf"), size * 1.12f, sans_bold);
    atlas.Build();
    return f;
}

const Palette& palette(player::Theme theme) {
    static const Palette light{
        rgb(0x1f2328), rgb(0x59616b), rgb(0x0b57b0), rgb(0x1d5e8c), rgb(0xffffff), rgb(0x1a7f37),
        rgb(0xb42318), rgb(0x8a5c00), rgb(0xffffff), rgb(0x80878f), rgb(0xeaf2fb), rgb(0x3b7dc4),
        rgb(0xfff6e0), rgb(0xc98a00), rgb(0xfdecea), rgb(0xc0362c), rgb(0xf0f1f3), rgb(0xdbe9f9)};
    static const Palette dark{
        rgb(0xe6e8eb), rgb(0xa3abb5), rgb(0x8cc4ff), rgb(0x4f9bd6), rgb(0x0d1117), rgb(0x56d364),
        rgb(0xff7b72), rgb(0xe3b341), rgb(0x262a30), rgb(0x7d8590), rgb(0x1c2b3c), rgb(0x4f8fd6),
        rgb(0x33290f), rgb(0xd4a72c), rgb(0x3b1d1b), rgb(0xf0625a), rgb(0x2b3038), rgb(0x27405c)};
    static const Palette high{
        rgb(0xffffff), rgb(0xffffff), rgb(0xffff00), rgb(0xffff00), rgb(0x000000), rgb(0x00ff66),
        rgb(0xff6b6b), rgb(0xffd400), rgb(0x000000), rgb(0xffffff), rgb(0x000000), rgb(0x00d0ff),
        rgb(0x000000), rgb(0xffd400), rgb(0x000000), rgb(0xff6b6b), rgb(0x1a1a1a), rgb(0x333300)};
    switch (theme) {
        case player::Theme::light:
            return light;
        case player::Theme::dark:
            return dark;
        case player::Theme::high_contrast:
            return high;
    }
    return light;
}

ImVec4 window_background(player::Theme theme) {
    return theme == player::Theme::light  ? rgb(0xf6f4ef)
           : theme == player::Theme::dark ? rgb(0x1b1e23)
                                          : rgb(0x000000);
}

float contrast_ratio(ImVec4 a, ImVec4 b) {
    auto channel = [](float c) {
        return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
    };
    auto luminance = [&](ImVec4 c) {
        return 0.2126f * channel(c.x) + 0.7152f * channel(c.y) + 0.0722f * channel(c.z);
    };
    const float la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ImVec4 text_on(ImVec4 background) {
    const ImVec4 black{0, 0, 0, 1}, white{1, 1, 1, 1};
    return contrast_ratio(black, background) >= contrast_ratio(white, background) ? black : white;
}

std::vector<ColourPair> colour_pairs(player::Theme theme) {
    const Palette& p = palette(theme);
    const ImVec4 bg = window_background(theme);
    const bool hc = theme == player::Theme::high_contrast;
    const ImVec4 frame = hc ? rgb(0x000000) : p.card;  // text fields, boxes, buttons
    const ImVec4 focus = hc ? rgb(0xffff00) : p.accent;
    std::vector<ColourPair> pairs;
    for (auto [name, surface] : {std::pair{"window", bg}, {"card", p.card}, {"field", frame}}) {
        const std::string on = std::string(" on ") + name;
        for (auto [what, colour] : {std::pair{"text", p.text},
                                    {"muted text", p.muted},
                                    {"link", p.link},
                                    {"success text", p.success},
                                    {"danger text", p.danger},
                                    {"warning text", p.warning}})
            pairs.push_back({what + on, colour, surface, 4.5f});
        pairs.push_back({"input border and unticked box" + on, p.card_border, surface, 3.f});
        pairs.push_back({"focus indicator" + on, focus, surface, 3.f});
        pairs.push_back({"tick and selected radio" + on, p.accent, surface, 3.f});
    }
    pairs.push_back({"primary button label", text_on(p.accent), p.accent, 4.5f});
    pairs.push_back({"text on a note", p.text, p.note_bg, 4.5f});
    pairs.push_back({"text on an important callout", p.text, p.important_bg, 4.5f});
    pairs.push_back({"text on an emergency callout", p.text, p.emergency_bg, 4.5f});
    pairs.push_back({"text on a selected item", p.text, p.selection, 4.5f});
    pairs.push_back({"text in a table header", p.text, p.code_bg, 4.5f});
    return pairs;
}

void apply_style(player::Theme theme, float scale) {
    ImGuiStyle style;
    const Palette& p = palette(theme);
    ImVec4* c = style.Colors;
    switch (theme) {
        case player::Theme::light:
            ImGui::StyleColorsLight(&style);
            break;
        case player::Theme::dark:
            ImGui::StyleColorsDark(&style);
            break;
        case player::Theme::high_contrast:
            ImGui::StyleColorsDark(&style);
            break;
    }
    const bool hc = theme == player::Theme::high_contrast;
    const ImVec4 bg = window_background(theme);
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = hc ? rgb(0xbbbbbb) : p.muted;
    c[ImGuiCol_WindowBg] = bg;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = p.card;
    c[ImGuiCol_Border] = p.card_border;
    c[ImGuiCol_FrameBg] = hc ? rgb(0x000000) : p.card;
    c[ImGuiCol_FrameBgHovered] = p.selection;
    c[ImGuiCol_FrameBgActive] = p.selection;
    c[ImGuiCol_Button] = hc ? rgb(0x000000) : p.card;
    c[ImGuiCol_ButtonHovered] = p.selection;
    c[ImGuiCol_ButtonActive] = p.selection;
    c[ImGuiCol_Header] = p.selection;
    c[ImGuiCol_HeaderHovered] = p.selection;
    c[ImGuiCol_HeaderActive] = p.selection;
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_SliderGrabActive] = p.accent;
    c[ImGuiCol_Separator] = p.card_border;
    c[ImGuiCol_TableHeaderBg] = p.code_bg;
    c[ImGuiCol_TableBorderStrong] = p.card_border;
    c[ImGuiCol_TableBorderLight] = p.card_border;
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] =
        theme == player::Theme::light ? rgb(0x000000, 0.03f) : rgb(0xffffff, 0.04f);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_NavHighlight] = hc ? rgb(0xffff00) : p.accent;
    c[ImGuiCol_TextSelectedBg] = p.selection;

    style.WindowPadding = {28, 24};
    style.FramePadding = {14, 9};
    style.ItemSpacing = {12, 12};
    style.ItemInnerSpacing = {10, 8};
    style.CellPadding = {10, 8};
    style.IndentSpacing = 26;
    style.ScrollbarSize = 14;
    style.FrameRounding = 6;
    style.ChildRounding = 8;
    style.PopupRounding = 6;
    style.GrabRounding = 6;
    style.ScrollbarRounding = 6;
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = 1;
    style.ChildBorderSize = 1;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace waymark::ui
