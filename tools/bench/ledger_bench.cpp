// The completion ledger: append throughput and latency, verify speed and peak memory.
//
// Targets (issue "The completion ledger", raised by issue 19 once SHA-256 moved to
// libcrypto):
//   - appends in batches of 1,000: over 100,000 events/s, on one core too
//     (`taskset -c 0`);
//   - single durable appends: p50 and p99 latency reported (each one commits with an
//     fsync, so the disk sets the figure);
//   - full verify of 1,000,000 events: at least `sha256sum`'s throughput over the same
//     number of bytes, measured in the same run, and at least half of it per CPU second;
//   - peak memory of verify and of rebuild on 1,000,000 events: under 64 MiB.
//
// The 1,000,000-event ledger is written once per run into a temporary folder through
// Ledger::append in batches of 1,000 (a realistic mix: sessions, page views, attempts
// with ten answers, completions) and reused by every benchmark that reads it.
//
// "The same number of bytes" is what verify hashes: each event's canonical bytes plus
// its 32-byte previous hash (chain.hpp in the ledger describes the format), summed with
// SQL. The baseline runs `sha256sum` on a file of that many bytes through std::system.
//
// Peak memory is measured in a fresh process: the benchmark starts this program again
// as `ledger_bench --peak-memory-of verify|rebuild FILE` and reads the child's
// ru_maxrss from wait4(), so the parent's own memory does not count.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "waymark/assessment/event_json.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace fs = std::filesystem;
using namespace waymark;
using namespace waymark::ledger;

namespace {

constexpr int kBatch = 1000;
constexpr int kMillion = 1000000;

std::string self_path;  // argv[0], to start the peak-memory child
// --keep-ledger=DIR: the million-event ledger is kept in DIR and reused by later runs
// (the same seed writes the same events), which saves a minute per run when profiling.
fs::path kept_dir;

template <typename T>
T checked(Result<T> r) {
    if (!r)
        throw std::runtime_error(r.error().describe());
    if constexpr (!std::is_void_v<T>)
        return std::move(*r);
}

fs::path make_temp_dir(const char* what) {
    std::string pattern = std::string("/tmp/waymark-ledger-bench-") + what + "-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    return pattern;
}

// Builds batches of events as a learner produces them: a session per course, twelve
// page views, an attempt (started, ten answers, submitted, scored), a completion.
class EventMaker {
  public:
    EventMaker() {
        for (int k = 1; k <= 10; ++k) {
            const std::string id = "course-" + std::to_string(k);
            courses_.push_back(CourseRef{id, "1.0." + std::to_string(k), to_hex(sha256(id)), true});
        }
    }

    std::vector<NewEvent> batch(const std::string& learner, int size) {
        std::vector<NewEvent> out;
        out.reserve(static_cast<std::size_t>(size) + 32);
        while (static_cast<int>(out.size()) < size)
            course_round(out, learner);
        out.resize(static_cast<std::size_t>(size));
        return out;
    }

  private:
    void course_round(std::vector<NewEvent>& out, const std::string& learner) {
        const CourseRef& c = courses_[round_ % courses_.size()];
        ++round_;
        auto add = [&](EventType type, std::string payload) {
            time_ += std::chrono::seconds(30);
            out.push_back(NewEvent{learner, c, type, std::move(payload), time_});
        };
        add(EventType::session_started, write_payload(EventType::session_started, NoFields{}));
        for (int p = 0; p < 12; ++p)
            add(EventType::page_viewed,
                write_payload(PageViewed{"m" + std::to_string(p / 3) + "/" + std::to_string(p % 3),
                                         p / 3, p % 3, 12}));
        const std::string attempt = learner.substr(0, 8) + "-" + std::to_string(round_);
        std::vector<std::string> questions;
        for (int q = 1; q <= 10; ++q)
            questions.push_back("q" + std::to_string(q));
        add(EventType::attempt_started,
            assessment::write_attempt_event(assessment::AttemptStarted{
                attempt, random_(), time_, questions, std::chrono::milliseconds{0}}));
        for (const auto& q : questions)
            add(EventType::answer_saved,
                assessment::write_attempt_event(assessment::AnswerSaved{
                    q, assessment::ChosenOption{std::size_t(random_() % 4)}, time_}));
        add(EventType::attempt_submitted,
            assessment::write_attempt_event(assessment::AttemptSubmitted{time_}));
        assessment::AttemptScored scored;
        scored.at = time_;
        scored.result.max = 10;
        scored.result.raw = 8;
        scored.result.scaled = 0.8;
        scored.result.pass_mark = 80;
        scored.result.passed = true;
        add(EventType::attempt_scored, assessment::write_attempt_event(scored));
        add(EventType::course_completed, write_payload(CourseCompleted{attempt, 0.8, 12}));
        add(EventType::session_ended, write_payload(EventType::session_ended, NoFields{}));
    }

