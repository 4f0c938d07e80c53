// player_bench: what waymark-player costs, against the floor of an empty ImGui window.
//
// Run under Xvfb (Mesa's llvmpipe renders there):
//     xvfb-run -a -s "-screen 0 1280x860x24" build/default/tools/bench/player_bench
// Each benchmark starts a real process and reports wall time (manual time) and peak
// memory (the child's maximum resident set):
//   Floor          player_floor: window, context, three empty frames, exit
//   FirstPage      waymark-player --first-page prevent-duty: library scan, course load,
//                  fonts, first page drawn
//   Chromium       the baseline a web LMS pays: the Prevent course's longest page as one
//                  HTML file, rendered by headless Chromium to a screenshot (peak memory is
//                  the largest single Chromium process, not the sum of them)
//   ChromiumPublishedPage  the same page as `waymark publish html` writes it (its own file,
//                  the site's style sheet and script), opened from disk
// and two one-off measurements as counters:
//   FrameCost      CPU time per frame redrawing the Prevent course's longest page: the
//                  whole process (with Mesa's software rasteriser) and the UI code alone
//   Idle           CPU used by an idle player over 10 s, as a percentage of one core
// The executables default to the ones built beside this program; WAYMARK_PLAYER and
// WAYMARK_PLAYER_FLOOR override them.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "page_html.hpp"
#include "waymark/course/load.hpp"
#include "waymark/publish/html_site.hpp"

extern char** environ;

namespace {

std::string program(const char* env, const char* fallback) {
    if (const char* p = std::getenv(env); p && *p)
        return p;
    return fallback;
}

const std::string player = program("WAYMARK_PLAYER", WAYMARK_PLAYER_EXE);
const std::string floor_program = program("WAYMARK_PLAYER_FLOOR", WAYMARK_PLAYER_FLOOR_EXE);

pid_t spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // Children's chatter (Chromium logs D-Bus failures by the dozen) stays out of the table.
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int failed = posix_spawn(&pid, argv[0], &quiet, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    return failed ? -1 : pid;
}

void measure(benchmark::State& state, const std::vector<std::string>& args) {
    double peak = 0;
    for (auto _ : state) {
        // Children's chatter (Chromium logs D-Bus failures by the dozen) stays out of the
        // table.
        const waymark::bench::ChildCost o = waymark::bench::run_child(args, {}, true);
        if (o.exit_code != 0) {
            state.SkipWithError(
                ("could not run " + args[0] + " (is DISPLAY set? use xvfb-run)").c_str());
            return;
        }
        state.SetIterationTime(o.wall_ms / 1000);
        peak = std::max(peak, o.peak_mib);
    }
    state.counters["peak_MiB"] = peak;
}

void Floor(benchmark::State& state) {
    measure(state, {floor_program});
}
BENCHMARK(Floor)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

void FirstPage(benchmark::State& state) {
    measure(state, {player, "--first-page", "prevent-duty"});
}
BENCHMARK(FirstPage)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

void FrameCost(benchmark::State& state) {
    for (auto _ : state) {
        const std::string command = "'" + player + "' --frame-cost prevent-duty";
        FILE* out = popen(command.c_str(), "r");
        if (!out) {
            state.SkipWithError("could not start waymark-player");
            return;
        }
        char line[512] = {};
        double us = -1, ui_us = -1;
        while (std::fgets(line, sizeof line, out)) {
            const char* at = std::strstr(line, "): ");
            const char* ui = std::strstr(line, "frame, ");
            if (at && ui) {
                us = std::atof(at + 3);
                ui_us = std::atof(ui + 7);
            }
        }
        if (pclose(out) != 0 || us < 0) {
            state.SkipWithError("waymark-player --frame-cost failed");
            return;
        }
        state.counters["frame_cpu_us"] = us;        // whole process, Mesa included
        state.counters["frame_ui_cpu_us"] = ui_us;  // ImGui layout and draw lists
    }
}
BENCHMARK(FrameCost)->Iterations(1)->Unit(benchmark::kMillisecond);

// Headless Chromium drawing `url` to a 1280x860 screenshot, its profile in `dir`.
std::vector<std::string> chromium_screenshot(const std::filesystem::path& dir,
                                             const std::string& url) {
    return {"/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,860",
            "--user-data-dir=" + (dir / "profile").string(),
            "--screenshot=" + (dir / "page.png").string(),
            url};
}

void Chromium(benchmark::State& state) {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("waymark-chromium-" + std::to_string(getpid()));
    fs::create_directories(dir);
    waymark::Diagnostics listing;
    waymark::course::FolderFiles files(WAYMARK_SOURCE_DIR "/courses/prevent-duty", listing);
    const auto loaded = waymark::course::load_course(files);
    const waymark::course::Module* module = nullptr;
    const auto& page = waymark::bench::longest_page(loaded.course, &module);
    std::ofstream(dir / "page.html") << waymark::bench::page_html(loaded.course, page);
    measure(state, chromium_screenshot(dir, "file://" + (dir / "page.html").string()));
    state.SetLabel(module->id + "#" + page.anchor);
    fs::remove_all(dir);
}
BENCHMARK(Chromium)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

// The same page as the published course serves it (`waymark publish html`): its own file
// with the site's style sheet and script, opened from disk.
void ChromiumPublishedPage(benchmark::State& state) {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("waymark-chromium-site-" + std::to_string(getpid()));
    auto source = waymark::course::load_source_folder(WAYMARK_SOURCE_DIR "/courses/prevent-duty");
    const waymark::course::Course& course = source.loaded.course;
    const waymark::course::Module* module = nullptr;
    const auto& page = waymark::bench::longest_page(course, &module);
    auto site = waymark::publish::render_html_site(course, *source.files);
    if (!site || !waymark::publish::write_site(*site, dir / "site")) {
        state.SkipWithError("the course could not be published");
        return;
    }
    const auto m = static_cast<std::size_t>(module - course.modules.data());
    const auto p = static_cast<std::size_t>(&page - module->pages.data());
    const std::string file = waymark::publish::page_file(m, p);
    measure(state, chromium_screenshot(dir, "file://" + (dir / "site" / file).string()));
    state.SetLabel(file);
    fs::remove_all(dir);
}
BENCHMARK(ChromiumPublishedPage)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

double cpu_seconds(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14)
            utime = std::atof(field.c_str());
        if (i == 15)
            stime = std::atof(field.c_str());
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void Idle(benchmark::State& state) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("waymark-idle-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    for (auto _ : state) {
        const pid_t pid = spawn({player, "--ledger", (dir / "ledger.db").string()});
        if (pid < 0) {
            state.SkipWithError("could not start waymark-player");
            break;
        }
        std::this_thread::sleep_for(std::chrono::seconds(3));  // start-up is not idle
        const double before = cpu_seconds(pid);
        std::this_thread::sleep_for(std::chrono::seconds(10));
        const double after = cpu_seconds(pid);
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        if (before < 0 || after < 0) {
            state.SkipWithError("the player exited early (is DISPLAY set?)");
            break;
        }
        state.counters["idle_cpu_percent"] = (after - before) / 10.0 * 100.0;
    }
    std::filesystem::remove_all(dir);
}
BENCHMARK(Idle)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
