// The dyslexia-friendly font reads at the same size as the normal one (issue 16: it was
// about 25% smaller): both are drawn at the same x-height.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "scratch_folder.hpp"
#include "waymark/ui/style.hpp"

using namespace waymark;

namespace {

// The drawn height of the letter x in the body font built for `settings`.
float drawn_x_height(const player::Settings& settings) {
    ImFontAtlas atlas;
    const ui::Fonts fonts = ui::build_fonts(atlas, settings, 1);
    const ImFontGlyph* x = fonts.body->FindGlyph('x');
    return x ? x->Y1 - x->Y0 : 0;
}

}  // namespace

TEST(Fonts, TheDyslexiaFontHasTheNormalFontsXHeight) {
    player::Settings normal;
    normal.text_size_percent = 200;
    player::Settings dyslexia = normal;
    dyslexia.dyslexia_font = true;
    const float expected = drawn_x_height(normal);
    ASSERT_GT(expected, 0);
    EXPECT_NEAR(drawn_x_height(dyslexia), expected, 1.0f);
}

TEST(Fonts, AFileThatIsNotAFontHasNoXHeight) {
    const waymark::testing::ScratchFolder folder("fonts");
    const auto file = folder / "waymark-not-a-font.ttf";
    std::FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("OTTO this is not a font at all, only its first four letters are", f);
    std::fclose(f);
    EXPECT_EQ(ui::x_height_ratio(file.string()), 0.f);
    EXPECT_EQ(ui::x_height_ratio("/nonexistent/font.ttf"), 0.f);
}

TEST(Fonts, AnUnknownXHeightKeepsTheSize) {
    EXPECT_EQ(ui::size_for_same_x_height(18, 0.5f, 0), 18);
    EXPECT_EQ(ui::size_for_same_x_height(18, 0, 0.4f), 18);
    EXPECT_FLOAT_EQ(ui::size_for_same_x_height(18, 0.5f, 0.4f), 22.5f);
}
