#include "waymark/ui/view.hpp"

#include <imgui_internal.h>  // SetNextWindowScroll, NavMoveRequestCancel

#include <algorithm>

#include "draw_context.hpp"
#include "waymark/ui/widgets.hpp"

namespace waymark::ui {

using player::Screen;

namespace {

// Page Up and Page Down scroll a screen that scrolls as a whole by nine tenths of its
// height, as a browser's page does, while the focus is on one of its own controls (a list
// in a pane of its own keeps the keys) and no text field or menu takes them. ImGui's own
// moved the focus to the last control in view and stopped there. Call inside the screen's
// window, after its controls.
void screen_page_keys() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) ||
        (g.NavWindow && g.NavWindow != ImGui::GetCurrentWindow()))
        return;
    const float page = ImGui::GetWindowHeight() * 0.9f;
    float by = 0;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown)))
        by = page;
    else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp)))
        by = -page;
    if (by == 0)
        return;
    ImGui::NavMoveRequestCancel();
    ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + by, 0.f, ImGui::GetScrollMaxY()));
}

}  // namespace

// The view itself: the main window, which screen to draw, the memory that opens every new
// screen at its top, and the ways out (links, images). Each screen is in its own file.
struct PlayerView::Impl {
    PlayerView& view;
    std::string copied;
    ViewMemory memory;

    explicit Impl(PlayerView& v) : view(v) {}

    player::Player& p() { return view.player_; }

    DrawContext context() {
        const float scale = view.fonts_.body ? view.fonts_.body->FontSize / 18.f : 1.f;
        DrawContext ctx{p(), view.fonts_, palette(p().settings().theme), scale, {}, {}, &copied};
        ctx.follow_link = [this](const std::string& url) { follow(url); };
        ctx.image = [this](const std::string& module_file, const std::string& src) {
            return image(module_file, src);
        };
        ctx.memory = &memory;
        ctx.hooks = &view.hooks_;
        ctx.show_diagnostics = view.show_diagnostics_;
        return ctx;
    }

    // Web links open in the browser; the reader says which page any other link leads to.
    void follow(const std::string& url) {
        if (player::CourseReader::is_web_link(url)) {
            view.last_link_ = url;
            if (view.hooks_.open_url)
                view.hooks_.open_url(url);
            return;
        }
        if (const auto* reader = p().reader())
            if (const auto target = reader->link_target(url))
                p().go_to_page(*target);
    }

    const Texture* image(const std::string& module_file, const std::string& src) {
        const auto* course = p().current_course();
        if (!course || !course->files)
            return nullptr;
        const std::string path = course::resolve_course_path(*course->files, module_file, src);
        if (path.empty())
            return nullptr;
        const std::string key = course->path.string() + "|" + path;
        auto it = view.textures_.find(key);
        if (it == view.textures_.end()) {
            auto bytes = course->files->read(path, 32u << 20);
            Texture t = bytes ? view.images_.load(*bytes) : Texture{};
            it = view.textures_.emplace(key, t).first;
        }
        return &it->second;
    }

    void screen(DrawContext& ctx) {
        switch (p().screen()) {
            case Screen::learners:
                return draw_learners_screen(ctx);
            case Screen::add_learner:
                return draw_add_learner_screen(ctx);
            case Screen::library:
                return draw_library_screen(ctx);
            case Screen::course:
                if (p().reader())
                    return draw_course_screen(ctx);
                return draw_preview_problems_screen(ctx);
            case Screen::assessment_intro:
                return draw_assessment_intro_screen(ctx);
            case Screen::assessment:
                return draw_assessment_screen(ctx);
            case Screen::result:
                return draw_result_screen(ctx);
            case Screen::settings:
                return draw_settings_screen(ctx);
            case Screen::stopped:
                return draw_stopped_screen(ctx);
            case Screen::manager_sign_in:
                return draw_manager_sign_in_screen(ctx);
            case Screen::manager:
                return draw_manager_screen(ctx);
        }
    }

    void draw() {
        memory.animating = false;
        DrawContext ctx = context();
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(vp->WorkSize);
        // Half the usual margin above the top bar and below the footer: the screens' own
        // panes have theirs, and at large text on a small screen every line counts.
        const ImVec2 padding = ImGui::GetStyle().WindowPadding;
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding.x, padding.y / 2));
        ImGui::Begin("Waymark", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                         ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::PopStyleVar();
        draw_top_bar(ctx);
        // The course, assessment and result screens scroll their own parts; the others
        // scroll as a whole, in one shared child window.
        const bool scrolls = p().screen() != Screen::course && p().screen() != Screen::assessment &&
                             p().screen() != Screen::result;
        if (memory.screen != p().screen()) {
            // Every screen opens at its top, on the very frame it is first drawn (a scroll
            // set inside a window would apply only on the next); a page or question shown
            // again after another screen does too.
            if (scrolls || p().screen() == Screen::result)
                ImGui::SetNextWindowScroll(ImVec2(0, 0));
            memory.page = {~std::size_t{0}, ~std::size_t{0}};
            memory.question = ~std::size_t{0};
            memory.stage.reset();
            memory.screen = p().screen();
            // The keyboard focus starts on the new screen's heading, never in the top bar.
            memory.focus_heading = true;
        }
        if (scrolls)
            ImGui::BeginChild("screen", ImVec2(0, 0), false);
        screen(ctx);
        if (scrolls) {
            screen_page_keys();
            ImGui::EndChild();
        }
        memory.focus_heading = false;  // a screen without a heading keeps the focus it had
        end_listen_frame(ctx);
        ImGui::End();
        view.animating_ = memory.animating;
        p().tick();
    }
};

PlayerView::PlayerView(player::Player& player, ImageLoader& images, ViewHooks hooks)
    : player_(player),
      images_(images),
      hooks_(std::move(hooks)),
      impl_(std::make_unique<Impl>(*this)) {
    built_for_ = player.settings();
}

PlayerView::~PlayerView() {
    for (const auto& [key, texture] : textures_)
        if (texture.width > 0)
            images_.release(texture);
}

void PlayerView::draw() {
    begin_widget_frame();
    keyboard_frame();
    impl_->draw();
}

bool PlayerView::fonts_outdated() const {
    const auto& s = player_.settings();
    return s.text_size_percent != built_for_.text_size_percent ||
           s.dyslexia_font != built_for_.dyslexia_font || s.theme != built_for_.theme;
}

void PlayerView::fonts_rebuilt() {
    built_for_ = player_.settings();
}

}  // namespace waymark::ui
