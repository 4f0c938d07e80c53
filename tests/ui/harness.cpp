#include "harness.hpp"

#include <stb_image.h>

#include <climits>

#include <cmath>
#include "waymark/ui/style.hpp"

namespace waymark::test {

ui::Texture SizeOnlyImages::load(const std::string& bytes) {
    int w = 0, h = 0, channels = 0;
    if (bytes.empty() || bytes.size() > INT_MAX ||
        !stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                               static_cast<int>(bytes.size()), &w, &h, &channels))
        return {};
    return {nullptr, w, h};
}

Harness::Harness(player::Player& player, ImVec2 display, player::Speech* speech)
    : player_(player), context_(ImGui::CreateContext()), display_(display) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display_;
    io.DeltaTime = 1.f / 60;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Pre-1.87 key input: ImGui reads io.KeysDown at the indices in io.KeyMap.
    for (int k = 0; k < ImGuiKey_COUNT; ++k)
        io.KeyMap[k] = k;
    ui::ViewHooks hooks;
    hooks.open_url = [this](const std::string& url) { links_opened.push_back(url); };
    hooks.open_file = [this](const std::string& path) { files_opened.push_back(path); };
    hooks.quit = [this] { quit_requested = true; };
    hooks.speech = speech;
    view_ = std::make_unique<ui::PlayerView>(player_, images_, hooks);
    view_->set_fonts(ui::build_fonts(*io.Fonts, player_.settings(), 1));
    // Spacing follows the text size, as in the real window.
    ui::apply_style(player_.settings().theme, ui::spacing_scale(player_.settings(), 1));
    view_->fonts_rebuilt();
    io.MousePos = ImVec2(1, 1);
    frame();
}

Harness::~Harness() {
    view_.reset();
    ImGui::DestroyContext(context_);
}

std::uint64_t Harness::frame() {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    if (view_->fonts_outdated()) {
        view_->set_fonts(ui::build_fonts(*io.Fonts, player_.settings(), 1));
        ui::apply_style(player_.settings().theme, ui::spacing_scale(player_.settings(), 1));
        view_->fonts_rebuilt();
    }
    ImGui::NewFrame();
    view_->draw();
    ImGui::Render();
    return ui::frame_signature(*ImGui::GetDrawData());
}

int Harness::settle() {
    int built = 0;
    while (pacer_.wants_frame() && built < 1000) {
        const std::uint64_t signature = frame();
        ++built;
        if (pacer_.drawn(signature, view_->animating()))
            shown_ = signature;
    }
    return built;
}

bool Harness::click_and_wait(const std::string& label) {
    pacer_.wake();
    settle();
    const ui::WidgetRecord* w = find(label);
    if (!w || !w->visible || !w->enabled)
        return false;
    click_at(ImVec2((w->min.x + w->max.x) / 2, (w->min.y + w->max.y) / 2));
    return true;
}

void Harness::click_at(ImVec2 where) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = where;
    pacer_.wake();
    settle();
    // Press and release in one event, as GLFW's ImGui backend sees a quick click: the
    // button is down for the first frame and up from the second.
    io.MouseDown[0] = true;
    pacer_.wake();
    const std::uint64_t signature = frame();
    if (pacer_.drawn(signature, view_->animating()))
        shown_ = signature;
    io.MouseDown[0] = false;
    settle();
}

void Harness::frames(int n) {
    for (int i = 0; i < n; ++i)
        frame();
}

const ui::WidgetRecord* Harness::find(const std::string& label) const {
    for (const auto& w : ui::widgets_drawn())
        if (w.id == label || w.label == label)
            return &w;
    return nullptr;
}

bool Harness::has_containing(const std::string& part) const {
    for (const auto& w : ui::widgets_drawn())
        if (w.label.find(part) != std::string::npos)
            return true;
    return false;
}

std::string Harness::labels() const {
    std::string out;
    for (const auto& w : ui::widgets_drawn())
        out += "[" + w.id + "] ";
    return out;
}

const ui::WidgetRecord* Harness::reveal(const std::string& label) {
    const ui::WidgetRecord* w = find(label);
    for (int tries = 0; w && !w->visible && tries < 3; ++tries) {
        ui::reveal_widget(label);
        frames(2);
        w = find(label);
    }
    return w;
}

bool Harness::click(const std::string& label) {
    // Layout settles over a few frames (tables size their columns from the frame
    // before), so aim again until the widget stays put from hover to release.
    frames(2);
    ImGuiIO& io = ImGui::GetIO();
    auto same_place = [&](ImVec2 centre) {
        const ui::WidgetRecord* w = find(label);
        return w && w->visible && std::abs((w->min.x + w->max.x) / 2 - centre.x) <= 0.5f &&
               std::abs((w->min.y + w->max.y) / 2 - centre.y) <= 0.5f;
    };
    for (int aim = 0; aim < 8; ++aim) {
        const ui::WidgetRecord* w = reveal(label);
        if (!w || !w->visible || !w->enabled)
            return false;
        const ImVec2 centre((w->min.x + w->max.x) / 2, (w->min.y + w->max.y) / 2);
        io.MousePos = centre;
        frame();
        if (!same_place(centre))
            continue;
        io.MouseDown[0] = true;
        frame();
        const bool steady = same_place(centre);
        io.MouseDown[0] = false;
        if (!steady) {
            // Release away from everything so nothing half-clicked fires, then aim again.
            io.MousePos = ImVec2(1, 1);
            frame();
            continue;
        }
        frame();
        // Move away so hover effects and tooltips do not linger over the next target.
        io.MousePos = ImVec2(1, 1);
        frame();
        return true;
    }
    return false;
}

bool Harness::type_into(const std::string& label, const std::string& text) {
    if (!click(label))
        return false;
    ImGuiIO& io = ImGui::GetIO();
    io.AddInputCharactersUTF8(text.c_str());
    frames(2);
    return true;
}

void Harness::wheel(float notches, ImVec2 where) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = where;
    frame();
    io.MouseWheel = notches;
    frame();
    io.MouseWheel = 0;
}

void Harness::press(ImGuiKey key, bool shift) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyShift = shift;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyShift = false;
    frames(2);
}

void Harness::type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frames(2);
}

std::string Harness::focused() const {
    const ui::WidgetRecord* w = ui::focused_widget();
    return w ? w->id : "";
}

bool Harness::tab_to(const std::string& label, bool backwards, int limit) {
    for (int i = 0; i < limit; ++i) {
        if (const ui::WidgetRecord* w = ui::focused_widget();
            w && (w->id == label || w->label == label))
            return true;
        press(ImGuiKey_Tab, backwards);
    }
    return false;
}

::testing::AssertionResult ends_within_the_text_column(const Harness& h, const std::string& label) {
    const ui::WidgetRecord* widget = h.find(label);
    const ui::WidgetRecord* listen = h.find("Listen");
    if (!widget || !listen)
        return ::testing::AssertionFailure()
               << "no " << (widget ? "\"Listen\" (is there a voice?)" : label) << "; drawn "
               << h.labels();
    if (widget->max.x > listen->max.x + 0.5f)
        return ::testing::AssertionFailure()
               << label << " ends at " << widget->max.x << ", past the column's right edge at "
               << listen->max.x;
    return ::testing::AssertionSuccess();
}

}  // namespace waymark::test
