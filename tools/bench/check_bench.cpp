// How long `waymark check` takes on the bundled course (target: under 100 ms), against
// the floor of merely reading every file of the course in the same run.
//   build/default/tools/bench/check_bench [--benchmark_min_time=2]
#include <benchmark/benchmark.h>

#include <filesystem>

#include "waymark/core/files.hpp"
#include "waymark/course/load.hpp"

namespace {

namespace fs = std::filesystem;

fs::path course_dir() {
    const fs::path prevent = fs::path(WAYMARK_SOURCE_DIR) / "courses" / "prevent-duty";
    return fs::exists(prevent / "course.json")
               ? prevent
               : fs::path(WAYMARK_SOURCE_DIR) / "courses" / "waymark-sample";
}

// The whole check, as the CLI runs it: list the folder, load, check every reference.
void BM_CheckCourse(benchmark::State& state) {
    const fs::path dir = course_dir();
    for (auto _ : state) {
        waymark::Diagnostics listing;
        waymark::course::FolderFiles files(dir, listing);
        auto loaded = waymark::course::load_course(files);
        if (loaded.diagnostics.has_errors())
            state.SkipWithError("the course has errors");
        benchmark::DoNotOptimize(loaded);
    }
    state.SetLabel(dir.filename().string());
}
BENCHMARK(BM_CheckCourse)->Unit(benchmark::kMillisecond);

// Baseline: read every file of the course and nothing else.
void BM_ReadEveryFile(benchmark::State& state) {
    const fs::path dir = course_dir();
    std::int64_t bytes = 0;
    for (auto _ : state) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (!entry.is_regular_file())
                continue;
            auto data = waymark::read_file(entry.path());
            if (data)
                bytes += static_cast<std::int64_t>(data->size());
            benchmark::DoNotOptimize(data);
        }
    }
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ReadEveryFile)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
