#include "app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spawn.h>
// GCC defines __SANITIZE_ADDRESS__; clang 14 (the asan preset's compiler) answers
// __has_feature instead.
#if defined(__SANITIZE_ADDRESS__)
#define WAYMARK_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WAYMARK_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(WAYMARK_ADDRESS_SANITIZER)
#include <dlfcn.h>
#include <link.h>
#endif
#include <stb_image_write.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gl_images.hpp"
#include "waymark/content/markdown.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/player/player.hpp"
#include "waymark/player/preview.hpp"
#include "waymark/player/stop_signals.hpp"
#include "waymark/player/window_placement.hpp"
#include "waymark/ui/frame_pacer.hpp"
#include "waymark/ui/key_queue.hpp"
#include "waymark/ui/style.hpp"
#include "waymark/ui/view.hpp"
#include "waymark/ui/widgets.hpp"
#include "window_icon.hpp"

extern char** environ;

namespace waymark::ui {
namespace {

namespace fs = std::filesystem;

bool event_arrived = false;

// Our callbacks are installed before ImGui's backend, which chains to them: they only
// note that something happened so the loop draws a few more frames.
void note_event() {
    event_arrived = true;
}
void on_cursor(GLFWwindow*, double, double) {
    note_event();
}
void on_button(GLFWwindow*, int, int, int) {
    note_event();
}
void on_scroll(GLFWwindow*, double, double) {
    note_event();
}
// Keys reach ImGui through a queue, one frame at a time (waymark/ui/key_queue.hpp), so a
// key pressed and released between two frames still acts.
KeyQueue key_queue;

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    key_queue.push({key, scancode, action != GLFW_RELEASE, mods});
    note_event();
}

void feed_keys(GLFWwindow* window) {
    for (const auto& e : key_queue.take_frame())
        ImGui_ImplGlfw_KeyCallback(window, e.key, e.scancode, e.press ? GLFW_PRESS : GLFW_RELEASE,
                                   e.mods);
}
void on_char(GLFWwindow*, unsigned int) {
    note_event();
}
void on_size(GLFWwindow*, int, int) {
    note_event();
}
void on_focus(GLFWwindow*, int) {
    note_event();
}
bool scale_changed = false;
void on_content_scale(GLFWwindow*, float, float) {
    scale_changed = true;
    note_event();
}

fs::path data_home() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        return x;
    if (const char* h = std::getenv("HOME"); h && *h)
        return fs::path(h) / ".local/share";
    return {};
}

// Where the publisher keys the `waymark` commands trust too: $XDG_CONFIG_HOME/waymark/
// trusted-keys, else ~/.config/waymark/trusted-keys.
fs::path config_home() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return x;
    if (const char* h = std::getenv("HOME"); h && *h)
        return fs::path(h) / ".config";
    return {};
}

// Where the window's size and position are kept between runs: $XDG_STATE_HOME/waymark/
// window, else ~/.local/state/waymark/window (state of this device, not training data).
fs::path window_memory_file() {
    if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x)
        return fs::path(x) / "waymark/window";
    if (const char* h = std::getenv("HOME"); h && *h)
        return fs::path(h) / ".local/state/waymark/window";
    return {};
}

std::optional<player::ScreenRect> read_window_memory() {
    const fs::path file = window_memory_file();
    std::ifstream in(file, std::ios::binary);
    if (file.empty() || !in)
        return std::nullopt;
    char text[128];
    in.read(text, sizeof text);
    return player::parse_window_memory(
        std::string_view(text, static_cast<std::size_t>(in.gcount())));
}

// Remembers where the window is, unless it is minimised; a failure only loses the memory.
void remember_window(GLFWwindow* window) {
    if (glfwGetWindowAttrib(window, GLFW_ICONIFIED))
        return;
    player::ScreenRect r;
    glfwGetWindowPos(window, &r.x, &r.y);
    glfwGetWindowSize(window, &r.width, &r.height);
    const fs::path file = window_memory_file();
    if (file.empty())
        return;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << player::format_window_memory(r);
}

