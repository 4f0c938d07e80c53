#include "waymark/ui/widgets.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

namespace waymark::ui {
namespace {

std::vector<WidgetRecord> current;
std::vector<WidgetRecord> previous;
std::string reveal_request;

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
    WidgetRecord r{id,
                   visible_label(id),
                   ImGui::GetItemRectMin(),
                   ImGui::GetItemRectMax(),
                   ImGui::IsItemVisible(),
                   enabled};
    if (!reveal_request.empty() && (r.id == reveal_request || r.label == reveal_request)) {
        ImGui::SetScrollHereY(0.5f);
        reveal_request.clear();
    }
    current.push_back(std::move(r));
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
    // Text on the accent colour: dark on bright accents (high contrast), else white.
    const float light = 0.299f * accent.x + 0.587f * accent.y + 0.114f * accent.z;
    ImGui::PushStyleColor(ImGuiCol_Text, light > 0.6f ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1));
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
    if (multiline)
        changed = ImGui::InputTextMultiline(label, text, ImVec2(-1, height));
    else
        changed = ImGui::InputText(label, text);
    note_item(label);
    return changed;
}

}  // namespace waymark::ui
