// What the drawing functions of the view share for one frame: fonts, colours, the
// player, what the view remembers between frames, and the ways out (links, images,
// clipboard, the program's hooks). Internal to waymark_ui: one screen, one file, each
// drawing with a DrawContext.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/scoring.hpp"
#include "waymark/content/blocks.hpp"
#include "waymark/course/course.hpp"
#include "waymark/player/answer_draft.hpp"
#include "waymark/player/player.hpp"
#include "waymark/player/read_aloud.hpp"
#include "waymark/ui/style.hpp"
#include "waymark/ui/view.hpp"

namespace waymark::ui {

// What the view remembers from the frame before: what was shown, so that every new
// screen, page and question opens at its top, and where smooth scrolling is heading.
struct ViewMemory {
    std::optional<player::Screen> screen;
    player::PagePosition page{~std::size_t{0}, ~std::size_t{0}};
    std::size_t question = ~std::size_t{0};
    std::optional<player::SittingStage> stage;
    float scroll_target = 0;
    bool scrolling = false;
    bool animating = false;              // this frame animates: keep drawing
    bool skip_to_page = false;           // "Skip to page" was pressed: focus the page's heading
    std::optional<bool> contents_shown;  // the learner showed or hid the contents pane
    bool focus_heading = false;  // a screen just opened: its heading takes the keyboard focus
    // Reading aloud: what is being read ("page:1-0", "question:3"), the page block each
    // passage reads, whether its Listen button was drawn this frame (when it is not, what
    // it reads has gone from the screen and reading stops), and the block being heard.
    std::string reading;
    std::vector<std::size_t> reading_blocks;
    bool reading_shown = false;
    std::optional<std::size_t> heard_block;
};

struct DrawContext {
    player::Player& player;
    const Fonts& fonts;
    const Palette& colours;
    float scale = 1;  // pixels per design unit (text size and monitor scale together)
    std::function<void(const std::string&)> follow_link;
    std::function<const Texture*(const std::string& module_file, const std::string& src)> image;
    std::string* copied;  // what was last copied, to say "Copied"
    ViewMemory* memory = nullptr;
    const ViewHooks* hooks = nullptr;
    bool show_diagnostics = false;  // author preview: the course's problems under the page
};

// --- the screens, one file each ---------------------------------------------------

void draw_top_bar(DrawContext& ctx);                  // top_bar.cpp
void draw_learners_screen(DrawContext& ctx);          // learners_screen.cpp
void draw_add_learner_screen(DrawContext& ctx);       // learners_screen.cpp
void draw_library_screen(DrawContext& ctx);           // library_screen.cpp
void draw_course_screen(DrawContext& ctx);            // course_screen.cpp
void draw_preview_problems_screen(DrawContext& ctx);  // preview_screen.cpp
void draw_assessment_intro_screen(DrawContext& ctx);  // assessment_screen.cpp
void draw_assessment_screen(DrawContext& ctx);        // assessment_screen.cpp
void draw_result_screen(DrawContext& ctx);            // result_screen.cpp
void draw_settings_screen(DrawContext& ctx);          // settings_screen.cpp
void draw_stopped_screen(DrawContext& ctx);           // stopped_screen.cpp
void draw_manager_sign_in_screen(DrawContext& ctx);   // manager_screen.cpp
void draw_manager_screen(DrawContext& ctx);           // manager_screen.cpp

// --- layout shared by the screens (layout.cpp) -------------------------------------

// The width of a comfortable reading column (72 characters) within `avail`.
float column_width(const DrawContext& ctx, float avail);
// Starts a centred column; returns its width.
float centre(const DrawContext& ctx);
// The screen x where the column centre() last started in this window ends (never past
// the window's edge).
float column_right();
// A screen's opening: a centred column begun as a group (the screen ends it with
// ImGui::EndGroup), its title, and the line under the title in the muted colour followed
// by a gap when `lead` is not empty. Returns the column's width.
float open_screen(const DrawContext& ctx, const std::string& title_text,
                  const std::string& lead = {});
// A screen's title, wrapped to the space left; where the focus lands when it opens.
void title(const DrawContext& ctx, const std::string& text);
// Makes the item just drawn, the heading `text`, the place the keyboard focus lands when
// its screen opens (widgets.hpp, focus_anchor).
void heading_anchor(const DrawContext& ctx, const std::string& text);
// A horizontal rule across the column (to column_right()), not the whole window.
void column_rule(const DrawContext& ctx);
// Secondary text in the muted colour, wrapped at the column's edge.
void muted(const DrawContext& ctx, const std::string& text);
// The player's notice (what just went wrong), in a panel; nothing when there is none.
void notice(DrawContext& ctx, float width);
// Esc pressed this frame, outside a text field.
bool escape_pressed();
// `text` cut at a word to fit `width` in the current font, with an ellipsis.
std::string fit(const std::string& text, float width);
// The library index of the open course.
std::optional<std::size_t> course_index(const DrawContext& ctx);
// "Managers: ..." and the Manager area button, when this device has a manager area.
void manager_link(DrawContext& ctx);

// --- reading aloud (listen.cpp) ------------------------------------------------------

// "Listen", which reads `passages()` aloud, or "Stop reading" while they are read; `what`
// names what is read ("page:1-0"). With `right_edge` (a screen x), it goes at the end of
// the line just drawn, ending there. Sets memory->heard_block. Nothing without a voice.
void listen_button(DrawContext& ctx, const std::string& what,
                   const std::function<std::vector<player::Passage>()>& passages,
                   float right_edge = 0);
// At the end of a frame: reading stops when its Listen button was not drawn (the page
// turned, the screen changed).
void end_listen_frame(DrawContext& ctx);

// --- author preview (preview_screen.cpp) --------------------------------------------

// A course's problems in a panel (under the page, or the rest of the screen when no page
// is shown), or that it has none; one line per problem, findable by the test harness.
void diagnostics(DrawContext& ctx, const player::LibraryCourse* course);
// The height of that panel as a strip under the page, which the page leaves room for.
float diagnostics_strip_height(DrawContext& ctx, const player::LibraryCourse* course);

// --- content (blocks.cpp, rich_text.cpp, question_view.cpp) ------------------------

// Draws styled spans wrapped at `width` (from the cursor), with links clickable.
void draw_inlines(DrawContext& ctx, const content::Inlines& spans, ImFont* font, ImVec4 colour,
                  float width);
// Draws plain text wrapped at `width`.
void draw_text(DrawContext& ctx, const std::string& text, ImFont* font, ImVec4 colour, float width);
// Marks the passage being read aloud: a bar in the margin from `top` to `bottom`.
void mark_heard(const DrawContext& ctx, float top, float bottom);
// Draws a page's blocks in a column `width` wide, marking the one being read aloud.
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
