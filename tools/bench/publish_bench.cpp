// How long `waymark publish` takes on the Prevent course (goal: under 1 s), against the
// floor of copying the folder it writes, in the same run.
//   build/release/tools/bench/publish_bench [--benchmark_min_time=2]
// Each run does what the command does: load and check the source folder, render, write.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "waymark/course/load.hpp"
#include "waymark/publish/html_site.hpp"
#include "waymark/publish/lms_package.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kCourse = fs::path(WAYMARK_SOURCE_DIR) / "courses" / "prevent-duty";

// A scratch folder of this process, removed when the benchmark ends.
struct Scratch {
    fs::path dir =
        fs::temp_directory_path() / ("waymark-publish-bench-" + std::to_string(getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

// The loaded course, or a skip with the reason.
bool load(benchmark::State& state, waymark::course::LoadedFolder& source) {
    source = waymark::course::load_source_folder(kCourse);
    if (!source.loaded.ok()) {
        state.SkipWithError("the Prevent course has errors: run `waymark check` on it");
        return false;
    }
    return true;
}

void BM_PublishHtml(benchmark::State& state) {
    Scratch scratch;
    std::uintmax_t bytes = 0;
    for (auto _ : state) {
        waymark::course::LoadedFolder source;
        if (!load(state, source))
            return;
        auto site = waymark::publish::render_html_site(source.loaded.course, *source.files);
        if (!site)
            return state.SkipWithError(site.error().describe().c_str());
        if (auto written = waymark::publish::write_site(*site, scratch.dir / "site"); !written)
            return state.SkipWithError(written.error().describe().c_str());
        bytes = site->total_bytes();
    }
    state.counters["site_KiB"] = static_cast<double>(bytes) / 1024;
}
BENCHMARK(BM_PublishHtml)->Unit(benchmark::kMillisecond);

void BM_PublishScorm12(benchmark::State& state) {
    Scratch scratch;
    for (auto _ : state) {
        waymark::course::LoadedFolder source;
        if (!load(state, source))
            return;
        auto package = waymark::publish::render_lms_package(source.loaded.course, *source.files,
                                                            waymark::publish::LmsFormat::scorm12);
        if (!package || !waymark::publish::write_lms_package(*package, scratch.dir / "p.zip")) {
            state.SkipWithError("publishing failed");
            return;
        }
    }
    state.counters["zip_KiB"] = static_cast<double>(fs::file_size(scratch.dir / "p.zip")) / 1024;
}
BENCHMARK(BM_PublishScorm12)->Unit(benchmark::kMillisecond);

// Baseline: copying a published folder, the least any program writing these files pays.
void BM_CopyThePublishedFolder(benchmark::State& state) {
    Scratch scratch;
    waymark::course::LoadedFolder source;
    if (!load(state, source))
        return;
    auto site = waymark::publish::render_html_site(source.loaded.course, *source.files);
    if (!site || !waymark::publish::write_site(*site, scratch.dir / "site")) {
        state.SkipWithError("publishing failed");
        return;
    }
    for (auto _ : state) {
        fs::remove_all(scratch.dir / "copy");
        fs::copy(scratch.dir / "site", scratch.dir / "copy", fs::copy_options::recursive);
    }
}
BENCHMARK(BM_CopyThePublishedFolder)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