// Sizes and places the (still hidden) window as player::place_window decides: inside a
// monitor's work area, where it was last time if that is still on a monitor.
void place(GLFWwindow* window, bool use_memory) {
    player::WindowRequest request;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);  // the primary first
    for (int i = 0; i < count; ++i) {
        player::ScreenRect area;
        glfwGetMonitorWorkarea(monitors[i], &area.x, &area.y, &area.width, &area.height);
        request.work_areas.push_back(area);
    }
    float sx = 1, sy = 1;
    if (count > 0)
        glfwGetMonitorContentScale(monitors[0], &sx, &sy);
    const float scale = std::max(1.f, std::max(sx, sy));
    auto scaled = [scale](int size) { return static_cast<int>(static_cast<float>(size) * scale); };
    request.preferred_width = scaled(1280);
    request.preferred_height = scaled(860);
    request.minimum_width = scaled(760);
    request.minimum_height = scaled(540);
    auto& f = request.frame;
    glfwGetWindowFrameSize(window, &f.left, &f.top, &f.right, &f.bottom);
    if (use_memory)
        request.remembered = read_window_memory();
    const auto placed = player::place_window(request);
    glfwSetWindowSizeLimits(window, placed.minimum_width, placed.minimum_height, GLFW_DONT_CARE,
                            GLFW_DONT_CARE);
    glfwSetWindowSize(window, placed.content.width, placed.content.height);
    glfwSetWindowPos(window, placed.content.x, placed.content.y);
}

// The bundled courses: signed packages in courses/, their publisher's key in
// trusted-keys/. The folder is found from where the program is (installed:
// <prefix>/share/waymark; in a build folder: build/<preset>/bundled), never from a fixed
// absolute path, which anyone could create on another machine: only whoever can replace
// the program can change which publisher it trusts. Empty when there is none.
fs::path bundled_folder() {
    std::error_code ec;
    const fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    // Set by courses/CMakeLists.txt, relative to the program's folder.
    const std::vector<std::string> candidates = {
#ifdef WAYMARK_INSTALLED_DATA
        WAYMARK_INSTALLED_DATA,
#endif
#ifdef WAYMARK_BUILD_TREE_BUNDLED
        WAYMARK_BUILD_TREE_BUNDLED,
#endif
    };
    for (const auto& relative : candidates) {
        const fs::path folder = (program.parent_path() / relative).lexically_normal();
        if (fs::is_directory(folder / "trusted-keys", ec))
            return folder;
    }
    return {};
}

// Opens a web link in the system browser, or a saved certificate in the PDF viewer. No
// shell is involved, so the argument cannot run anything; only http(s) and mailto links
// and files the player wrote get here.
void open_in_browser(const std::string& url) {
    std::signal(SIGCHLD, SIG_IGN);  // nobody waits for the browser launcher
    pid_t pid = 0;
    std::string program = "xdg-open";
    std::vector<char*> argv{program.data(), const_cast<char*>(url.c_str()), nullptr};
    // The player blocks the stop signals for its own use (StopSignals); the browser gets
    // them as every program does, so logging out closes it too.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    posix_spawnp(&pid, "xdg-open", nullptr, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
}

#if defined(WAYMARK_ADDRESS_SANITIZER)
// Mesa allocates memory in its DRI driver that it never frees, then unloads the driver
// in glfwTerminate(); LeakSanitizer then reports those leaks from an "unknown module"
// that no suppression can name. Keeping the driver mapped (RTLD_NODELETE) lets the
// report name it, so tests/ui/lsan-gl.supp can suppress exactly Mesa's leaks.
void keep_graphics_driver_loaded() {
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void*) {
            const std::string name = info->dlpi_name ? info->dlpi_name : "";
            if (name.find("_dri.so") != std::string::npos ||
                name.find("libgallium") != std::string::npos)
                dlopen(name.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
            return 0;
        },
        nullptr);
}
#else
void keep_graphics_driver_loaded() {}
#endif

