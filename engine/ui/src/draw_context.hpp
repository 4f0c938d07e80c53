// What the drawing functions of the view share for one frame: fonts, colours, the
// player, and the ways out (links, images, clipboard). Internal to waymark_ui.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>

#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/scoring.hpp"
#include "waymark/content/blocks.hpp"
#include "waymark/course/course.hpp"
#include "waymark/player/answer_draft.hpp"
#include "waymark/player/player.hpp"
#include "waymark/ui/style.hpp"
#include "waymark/ui/view.hpp"

namespace waymark::ui {

struct DrawContext {
    player::Player& player;
    const Fonts& fonts;
    const Palette& colours;
    float scale = 1;  // pixels per design unit (text size and monitor scale together)
    std::function<void(const std::string&)> follow_link;
    std::function<const Texture*(const std::string& module_file, const std::string& src)> image;
    std::string* copied;  // what was last copied, to say "Copied"
};

// Draws styled spans wrapped at `width` (from the cursor), with links clickable.
void draw_inlines(DrawContext& ctx, const content::Inlines& spans, ImFont* font, ImVec4 colour,
                  float width);
// Draws plain text wrapped at `width`.
void draw_text(DrawContext& ctx, const std::string& text, ImFont* font, ImVec4 colour, float width);
// Draws a page's blocks in a column `width` wide.
void draw_blocks(DrawContext& ctx, const std::vector<content::Block>& blocks,
                 const course::Module& module, float width);
// The question's text; a missing-word question shows a blank where the answer goes.
std::string stem_text(const content::Question& q);
// The answer area of a question: radios, ticks, matches, ordering, text, scenario.
void draw_answer(DrawContext& ctx, const content::Question& q,
                 const assessment::Presentation& shown, player::AnswerDraft& draft,
                 const std::string& id, bool enabled, float width);
// The feedback for a marked answer.
void draw_feedback(DrawContext& ctx, const assessment::Score& score, float width);
// A panel with a coloured background and border around what `body` draws.
void draw_panel(DrawContext& ctx, ImVec4 background, ImVec4 border, float width,
                const std::function<void(float inner_width)>& body, bool left_bar = false);

}  // namespace waymark::ui