    std::vector<CourseRef> courses_;
    std::mt19937_64 random_{20261125};
    std::size_t round_ = 0;
    UtcTime time_ = *parse_iso8601("2025-01-06T09:00:00Z");
};

Person person(int i) {
    return Person{"Learner " + std::to_string(i), "S" + std::to_string(100000 + i), "",
                  "Safeguarding", "Practitioner"};
}

// One number from an SQL query, through a read-only connection.
std::int64_t query_int(const fs::path& file, const char* sql) {
    Database db = checked(Database::open_read_only(file));
    Statement s = checked(db.prepare(sql));
    if (!checked(s.step()))
        throw std::runtime_error(std::string("no result from ") + sql);
    return s.column_int(0);
}

// The bytes verify hashes: per event 32 (previous hash) + the canonical JSON, which is
// 137 bytes of fixed keys and punctuation (138 for "trusted":false) plus the fields.
// No field of the generated events needs escaping, so the stored bytes are the
// canonical ones.
constexpr const char* kHashedBytesSql =
    "SELECT sum(32 + 137 + (course_trusted = 0) + length(CAST(id AS BLOB))"
    " + length(CAST(device_id AS BLOB)) + length(CAST(seq AS TEXT))"
    " + length(CAST(time AS BLOB)) + length(CAST(learner_id AS BLOB))"
    " + length(CAST(course_id AS BLOB)) + length(CAST(course_version AS BLOB))"
    " + length(CAST(course_digest AS BLOB)) + length(CAST(type AS BLOB))"
    " + length(CAST(payload AS BLOB))) FROM events";

struct MillionEvents {
    fs::path dir;
    fs::path file;
    fs::path baseline;  // hashed_bytes of filler for sha256sum
    std::int64_t hashed_bytes = 0;
    std::int64_t file_bytes = 0;
    double seconds_to_write = 0;