double thread_cpu_us() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

bool save_screenshot(const fs::path& file, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom to top; PNG's top to bottom.
    const int stride = width * 4;
    return stbi_write_png(file.c_str(), width, height, 4,
                          pixels.data() + static_cast<std::size_t>(height - 1) * stride,
                          -stride) != 0;
}

struct Options {
    std::vector<std::string> courses;
    std::string preview;
    std::string trust;
    std::string screenshots;
    bool short_tour = false;  // the screens whose layout depends on the window's size only
    std::string first_page;   // benchmark: open this course, draw its first page, exit
    std::string frame_cost;   // benchmark: this course's longest page, CPU time per frame
    std::string ledger;       // the ledger file; default_ledger_path() when empty
};

// Certificates go where people look for documents: $XDG_DOCUMENTS_DIR, else ~/Documents
// when it exists, else the home folder. The screenshot tour keeps its own beside the
// screenshots.
fs::path certificate_folder(const Options& options) {
    if (!options.screenshots.empty())
        return options.screenshots;
    if (const char* d = std::getenv("XDG_DOCUMENTS_DIR"); d && *d)
        return d;
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        return fs::current_path();
    std::error_code ec;
    if (fs::is_directory(fs::path(home) / "Documents", ec))
        return fs::path(home) / "Documents";
    return home;
}

// The journal the player records into: the ledger for learners; memory for an author's
// preview and the screenshot tour, which must not leave records behind. A ledger that
// cannot be opened gives a journal that refuses everything with the reason, so the
// player starts and says what is wrong.
std::unique_ptr<player::Journal> open_journal(const Options& options) {
    const bool scratch = !options.preview.empty() || !options.screenshots.empty() ||
                         !options.first_page.empty() || !options.frame_cost.empty();
    if (scratch && options.ledger.empty())
        return std::make_unique<player::MemoryJournal>();
    const fs::path file =
        options.ledger.empty() ? ledger::default_ledger_path() : fs::path(options.ledger);
    std::error_code ec;
    if (file.has_parent_path())
        fs::create_directories(file.parent_path(), ec);
    auto opened = ledger::Ledger::open(file);
    if (!opened)
        return std::make_unique<player::UnavailableJournal>(opened.error());
    return std::make_unique<player::LedgerJournal>(std::move(*opened));
}

class App {
  public:
    App(GLFWwindow* window, Options options, const player::StopSignals& stop)
        : window_(window), options_(std::move(options)), stop_(stop) {}

    int run();

  private:
    // Builds the ImGui frame; returns its signature (waymark/ui/frame_pacer.hpp).
    std::uint64_t build_frame();
    // Draws the frame built last into the back buffer.
    void render_frame();
    void frame() {
        build_frame();
        render_frame();
    }
    // Draws until the layout has settled and leaves that frame in the back buffer.
    void settled_frame();
    void rebuild_fonts();
    std::vector<player::LibraryCourse> load_library();
    void reload_preview();
    int screenshot_tour();
    bool manager_tour(const std::function<void(const std::string&)>& shot);
    int first_page_benchmark();
    int frame_cost_benchmark();

    GLFWwindow* window_;
    Options options_;
    const player::StopSignals& stop_;
    float scale_ = 1;
    std::unique_ptr<player::Journal> journal_;
    GlImageLoader images_;
    std::unique_ptr<player::Player> player_;
    // The voice for "Listen": it reads on its own thread and wakes the loop when the
    // passage being heard changes, so the page marks it.
    std::atomic<bool> speech_changed_{false};
    std::unique_ptr<player::Speech> speech_;
    std::unique_ptr<PlayerView> view_;
    std::unique_ptr<player::FolderWatch> watch_;
    std::string course_characters_;  // every non-ASCII character the courses show
    double last_build_us_ = 0;       // CPU time of the last frame's ImGui part (layout, draw lists)
    bool quit_ = false;
};

