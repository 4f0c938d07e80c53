#include "waymark/ui/widgets.hpp"

#include "waymark/ui/style.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace waymark::ui {
namespace {

std::vector<WidgetRecord> current;
std::vector<WidgetRecord> previous;
std::string reveal_request;
// A control that had the keyboard focus and was drawn disabled (75% reached, so "Smaller
// text" greys out): the focus moves on from it at the start of the next frame, instead of
// resting where Tab and Enter no longer work.
ImGuiID disabled_under_focus = 0;

std::string visible_label(const char* id) {
    std::string s(id);
    const auto hashes = s.find("##");
    return hashes == std::string::npos ? s : s.substr(0, hashes);
}

}  // namespace

const std::vector<WidgetRecord>& widgets_drawn() {
    return current;
}

void begin_widget_frame() {
    previous.swap(current);
    current.clear();
}

const std::vector<WidgetRecord>& widgets_last_frame() {
    return previous;
}

void reveal_widget(const std::string& id_or_label) {
    reveal_request = id_or_label;
}

void note_item(const char* id, bool enabled) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    // Disabled by the caller, or drawn inside ImGui::BeginDisabled (a checked answer).
    enabled = enabled && !(g.LastItemData.InFlags & ImGuiItemFlags_Disabled);
    if (!enabled && g.NavId != 0 && ImGui::GetItemID() == g.NavId)
        disabled_under_focus = g.NavId;
    WidgetRecord r{id,
                   visible_label(id),
                   ImGui::GetItemRectMin(),
                   ImGui::GetItemRectMax(),
                   ImGui::IsItemVisible(),
                   enabled,
                   ImGui::GetItemID(),
                   ImGui::GetCurrentWindow(),
                   false};
    if (!reveal_request.empty() && (r.id == reveal_request || r.label == reveal_request)) {
        ImGui::SetScrollHereY(0.5f);
        reveal_request.clear();
    }
    // A field named by the label above it ("##Name", then "Name"): one widget, one record.
    if (!current.empty() && r.imgui_id != 0 && current.back().imgui_id == r.imgui_id) {
        current.back().id = std::move(r.id);
        current.back().label = std::move(r.label);
        return;
    }
    current.push_back(std::move(r));
}

void continue_tab_stop() {
    if (!current.empty())
        current.back().tab_stop = false;
}

bool button(const char* label, bool enabled, ImVec2 size) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label, size);
    ImGui::EndDisabled();
    note_item(label, enabled);
    return pressed && enabled;
}