    MillionEvents() {
        dir = kept_dir.empty() ? make_temp_dir("million") : kept_dir;
        file = dir / "ledger.db";
        const auto start = std::chrono::steady_clock::now();
        const bool write = kept_dir.empty() || !fs::exists(file);
        if (write) {
            Ledger ledger = checked(Ledger::open(file));
            EventMaker maker;
            for (int b = 0; b < kMillion / kBatch; ++b) {
                const Learner l = checked(ledger.add_learner(person(b)));
                // add_learner has written the enrolment: the batch is one event short.
                (void)checked(ledger.append(maker.batch(l.id, kBatch - 1)));
            }
        }
        seconds_to_write =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        hashed_bytes = query_int(file, kHashedBytesSql);
        file_bytes = static_cast<std::int64_t>(fs::file_size(file));
        baseline = dir / "same-bytes.bin";
        std::ofstream out(baseline, std::ios::binary);
        std::mt19937_64 rng(1);
        std::vector<std::uint64_t> block(1 << 16);
        for (std::int64_t left = hashed_bytes; left > 0;) {
            for (auto& w : block)
                w = rng();
            const auto n = std::min<std::int64_t>(left, std::int64_t(block.size() * 8));
            out.write(reinterpret_cast<const char*>(block.data()), n);
            left -= n;
        }
        if (write)
            std::printf("wrote %d events in %.1f s (%.0f events/s, batches of %d); ", kMillion,
                        seconds_to_write, kMillion / seconds_to_write, kBatch);
        else
            std::printf("reused the events in %s; ", file.c_str());
        std::printf("ledger file %.0f MiB, hashed bytes %.0f MiB\n",
                    static_cast<double>(file_bytes) / (1 << 20),
                    static_cast<double>(hashed_bytes) / (1 << 20));
    }
    ~MillionEvents() {
        std::error_code ec;
        if (kept_dir.empty())
            fs::remove_all(dir, ec);
        else
            fs::remove(baseline, ec);
    }
};

MillionEvents& million() {
    static MillionEvents m;
    return m;
}

// --- append ----------------------------------------------------------------------

struct FreshLedger {
    fs::path dir = make_temp_dir("append");
    Ledger ledger = checked(Ledger::open(dir / "ledger.db"));
    ~FreshLedger() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

void BM_AppendBatchOf1000(benchmark::State& state) {
    FreshLedger fresh;
    EventMaker maker;
    int learners = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const Learner l = checked(fresh.ledger.add_learner(person(learners++)));
        const auto batch = maker.batch(l.id, kBatch);
        state.ResumeTiming();
        auto r = fresh.ledger.append(batch);
        if (!r) {
            state.SkipWithError(r.error().describe().c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}
// Large batches are prepared in a second thread (engine/ledger/src/append.cpp), so the
// CPU time is the process's: both threads.
BENCHMARK(BM_AppendBatchOf1000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->MinTime(3);

// One event per transaction, each durable (committed with fsync) before the next starts.
void BM_AppendOneDurable(benchmark::State& state) {
    FreshLedger fresh;
    EventMaker maker;
    const Learner l = checked(fresh.ledger.add_learner(person(0)));
    std::vector<double> micros;
    std::vector<NewEvent> events;
    std::size_t next = 0;
    for (auto _ : state) {
        if (next == events.size()) {
            events = maker.batch(l.id, kBatch);
            next = 0;
        }
        const auto start = std::chrono::steady_clock::now();
        auto r = fresh.ledger.append(events[next++]);
        const auto end = std::chrono::steady_clock::now();
        if (!r) {
            state.SkipWithError(r.error().describe().c_str());
            break;
        }
        const double s = std::chrono::duration<double>(end - start).count();
        state.SetIterationTime(s);
        micros.push_back(s * 1e6);
    }
    std::sort(micros.begin(), micros.end());
    auto percentile = [&](double p) {
        return micros.empty() ? 0.0 : micros[static_cast<std::size_t>(p * (micros.size() - 1))];
    };
    state.counters["p50_us"] = percentile(0.50);
    state.counters["p99_us"] = percentile(0.99);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AppendOneDurable)->Unit(benchmark::kMicrosecond)->UseManualTime()->Iterations(2000);

// Baseline for the single append: one fsync'd write of a few hundred bytes to a file on
// the same disk, which is the least a durable append can cost.
void BM_FsyncOfOneSmallWrite(benchmark::State& state) {
    const fs::path dir = make_temp_dir("fsync");
    FILE* f = std::fopen((dir / "f").c_str(), "wb");
    const std::string line(400, 'x');
    std::vector<double> micros;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        std::fwrite(line.data(), 1, line.size(), f);
        std::fflush(f);
        ::fdatasync(::fileno(f));
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.SetIterationTime(s);
        micros.push_back(s * 1e6);
    }
    std::fclose(f);
    std::error_code ec;
    fs::remove_all(dir, ec);
    std::sort(micros.begin(), micros.end());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[static_cast<std::size_t>(0.99 * (micros.size() - 1))];
}
BENCHMARK(BM_FsyncOfOneSmallWrite)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(2000);

// --- verify against sha256sum ------------------------------------------------------

void verify_million(benchmark::State& state, bool projections) {
    MillionEvents& m = million();
    Ledger ledger = checked(Ledger::open(m.file));
    for (auto _ : state) {
        auto report = ledger.verify(VerifyOptions{projections});
        if (!report || !report->ok() || report->events_checked != kMillion) {
            state.SkipWithError(!report ? report.error().describe().c_str()
                                        : "the generated ledger did not verify");
            break;
        }
    }
    state.SetBytesProcessed(state.iterations() * m.hashed_bytes);
}
// Everything `waymark ledger verify` checks: chains, signatures, and the projections
// replayed from every event and compared.
void BM_VerifyMillionEvents(benchmark::State& state) {
    verify_million(state, true);
}
// Only what makes the ledger tamper-evident: every event hashed and linked, signed heads
// and checkpoints. This is the part sha256sum is a fair baseline for.
void BM_VerifyChainsOfMillionEvents(benchmark::State& state) {
    verify_million(state, false);
}
// Verify compares the projections in a second thread: CPU time is the whole process's.
BENCHMARK(BM_VerifyMillionEvents)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Iterations(2);
BENCHMARK(BM_VerifyChainsOfMillionEvents)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Iterations(2);

void BM_Sha256sumOfTheSameBytes(benchmark::State& state) {
    MillionEvents& m = million();
    const std::string command = "sha256sum " + m.baseline.string() + " > /dev/null";
    const double cpu_before = bench::children_cpu_ms();
    for (auto _ : state) {
        if (std::system(command.c_str()) != 0) {
            state.SkipWithError("sha256sum failed");
            break;
        }
    }
    state.SetBytesProcessed(state.iterations() * m.hashed_bytes);
    state.counters["child_cpu_ms"] = benchmark::Counter((bench::children_cpu_ms() - cpu_before) /
                                                        static_cast<double>(state.iterations()));
}
BENCHMARK(BM_Sha256sumOfTheSameBytes)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// waymark::sha256 (libcrypto's, on the CPU's SHA instructions) over the same bytes in
// memory, in pieces the size of an event: the floor of verify's chain check.
void BM_Sha256InProcessOfTheSameBytes(benchmark::State& state) {
    MillionEvents& m = million();
    std::string piece(static_cast<std::size_t>(m.hashed_bytes / kMillion), 'e');
    for (auto _ : state) {
        for (int i = 0; i < kMillion; ++i)
            benchmark::DoNotOptimize(sha256(piece));
    }
    state.SetBytesProcessed(state.iterations() * std::int64_t(piece.size()) * kMillion);
}
BENCHMARK(BM_Sha256InProcessOfTheSameBytes)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

// --- peak memory in a fresh process ------------------------------------------------

// Runs verify or rebuild on `file` in this process; the exit code says whether it worked.
int peak_memory_child(const std::string& what, const fs::path& file) {
    auto ledger = Ledger::open(file);
    if (!ledger) {
        std::fprintf(stderr, "%s\n", ledger.error().describe().c_str());
        return 1;
    }
    if (what == "verify") {
        auto report = ledger->verify();
        return report && report->ok() ? 0 : 1;
    }
    if (what == "rebuild")
        return ledger->rebuild() ? 0 : 1;
    return 2;
}

void peak_memory(benchmark::State& state, const char* what) {
    MillionEvents& m = million();
    for (auto _ : state) {
        const bench::ChildCost child =
            bench::run_child({self_path, "--peak-memory-of", what, m.file.string()}, {}, false);
        if (child.exit_code != 0) {
            state.SkipWithError("the child process failed");
            break;
        }
        state.counters["peak_MiB"] = child.peak_mib;
    }
}
void BM_PeakMemoryOfVerify(benchmark::State& state) {
    peak_memory(state, "verify");
}
void BM_PeakMemoryOfRebuild(benchmark::State& state) {
    peak_memory(state, "rebuild");
}
BENCHMARK(BM_PeakMemoryOfVerify)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_PeakMemoryOfRebuild)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Prints the usual table, then each target with its figure.
class TargetReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.error_occurred ||
                (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median"))
                continue;
            auto& c = values_[run.run_name.function_name];
            for (const auto& [name, counter] : run.counters)
                c[name] = counter.value;
            c["cpu_ms"] = run.GetAdjustedCPUTime();
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        std::printf("\n");
        if (auto b = value("BM_AppendBatchOf1000", "items_per_second"))
            std::printf(
                "append in batches of 1,000: %.0f events/s (target over 100,000, on one core"
                " too); %.2f ms CPU a batch over all threads\n",
                *b, value("BM_AppendBatchOf1000", "cpu_ms").value_or(0));
        if (auto p50 = value("BM_AppendOneDurable", "p50_us"))
            std::printf(
                "single durable append: p50 %.0f us, p99 %.0f us (fsync alone: p50 %.0f"
                " us, p99 %.0f us)\n",
                *p50, *value("BM_AppendOneDurable", "p99_us"),
                value("BM_FsyncOfOneSmallWrite", "p50_us").value_or(0),
                value("BM_FsyncOfOneSmallWrite", "p99_us").value_or(0));
        const auto baseline = value("BM_Sha256sumOfTheSameBytes", "bytes_per_second");
        const auto baseline_cpu = value("BM_Sha256sumOfTheSameBytes", "child_cpu_ms");
        // Only the full verify has targets; the chains alone show what the rest costs.
        for (const char* what : {"BM_VerifyMillionEvents", "BM_VerifyChainsOfMillionEvents"}) {
            const bool full = std::strcmp(what, "BM_VerifyMillionEvents") == 0;
            const auto verify = value(what, "bytes_per_second");
            if (!verify || !baseline)
                continue;
            std::printf("%s: %.0f MiB/s, sha256sum %.0f MiB/s: %.0f%% of sha256sum%s\n", what + 3,
                        *verify / (1 << 20), *baseline / (1 << 20), 100.0 * *verify / *baseline,
                        full ? " (target at least 100%)" : "");
            // Wall time depends on what else the machine runs; CPU time per run does not.
            if (baseline_cpu)
                std::printf(
                    "  CPU per run: %.0f ms, sha256sum %.0f ms: %.0f%% of sha256sum's"
                    " CPU throughput%s\n",
                    *value(what, "cpu_ms"), *baseline_cpu,
                    100.0 * *baseline_cpu / *value(what, "cpu_ms"),
                    full ? " (target at least 50%)" : "");
        }
        if (auto floor = value("BM_Sha256InProcessOfTheSameBytes", "bytes_per_second"))
            std::printf("SHA-256 in event-sized pieces, in memory: %.0f MiB/s, %.0f ms CPU\n",
                        *floor / (1 << 20),
                        value("BM_Sha256InProcessOfTheSameBytes", "cpu_ms").value_or(0));
        for (const char* what : {"BM_PeakMemoryOfVerify", "BM_PeakMemoryOfRebuild"})
            if (auto peak = value(what, "peak_MiB"))
                std::printf("%s: peak %.1f MiB (target under 64)\n", what + 3, *peak);
    }

  private:
    std::optional<double> value(const std::string& bench, const std::string& counter) {
        const auto b = values_.find(bench);
        if (b == values_.end())
            return std::nullopt;
        const auto c = b->second.find(counter);
        if (c == b->second.end())
            return std::nullopt;
        return c->second;
    }
    std::map<std::string, std::map<std::string, double>> values_;
};

}  // namespace

int main(int argc, char** argv) {
    crypto_init();
    if (argc == 4 && std::strcmp(argv[1], "--peak-memory-of") == 0)
        return peak_memory_child(argv[2], argv[3]);
    self_path = fs::canonical("/proc/self/exe").string();
    for (int i = 1; i < argc; ++i)
        if (std::strncmp(argv[i], "--keep-ledger=", 14) == 0) {
            kept_dir = argv[i] + 14;
            fs::create_directories(kept_dir);
            std::copy(argv + i + 1, argv + argc + 1, argv + i);
            --argc;
            break;
        }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    std::printf("ledger: %u hardware threads\n", std::thread::hardware_concurrency());
    TargetReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