std::vector<player::LibraryCourse> App::load_library() {
    if (!options_.preview.empty())
        return {player::load_preview(options_.preview)};
    // Course folders given with --courses are listed too, but preview only: a trainer can
    // try several drafts side by side, and no completion on them counts.
    std::vector<fs::path> folders;
    for (const auto& c : options_.courses)
        folders.emplace_back(c);
    if (!data_home().empty())
        folders.push_back(data_home() / "waymark/courses");
    const fs::path bundled = bundled_folder();
    if (!bundled.empty())
        folders.push_back(bundled / "courses");

    package::TrustStore trust;
    std::vector<fs::path> key_folders;
    if (!bundled.empty())
        key_folders.push_back(bundled / "trusted-keys");
    if (!config_home().empty())
        key_folders.push_back(config_home() / "waymark/trusted-keys");
    if (!options_.trust.empty())
        key_folders.emplace_back(options_.trust);
    for (const auto& keys : key_folders) {
        std::error_code ec;
        if (!fs::is_directory(keys, ec))
            continue;
        if (auto added = trust.add_directory(keys); !added)
            std::fprintf(stderr, "waymark-player: %s\n", added.error().describe().c_str());
    }
    return player::scan_courses(folders, trust);
}

void App::rebuild_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    std::string problem;
    Fonts fonts = build_fonts(*io.Fonts, player_->settings(), scale_, &problem, course_characters_);
    if (!problem.empty())
        std::fprintf(stderr, "waymark-player: %s\n", problem.c_str());
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    apply_style(player_->settings().theme, spacing_scale(player_->settings(), scale_));
    view_->set_fonts(fonts);
    view_->fonts_rebuilt();
}

