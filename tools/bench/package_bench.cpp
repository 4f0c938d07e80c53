// Opening and verifying a 50 MiB course package, against `sha256sum` over the same
// content in the same run: verification has to inflate and hash every byte, so hashing
// alone is its natural floor. Targets: open+verify at least 70% of sha256sum's
// throughput, and (issue 19, once SHA-256 moved to libcrypto) at least 90% of it per CPU
// second.
//
// The package is generated once into a temporary folder: 200 files of 256 KiB, half
// text made of words (compresses about 3:1), half random bytes (does not compress).
// The baseline runs `sha256sum <folder>/src/*` on the unpacked files (the same 50 MiB
// the package contains), through std::system, so its time includes starting a process.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "child_process.hpp"
#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"

namespace fs = std::filesystem;
using namespace waymark;
using namespace waymark::package;

namespace {

constexpr int kFiles = 200;
constexpr std::size_t kFileBytes = 256u << 10;
constexpr std::uint64_t kTotalBytes = std::uint64_t{kFiles} * kFileBytes;

struct BenchData {
    fs::path dir;
    fs::path package;
    TrustStore store;
    std::vector<std::string> contents;  // for the in-process hashing reference

    BenchData() {
        char name[] = "/tmp/waymark-package-bench-XXXXXX";
        if (!::mkdtemp(name))
            throw std::runtime_error("mkdtemp failed");
        dir = name;
        fs::create_directories(dir / "src");
        std::mt19937_64 rng(20261125);
        const char* words[] = {"Prevent", "duty",    "safeguarding", "Channel",    "referral",
                               "the",     "and",     "to",           "of",         "staff",
                               "support", "concern", "risk",         "training",   "CONTEST",
                               "partner", "local",   "authority",    "vulnerable", "people"};
        std::vector<std::string> files;
        for (int i = 0; i < kFiles; ++i) {
            std::string data;
            data.reserve(kFileBytes);
            if (i % 2 == 0) {
                while (data.size() < kFileBytes) {
                    data += words[rng() % std::size(words)];
                    data += rng() % 12 == 0 ? ".\n" : " ";
                }
                data.resize(kFileBytes);
            } else {
                data.resize(kFileBytes);
                for (std::size_t k = 0; k < kFileBytes; k += 8) {
                    const std::uint64_t r = rng();
                    std::memcpy(data.data() + k, &r, 8);
                }
            }
            char file[32];
            std::snprintf(file, sizeof file, "src/%03d.%s", i, i % 2 == 0 ? "md" : "bin");
            check(write_file_atomic(dir / file, data));
            files.push_back(std::string(file).substr(4));
            contents.push_back(std::move(data));
        }
        const auto key = Ed25519KeyPair::generate();
        store.add(key.public_key);
        CourseSummary course;
        course.id = "bench";
        course.version = "1.0.0";
        course.title = "Benchmark course";
        package = dir / "bench.wmpkg";
        check(write_package(dir / "src", files, course, key.secret_key, package));
    }
    ~BenchData() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    static void check(const Result<void>& r) {
        if (!r)
            throw std::runtime_error(r.error().describe());
    }
};

BenchData& data() {
    static BenchData d;
    return d;
}

void BM_OpenAndVerifyPackage(benchmark::State& state) {
    BenchData& d = data();
    for (auto _ : state) {
        auto package = open_trusted_package(d.package, d.store);
        if (!package) {
            state.SkipWithError(package.error().describe().c_str());
            break;
        }
        benchmark::DoNotOptimize(package->files().size());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kTotalBytes));
}
// CPU time counts every thread of the process: verification may use several.
BENCHMARK(BM_OpenAndVerifyPackage)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

void BM_Sha256sumOfUnpackedFiles(benchmark::State& state) {
    const std::string command = "sha256sum " + (data().dir / "src").string() + "/* > /dev/null";
    const double cpu_before = bench::children_cpu_ms();
    for (auto _ : state) {
        if (std::system(command.c_str()) != 0) {
            state.SkipWithError("sha256sum failed");
            break;
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kTotalBytes));
    state.SetLabel(command);
    // The CPU column shows only this process; the child's own CPU time is here.
    state.counters["child_cpu_ms"] = benchmark::Counter((bench::children_cpu_ms() - cpu_before) /
                                                        static_cast<double>(state.iterations()));
}
BENCHMARK(BM_Sha256sumOfUnpackedFiles)->Unit(benchmark::kMillisecond)->UseRealTime();

// In-process SHA-256 (waymark::sha256, libcrypto's, as the package reader uses) of the
// same bytes already in memory: shows how much of open+verify is hashing and how much is
// reading and inflating.
void BM_Sha256InMemory(benchmark::State& state) {
    const auto& contents = data().contents;
    for (auto _ : state) {
        for (const auto& c : contents)
            benchmark::DoNotOptimize(sha256(c));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kTotalBytes));
}
BENCHMARK(BM_Sha256InMemory)->Unit(benchmark::kMillisecond)->UseRealTime();

// Prints the usual table, then the ratio the target is stated in.
class RatioReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            // With --benchmark_repetitions the median stands for the benchmark.
            if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median")
                continue;
            const auto it = run.counters.find("bytes_per_second");
            if (run.error_occurred || it == run.counters.end())
                continue;
            rates_[run.run_name.function_name] = it->second.value;
            const auto child = run.counters.find("child_cpu_ms");
            cpu_ms_[run.run_name.function_name] =
                child != run.counters.end() ? child->second.value : run.GetAdjustedCPUTime();
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        const auto open = rates_.find("BM_OpenAndVerifyPackage");
        const auto baseline = rates_.find("BM_Sha256sumOfUnpackedFiles");
        if (open == rates_.end() || baseline == rates_.end())
            return;
        std::printf(
            "\nopen+verify %.0f MiB/s, sha256sum %.0f MiB/s: %.0f%% of sha256sum "
            "(target 70%%)\n",
            open->second / (1 << 20), baseline->second / (1 << 20),
            100.0 * open->second / baseline->second);
        // Wall time depends on what else the machine is doing; CPU time per run does not.
        const double open_cpu = cpu_ms_["BM_OpenAndVerifyPackage"];
        const double baseline_cpu = cpu_ms_["BM_Sha256sumOfUnpackedFiles"];
        std::printf(
            "CPU per run: open+verify %.0f ms (all threads), sha256sum %.0f ms: %.0f%% "
            "of sha256sum's CPU throughput (target 90%%)\n",
            open_cpu, baseline_cpu, 100.0 * baseline_cpu / open_cpu);
    }

  private:
    std::map<std::string, double> rates_;
    std::map<std::string, double> cpu_ms_;  // CPU per iteration, in milliseconds
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    std::printf("package: %d files, %llu bytes of content; %u hardware threads\n", kFiles,
                static_cast<unsigned long long>(kTotalBytes), std::thread::hardware_concurrency());
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