bool primary_button(const char* label, bool enabled, ImVec2 size) {
    const ImVec4 accent = ImGui::GetStyleColorVec4(ImGuiCol_CheckMark);
    ImGui::PushStyleColor(ImGuiCol_Button, accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          ImVec4(accent.x * 0.85f, accent.y * 0.85f, accent.z * 0.85f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive,
                          ImVec4(accent.x * 0.75f, accent.y * 0.75f, accent.z * 0.75f, 1));
    // Text on the accent colour: black or white, whichever has the higher contrast.
    ImGui::PushStyleColor(ImGuiCol_Text, text_on(accent));
    const bool pressed = button(label, enabled, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

bool checkbox(const char* label, bool* value) {
    const bool changed = ImGui::Checkbox(label, value);
    note_item(label);
    return changed;
}

bool radio(const char* label, bool active) {
    const bool pressed = ImGui::RadioButton(label, active);
    note_item(label);
    return pressed;
}

bool selectable(const char* label, bool selected, ImVec2 size) {
    const bool pressed = ImGui::Selectable(label, selected, 0, size);
    note_item(label);
    return pressed;
}

bool wrapped_selectable(const char* label, bool selected, const char* mark) {
    const std::string text = visible_label(label);
    // The mark sits in a gutter as wide as a tick and two spaces, so titles line up and
    // their second lines start under their first.
    const float gutter = ImGui::CalcTextSize("\xE2\x9C\x93  ").x;
    const float wrap = std::max(1.0f, ImGui::GetContentRegionAvail().x - gutter);
    const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // The selectable gets only the id; the text is drawn over it, wrapped to the column.
    const std::string id = std::string("##") + label;
    const bool pressed = ImGui::Selectable(id.c_str(), selected, 0, ImVec2(0, text_size.y));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    draw->AddText(at, colour, mark);
    draw->AddText(nullptr, 0.0f, ImVec2(at.x + gutter, at.y), colour, text.c_str(), nullptr, wrap);
    note_item(label);
    return pressed;
}

bool input_text(const char* label, std::string* text, bool multiline, float height) {
    bool changed = false;
    // The field's own id: a multi-line field's last item is the child window around it.
    const ImGuiID id = ImGui::GetID(label);
    if (multiline)
        // Width 0: the caller's SetNextItemWidth, as a one-line field takes it (-1 would
        // reach the window's edge, past a card and the label drawn after the field).
        changed = ImGui::InputTextMultiline(label, text, ImVec2(0, height));
    else
        changed = ImGui::InputText(label, text);
    note_item(label);
    current.back().imgui_id = id;
    current.back().text_field = true;
    return changed;
}

bool password_field(const char* label, std::string* text, bool digits_only) {
    const ImGuiID id = ImGui::GetID(label);
    const bool enter = ImGui::InputText(
        label, text,
        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue |
            (digits_only ? ImGuiInputTextFlags_CharsDecimal : ImGuiInputTextFlags_None));
    note_item(label);
    current.back().imgui_id = id;
    current.back().text_field = true;
    return enter;
}

namespace {

const WidgetRecord* find_last(const std::string& id_or_label) {
    for (const auto& w : previous)
        if (w.enabled && w.imgui_id != 0 && (w.id == id_or_label || w.label == id_or_label))
            return &w;
    return nullptr;
}

// `before_items`: called before this frame's widgets, so a text field can take the
// characters typed in this same frame; otherwise it takes them from the next.
// `shown`: the focus ring appears (a keyboard move); otherwise it stays as it was.
void focus(const WidgetRecord& w, bool before_items, bool shown = true) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    auto* window = static_cast<ImGuiWindow*>(w.window);
    if (g.ActiveId != 0 && g.ActiveId != w.imgui_id)
        ImGui::ClearActiveID();  // leave the text field being typed in
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(w.imgui_id, window);
    if (shown) {
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
    }
    ImGui::ScrollToBringRectIntoView(window, ImRect(w.min, w.max));
    if (w.text_field && before_items) {
        g.NavActivateInputId = w.imgui_id;  // typing goes straight in
        g.NavActivateFlags = ImGuiActivateFlags_PreferInput;
    } else if (w.text_field) {
        ImGui::ActivateItem(w.imgui_id);
        g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
    }
}

}  // namespace

void focus_anchor(const char* id, bool take_focus) {
    const ImRect box(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImGuiID imgui_id = ImGui::GetID(id);
    // An item ImGui's navigation knows, over the heading's text; it does nothing when
    // pressed, and shows the focus ring when it has the focus.
    ImGui::ItemAdd(box, imgui_id);
    ImGui::RenderNavHighlight(box, imgui_id);
    note_item(id);
    current.back().tab_stop = false;
    if (take_focus)
        focus(current.back(), false, !ImGui::GetCurrentContext()->NavDisableHighlight);
}

const WidgetRecord* focused_widget() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID id = g.ActiveId != 0 ? g.ActiveId : (g.NavDisableHighlight ? 0 : g.NavId);
    if (id == 0)
        return nullptr;
    for (const auto* list : {&current, &previous})
        for (const auto& w : *list)
            if (w.imgui_id == id)
                return &w;
    return nullptr;
}

bool focus_widget(const std::string& id_or_label) {
    const WidgetRecord* w = find_last(id_or_label);
    if (!w)
        return false;
    focus(*w, false);
    return true;
}

namespace {

// The first enabled Tab stop after the widget `from` in the last frame's reading order
// (wrapping), or null.
const WidgetRecord* next_tab_stop(ImGuiID from) {
    const auto at = std::find_if(previous.begin(), previous.end(),
                                 [&](const WidgetRecord& w) { return w.imgui_id == from; });
    if (at == previous.end())
        return nullptr;
    const std::size_t n = previous.size();
    const auto start = static_cast<std::size_t>(at - previous.begin());
    for (std::size_t step = 1; step < n; ++step) {
        const WidgetRecord& w = previous[(start + step) % n];
        if (w.enabled && w.tab_stop && w.imgui_id != 0)
            return &w;
    }
    return nullptr;
}

}  // namespace

void keyboard_frame() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiIO& io = ImGui::GetIO();
    // What the last mouse press landed on: a control is active at the end of the frame it
    // was pressed in; a press on the background leaves none (0).
    static bool pressed_last_frame = false;
    static ImGuiID pressed_by_mouse = 0;
    if (pressed_last_frame)
        pressed_by_mouse = g.ActiveIdPreviousFrame;
    pressed_last_frame = io.MouseClicked[0];
    if (disabled_under_focus != 0) {
        // Only if nothing else took the focus meanwhile (a new screen's heading did).
        if (g.NavId == disabled_under_focus)
            if (const WidgetRecord* w = next_tab_stop(disabled_under_focus))
                focus(*w, true, !g.NavDisableHighlight);
        disabled_under_focus = 0;
    }
    const bool typing = g.ActiveId != 0 && io.WantTextInput;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab)) && !io.KeyCtrl) {
        // ImGui 1.86 tabs only between text fields and only inside one pane: its request
        // is replaced by ours, over every widget in reading order.
        ImGui::NavMoveRequestCancel();
        // Every place the focus can be, in reading order; it moves to the next Tab stop
        // from where it is (a heading included), wrapping at either end.
        // In an open menu, Tab moves among its items only; Esc closes it.
        const ImGuiWindow* popup =
            g.NavWindow && (g.NavWindow->Flags & ImGuiWindowFlags_Popup) ? g.NavWindow : nullptr;
        std::vector<const WidgetRecord*> order;
        for (const auto& w : previous)
            if (w.enabled && w.imgui_id != 0 && (!popup || w.window == popup))
                order.push_back(&w);
        const bool any_stop = std::any_of(order.begin(), order.end(),
                                          [](const WidgetRecord* w) { return w->tab_stop; });
        if (!any_stop)
            return;
        // Where the focus is, shown or not: after a click, or on a screen opened with the
        // mouse, Tab goes on from there as a browser's does.
        const ImGuiID now = g.ActiveId != 0 ? g.ActiveId : g.NavId;
        const std::size_t n = order.size();
        std::size_t at = n;
        for (std::size_t i = 0; i < n; ++i)
            if (now != 0 && order[i]->imgui_id == now)
                at = i;
        // From nowhere, forwards starts at the first and backwards at the last.
        std::size_t next = at == n ? (io.KeyShift ? 0 : n - 1) : at;
        do
            next = io.KeyShift ? (next + n - 1) % n : (next + 1) % n;
        while (!order[next]->tab_stop);
        focus(*order[next], true);
        return;
    }
    // A clicked control keeps the focus, as in a browser: Space or Enter presses it again and
    // shows the focus ring (ImGui hides the ring after a click and ignores both keys until
    // an arrow or Tab is pressed). Not after a click on the background.
    if (!typing && g.ActiveId == 0 && g.NavId != 0 && g.NavDisableHighlight &&
        g.NavId == pressed_by_mouse &&
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))) {
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
        const WidgetRecord* w = focused_widget();
        if (w && !w->text_field)
            g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
        return;
    }
    // Enter presses what has the focus, as Space does (ImGui gives Enter to text only).
    if (!typing && g.ActiveId == 0 && g.NavId != 0 && !g.NavDisableHighlight &&
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))) {
        const WidgetRecord* w = focused_widget();
        if (w && !w->text_field) {
            g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
        }
    }
}

}  // namespace waymark::ui