std::uint64_t App::build_frame() {
    if (view_->fonts_outdated())
        rebuild_fonts();
    const double build_start = thread_cpu_us();
    feed_keys(window_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    view_->draw();
    ImGui::Render();
    last_build_us_ = thread_cpu_us() - build_start;
    return frame_signature(*ImGui::GetDrawData());
}

void App::settled_frame() {
    FramePacer pacer;
    pacer.wake();
    while (pacer.wants_frame()) {
        glfwPollEvents();
        if (pacer.drawn(build_frame(), false))
            break;
    }
    render_frame();
}

void App::render_frame() {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void App::reload_preview() {
    if (!watch_ || !watch_->changed())
        return;
    player_->reload_course(0, player::load_preview(options_.preview));
    if (player_->screen() == player::Screen::library && player_->library().front().playable())
        player_->open_course(0);
    event_arrived = true;
}

int App::run() {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window_, &sx, &sy);
    scale_ = std::max(1.f, std::max(sx, sy));

    journal_ = open_journal(options_);
    player::PlayerOptions player_options;
    player_options.certificate_folder = certificate_folder(options_);
    player_ = std::make_unique<player::Player>(load_library(), *journal_, player_options);
    ViewHooks hooks;
    hooks.open_url = open_in_browser;
    hooks.open_file = open_in_browser;
    hooks.quit = [this] { quit_ = true; };
    speech_ = std::make_unique<player::Speech>([this] {
        speech_changed_ = true;
        glfwPostEmptyEvent();  // safe from any thread
    });
    hooks.speech = speech_.get();
    view_ = std::make_unique<PlayerView>(*player_, images_, hooks);
    for (const auto& c : player_->library())
        if (c.course)
            course_characters_ += player::characters_used(*c.course);
    rebuild_fonts();

    if (!options_.screenshots.empty())
        return screenshot_tour();
    if (!options_.first_page.empty())
        return first_page_benchmark();
    if (!options_.frame_cost.empty())
        return frame_cost_benchmark();

    if (!options_.preview.empty()) {
        view_->show_diagnostics(true);
        player_->start_author_preview();
        watch_ = std::make_unique<player::FolderWatch>(options_.preview);
    }

    // After every event the pacer has frames built until the layout settles, and only
    // settled frames (or those of an animation) are drawn and shown; then the loop waits.
    FramePacer pacer;
    auto last_tick = std::chrono::steady_clock::now();
    // A logout's SIGTERM, or Ctrl+C, ends the loop as closing the window does, so the
    // window's place is remembered and the ledger closed.
    while (!glfwWindowShouldClose(window_) && !quit_ && !stop_.stop_requested()) {
        // The manager and PIN sign-ins count down their waits and enable their buttons when
        // they end.
        const bool clock_running =
            (player_->screen() == player::Screen::assessment && player_->session() &&
             player_->session()->time_left(player_->now())) ||
            (player_->screen() == player::Screen::manager_sign_in &&
             player_->manager_wait().count() > 0) ||
            (player_->screen() == player::Screen::learners && player_->pin_wait().count() > 0);
        const bool polling = clock_running || !options_.preview.empty();
        if (pacer.wants_frame() || !key_queue.empty())
            glfwPollEvents();
        else if (polling)
            glfwWaitEventsTimeout(0.5);
        else
            glfwWaitEvents();
        if (scale_changed) {
            // Moved to a monitor with another scale: fonts and spacing follow it.
            scale_changed = false;
            float sx = 1, sy = 1;
            glfwGetWindowContentScale(window_, &sx, &sy);
            scale_ = std::max(1.f, std::max(sx, sy));
            rebuild_fonts();
        }
        const bool heard_changed = speech_changed_.exchange(false);
        if (event_arrived || !key_queue.empty() || heard_changed) {
            event_arrived = false;
            pacer.wake();
        }
        const auto now = std::chrono::steady_clock::now();
        if (polling && now - last_tick >= std::chrono::milliseconds(500)) {
            last_tick = now;
            if (!options_.preview.empty())
                reload_preview();
            pacer.wake();
        }
        if (pacer.wants_frame() && pacer.drawn(build_frame(), view_->animating())) {
            render_frame();
            glfwSwapBuffers(window_);
        }
    }
    return 0;
}

int App::first_page_benchmark() {
    player_->form() = {"Benchmark", "BENCH-1", "Benchmark", "Benchmark"};
    player_->submit_learner_form();
    const auto& lib = player_->library();
    for (std::size_t i = 0; i < lib.size(); ++i)
        if (lib[i].course && lib[i].course->id == options_.first_page)
            player_->open_course(i);
    if (player_->screen() != player::Screen::course) {
        std::fprintf(stderr, "waymark-player: course %s not found\n", options_.first_page.c_str());
        return 1;
    }
    // As the loop shows it: frames built until the layout settles, the settled one drawn.
    settled_frame();
    glfwSwapBuffers(window_);
    glFinish();
    return 0;
}

// Opens the page of the course with the most words and redraws it: prints the CPU time
// of one frame (build, layout and GL submission) averaged over 300 frames.
int App::frame_cost_benchmark() {
    player_->form() = {"Benchmark", "BENCH-1", "Benchmark", "Benchmark"};
    player_->submit_learner_form();
    const auto& lib = player_->library();
    for (std::size_t i = 0; i < lib.size(); ++i)
        if (lib[i].course && lib[i].course->id == options_.frame_cost)
            player_->open_course(i);
    auto* reader = player_->reader();
    if (!reader) {
        std::fprintf(stderr, "waymark-player: course %s not found\n", options_.frame_cost.c_str());
        return 1;
    }
    player::PagePosition longest;
    std::size_t most = 0;
    const auto& modules = reader->course().modules;
    for (std::size_t m = 0; m < modules.size(); ++m)
        for (std::size_t pg = 0; pg < modules[m].pages.size(); ++pg)
            if (const auto words = content::count_words(modules[m].pages[pg]); words > most) {
                most = words;
                longest = {m, pg};
            }
    player_->go_to_page(longest);
    for (int i = 0; i < 10; ++i) {  // settle layout and textures
        frame();
        glfwSwapBuffers(window_);
    }
    glFinish();
    auto cpu_now = [] {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
    };
    constexpr int frames = 300;
    const double start = cpu_now();
    double build = 0;
    for (int i = 0; i < frames; ++i) {
        event_arrived = true;
        frame();
        build += last_build_us_;
        glFinish();  // count the driver's work for this frame, not the next
        glfwSwapBuffers(window_);
    }
    const double per_frame = (cpu_now() - start) / frames;
    // The whole process includes Mesa's software rasteriser (llvmpipe) under Xvfb; the
    // ImGui part is what the player itself spends.
    std::printf(
        "page %zu.%zu (%zu words): %.0f us CPU per frame, %.0f us in the player's UI code\n",
        longest.module + 1, longest.page + 1, most, per_frame, build / frames);
    return 0;
}

// The manager screens, on a ledger of the tour's own whose passphrase is set through the
// ledger as 'waymark manager passphrase' sets it (the player cannot set one; the tour
// never touches the learner's ledger). The player and view move onto that ledger.
bool App::manager_tour(const std::function<void(const std::string&)>& shot) {
    std::string pattern = (fs::temp_directory_path() / "waymark-tour-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        std::fprintf(stderr, "could not make a folder for the manager tour's ledger\n");
        return false;
    }
    const fs::path scratch = pattern;
    auto tour_ledger = ledger::Ledger::open(scratch / "ledger.db");
    Result<void> ready = tour_ledger ? tour_ledger->set_manager_passphrase("correct horse battery")
                                     : Result<void>(tour_ledger.error());
    if (ready)
        if (auto added = tour_ledger->add_learner(
                {"Sam Patel", "WF-1023", "", "Early help", "Family worker"});
            !added)
            ready = added.error();
    if (!ready) {
        std::fprintf(stderr, "manager tour: %s\n", ready.error().describe().c_str());
        std::error_code ec;
        fs::remove_all(scratch, ec);
        return false;
    }
    auto journal = std::make_unique<player::LedgerJournal>(std::move(*tour_ledger));
    auto manager_player = std::make_unique<player::Player>(player_->library(), *journal);
    view_ = std::make_unique<PlayerView>(*manager_player, images_, ViewHooks{});
    player_ = std::move(manager_player);
    journal_ = std::move(journal);
    rebuild_fonts();
    auto& p = *player_;
    p.open_manager();
    p.manager_passphrase() = "correct horse battery";
    p.submit_manager_passphrase();
    const bool opened = p.screen() == player::Screen::manager;
    shot("manager-dashboard");
    p.close_manager();
    p.open_manager();
    p.manager_passphrase() = "wrong passphrase";
    p.submit_manager_passphrase();
    shot("manager-wrong-passphrase");
    std::error_code ec;
    fs::remove_all(scratch, ec);  // its open connection keeps working until the player exits
    if (!opened || p.screen() != player::Screen::manager_sign_in)
        std::fprintf(stderr,
                     "manager tour: the passphrase set in the ledger did not open the "
                     "manager area, or a wrong one did\n");
    return opened && p.screen() == player::Screen::manager_sign_in;
}

int App::screenshot_tour() {
    const fs::path dir = options_.screenshots;
    std::error_code ec;
    fs::create_directories(dir, ec);
    // Screens depend on the paper drawn, so earlier runs' files are removed first.
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".png")
            fs::remove(e.path(), ec);
    int n = 0;
    bool failed = false;
    auto shot = [&](const std::string& name) {
        settled_frame();  // what the learner would see: the settled layout
        int w = 0, h = 0;
        glfwGetFramebufferSize(window_, &w, &h);
        char file[64];
        std::snprintf(file, sizeof file, "%02d-%s.png", ++n, name.c_str());
        if (!save_screenshot(dir / file, w, h))
            std::fprintf(stderr, "could not write %s\n", file);
        glfwSwapBuffers(window_);
    };
    auto& p = *player_;
    glfwSetCursorPos(window_, 2, 2);  // keep the pointer off links, or tooltips cover the page
    shot("add-learner");
    p.form() = {"", "bad id!", "", ""};
    p.submit_learner_form();
    shot("add-learner-problems");
    p.form() = {"Sam Patel", "WF-1023", "Early help", "Family worker"};
    p.submit_learner_form();
    shot("library");
    std::size_t sample = 0;
    for (std::size_t i = 0; i < p.library().size(); ++i)
        if (p.library()[i].course && p.library()[i].course->id == "waymark-sample")
            sample = i;
    if (options_.short_tour) {
        // A small screen (1366x768 laptops): what must fit, at 100% and 200% text.
        for (int size : {100, 200}) {
            auto s = p.settings();
            s.text_size_percent = size;
            p.change_settings(s);
            const std::string tag = std::to_string(size) + "-";
            p.back_to_library();
            shot(tag + "library");
            p.open_course(sample);
            p.go_to_page({0, 0});
            shot(tag + "page-text-lists-tables");
            p.go_to_page({1, 0});
            shot(tag + "page-checks");
            while (p.reader() && p.reader()->can_go_next())
                p.next_page();
            shot(tag + "last-page");
            p.open_settings();
            shot(tag + "settings");
            p.close_settings();
        }
        std::printf("%d screenshots in %s\n", n, dir.c_str());
        return 0;
    }
    // A page counts as read once its end has been on screen, which shots of its top never
    // show: the tour says so itself before moving on, so the assessment opens.
    const auto read_on = [&p] {
        p.page_end_seen();
        p.next_page();
    };
    p.open_course(sample);
    shot("page-text-lists-tables");
    read_on();
    shot("page-callouts-steps-contacts");
    reveal_widget("Copy##emergencyPhone");
    shot("page-contact-cards");
    read_on();
    shot("page-knowledge-check");
    // Answer the page's first knowledge check with the first option everywhere, to show
    // its feedback.
    for (const auto& block : p.reader()->page().blocks) {
        if (block.kind != content::BlockKind::knowledge_check)
            continue;
        auto* check = p.reader()->check(block.ref);
        for (auto& m : check->draft.matched)
            m = 0;
        check->draft.chosen = 0;
        if (!check->draft.ticked.empty())
            check->draft.ticked[0] = true;
        p.check_answer(block.ref);
        reveal_widget("Try again##" + block.ref);
        shot("knowledge-check-feedback");
        break;
    }
    while (p.reader() && p.reader()->can_go_next())
        read_on();
    read_on();
    shot("assessment-intro");
    p.start_assessment();
    shot("assessment-question");
    if (auto* s = p.session()) {
        for (std::size_t i = 1; i < s->count(); ++i) {
            p.assessment_next();
            shot("assessment-q" + std::to_string(i + 1) + "-" +
                 content::to_string(s->question().type));
        }
        p.assessment_review();
        shot("assessment-review");
        p.assessment_ask_submit();
        shot("assessment-confirm");
        p.assessment_submit();
        shot("result");
    }
    p.open_settings();
    shot("settings");
    auto s = p.settings();
    s.theme = player::Theme::dark;
    p.change_settings(s);
    p.close_settings();
    p.open_course(sample);
    p.go_to_page({0, 1});
    shot("dark-callouts");
    s.theme = player::Theme::high_contrast;
    p.change_settings(s);
    shot("high-contrast-callouts");
    s.theme = player::Theme::light;
    s.dyslexia_font = true;
    s.text_size_percent = 150;
    p.change_settings(s);
    p.go_to_page({0, 0});
    shot("dyslexia-font-150");
    // Every theme at 100% and 200% text: the library, a page with a table, a page with
    // knowledge checks, and the settings (issue 16: look at every screen this way).
    for (auto theme : {player::Theme::light, player::Theme::dark, player::Theme::high_contrast})
        for (int size : {100, 200}) {
            s = {};
            s.theme = theme;
            s.text_size_percent = size;
            p.change_settings(s);
            std::string tag = player::to_string(theme);
            std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) {
                return c == ' ' ? '-' : static_cast<char>(std::tolower(c));
            });
            tag += "-" + std::to_string(size);
            p.back_to_library();
            shot(tag + "-library");
            p.open_course(sample);
            p.go_to_page({0, 0});
            shot(tag + "-page-table");
            p.go_to_page({1, 0});
            shot(tag + "-page-checks");
            p.open_settings();
            shot(tag + "-settings");
            p.close_settings();
        }
    s = {};
    p.change_settings(s);
    p.back_to_library();
    shot("library-after");
    p.open_manager();
    shot("manager-no-passphrase");
    p.close_manager();
    if (!manager_tour(shot))
        failed = true;
    std::printf("%d screenshots in %s\n", n, dir.c_str());
    return failed ? 1 : 0;
}

}  // namespace

