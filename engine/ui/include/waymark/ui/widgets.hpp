// waymark/ui/widgets.hpp: the player's interactive widgets, findable by label.
//
// Every button, checkbox, radio button, text field and link the player draws goes
// through these wrappers. Besides calling ImGui they note each widget's label and
// rectangle for the frame, which is how the headless harness (tests/ui) finds "Next"
// and clicks it, and how a request to reveal a widget scrolls it into view.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace waymark::ui {

struct WidgetRecord {
    std::string id;     // the full ImGui label, "Next##page"
    std::string label;  // what the learner reads: "Next"
    ImVec2 min, max;    // on screen
    bool visible = false;
    bool enabled = true;
    ImGuiID imgui_id = 0;     // ImGui's id of the item, for keyboard focus
    void* window = nullptr;   // the ImGuiWindow it was drawn in
    bool text_field = false;  // typing goes into it once focused
    bool tab_stop = true;     // false for a heading: focus may rest there, Tab passes it by
};

// The widgets drawn since begin_frame(), in drawing order.
const std::vector<WidgetRecord>& widgets_drawn();
// Starts a new frame's list; the previous one is kept as widgets_last_frame().
void begin_widget_frame();
const std::vector<WidgetRecord>& widgets_last_frame();
// Asks the widget with this id or label to scroll itself into view next frame.
void reveal_widget(const std::string& id_or_label);

// Keyboard use (WCAG 2.1.1, 2.1.2, 2.4.3): call after ImGui::NewFrame(), before any
// widget. Tab and Shift+Tab move the keyboard focus through every enabled widget of the
// last frame in drawing (reading) order, across panes, wrapping at either end, so no
// control traps the focus; a text field reached this way takes typing at once. Enter
// presses the focused button, box or option as Space does. After a click, the clicked
// control has the focus as in a browser: Space or Enter presses it again, and Tab goes on
// from it. ImGui's own arrow-key navigation moves inside a pane (option groups).
void keyboard_frame();
// The widget that has the keyboard focus (last frame), or null.
const WidgetRecord* focused_widget();
// Moves the keyboard focus to the widget with this id or label, scrolling it into view.
// False when the last frame drew no such enabled widget.
bool focus_widget(const std::string& id_or_label);

// Makes the item just drawn (a screen's heading) a place where the keyboard focus can
// rest, named `id` ("Settings##heading"). With `take_focus` the focus moves there now,
// shown only if the learner is using the keyboard: that is where it lands when a screen
// opens, so the reading order starts at the page and never in the top bar, where the
// next Enter would press "Sign out". Tab moves on from it to the next control; it is not
// a Tab stop itself.
void focus_anchor(const char* id, bool take_focus);

// Wrappers with ImGui's meaning; `enabled` false draws them greyed out and inert.
bool button(const char* label, bool enabled = true, ImVec2 size = {0, 0});
bool primary_button(const char* label, bool enabled = true, ImVec2 size = {0, 0});
bool checkbox(const char* label, bool* value);
bool radio(const char* label, bool active);
bool selectable(const char* label, bool selected, ImVec2 size = {0, 0});
// A selectable whose text wraps to the column instead of being clipped (long page titles),
// with `mark` (a tick, or "") in a gutter before it.
bool wrapped_selectable(const char* label, bool selected, const char* mark);
bool input_text(const char* label, std::string* text, bool multiline = false, float height = 0);
// A one-line field whose characters show as dots (a passphrase, a PIN): reached by Tab it
// takes typing at once, as input_text() does. True when Enter was pressed in it.
// `digits_only`: only 0-9 can be typed.
bool password_field(const char* label, std::string* text, bool digits_only = false);
// Records the last ImGui item under `label` (for custom widgets such as links).
void note_item(const char* label, bool enabled = true);
// Makes the item just noted part of the Tab stop before it (the later words of a link,
// each clickable on its own): Tab passes it by, so a link is one stop however many words.
void continue_tab_stop();

}  // namespace waymark::ui