int run_player(int argc, char** argv) {
    // First, before GLFW and the graphics driver start threads that would not block them.
    player::StopSignals stop;
    CLI::App cli{"waymark-player: take your training"};
    Options options;
    cli.add_option("--courses", options.courses,
                   "Also list the packages in this folder (repeatable); course source folders "
                   "there are listed as preview only, where completions do not count");
    cli.add_option("--preview", options.preview,
                   "Preview a course source folder, reloading on every save; nothing counts");
    cli.add_option(
        "--ledger", options.ledger,
        "The ledger file (default: $WAYMARK_LEDGER or ~/.local/share/waymark/ledger.db)");
    cli.add_option("--trust", options.trust,
                   "Folder of publisher keys (*.pub) to trust as well as the bundled courses' "
                   "and those in ~/.config/waymark/trusted-keys");
    cli.add_option("--screenshots", options.screenshots,
                   "Visit every screen, save PNGs in this folder, exit");
    cli.add_flag("--short-tour", options.short_tour,
                 "With --screenshots: only the screens whose layout depends on the window's "
                 "size, at 100% and 200% text");
    cli.add_option("--frame-cost", options.frame_cost,
                   "Redraw this course id's longest page, print CPU per frame, exit");
    cli.add_option("--first-page", options.first_page,
                   "Open this course id, draw its first page, exit");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    if (!glfwInit()) {
        std::fprintf(stderr,
                     "waymark-player: cannot open a window (no display?). Run it from a desktop "
                     "session, or under xvfb-run for tests.\n");
        return 1;
    }
    // A stop signal wakes the loop where it waits for events (safe from any thread).
    stop.on_stop([] { glfwPostEmptyEvent(); });
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // Hidden until it is sized and placed, so it never shows at a size that does not fit.
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(1280, 860, "Waymark", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "waymark-player: OpenGL 3.0 is not available on this display.\n");
        stop.on_stop({});
        glfwTerminate();
        return 1;
    }
    // The tour and the benchmarks are the same on every run: no memory is used or kept.
    const bool remembers =
        options.screenshots.empty() && options.first_page.empty() && options.frame_cost.empty();
    place(window, remembers);
    set_window_icon(window);
    glfwShowWindow(window);
    glfwMakeContextCurrent(window);
    keep_graphics_driver_loaded();
    glfwSwapInterval(1);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetMouseButtonCallback(window, on_button);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetCharCallback(window, on_char);
    glfwSetWindowSizeCallback(window, on_size);
    glfwSetWindowFocusCallback(window, on_focus);
    glfwSetWindowContentScaleCallback(window, on_content_scale);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    // Keys go through our queue (feed_keys) instead of straight to ImGui.
    glfwSetKeyCallback(window, on_key);
    ImGui_ImplOpenGL3_Init("#version 130");

    int status = 0;
    {
        App app(window, options, stop);
        status = app.run();
    }  // textures are released while the GL context still exists
    if (remembers)
        remember_window(window);

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    stop.on_stop({});  // GLFW is going: nothing may post to it any more
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

}  // namespace waymark::ui
