// The manager area on a large organisation: what a manager waits for when the area opens,
// and what a keystroke in the search and a click on a status tile cost, each against a
// baseline measured in the same run.
//
//   manager_bench LEDGER [--as-of YYYY-MM-DD] [--runs N]
//
// LEDGER is report_bench's: `waymark-gen --learners 100000 --courses 10 --seed 7` (the
// command is in docs/PERFORMANCE.md); it is opened for reading only, so a ledger of an
// older schema is refused rather than upgraded. Every figure is the median of N runs,
// wall and CPU time of this process:
//   - opening the area (ManagerArea::load: the status matrix, a row per learner and course,
//     the order by urgency, the counts), against StatusMatrix::load alone on the same
//     ledger, what every report starts with: the difference is what the area adds. Above
//     a frame or two, the player reads the area on a worker (ManagerLoad) and says so;
//   - the list again after each keystroke of a search ("s", "sa", "sam", ...), against
//     SQLite finding the same text in the learners table (name or staff id, in any case)
//     with one query on its own connection;
//   - choosing a status tile and then Everyone again (ManagerArea::set_status), against
//     StatusMatrix::count_rows counting the same status, as `waymark report --status` does.
// The draw thread's cost for the list does not grow with the rows: only those on screen are
// drawn (ImGuiListClipper), which `player_bench` measures for the player as a whole.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "organisation_bench.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/player/manager.hpp"
#include "waymark/report/status.hpp"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

struct Timing {
    double wall_ms = 0, cpu_ms = 0;
};

// The median wall and CPU time of `runs` calls of `work`.
Timing measure(int runs, const std::function<void()>& work) {
    std::vector<double> wall, cpu;
    for (int r = 0; r < runs; ++r) {
        const double cpu0 = bench::process_cpu_ms();
        const auto t0 = std::chrono::steady_clock::now();
        work();
        wall.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
        cpu.push_back(bench::process_cpu_ms() - cpu0);
    }
    return {bench::median(wall), bench::median(cpu)};
}

void print(const char* what, const Timing& ours, const char* baseline, const Timing& theirs) {
    std::printf("%-44s %10.1f %10.1f   %-44s %10.1f %10.1f   %6.2fx\n", what, ours.wall_ms,
                ours.cpu_ms, baseline, theirs.wall_ms, theirs.cpu_ms,
                theirs.wall_ms > 0 ? ours.wall_ms / theirs.wall_ms : 0.0);
}

// SQLite finding `part` in the learners' names and staff ids, in any case (LIKE folds
// ASCII letters, as the area's search does); returns how many learners matched.
long long sqlite_search(sqlite3* db, const std::string& part) {
    sqlite3_stmt* s = nullptr;
    long long n = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM learners WHERE name LIKE ?1 OR staff_id LIKE ?1",
                           -1, &s, nullptr) == SQLITE_OK) {
        const std::string pattern = "%" + part + "%";
        sqlite3_bind_text(s, 1, pattern.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    crypto_init();
    int exit_code = 0;
    auto organisation = bench::open_organisation_ledger({"manager_bench"}, argc, argv, exit_code);
    if (!organisation)
        return exit_code;
    const std::string& ledger_file = organisation->file;
    const std::string& as_of = organisation->as_of;
    const UtcTime as_of_time = organisation->as_of_time;
    const int runs = organisation->runs;
    ledger::Ledger& l = *organisation->ledger;
    std::cout << "ledger " << ledger_file << " (" << fs::file_size(ledger_file) / (1 << 20)
              << " MiB), as of " << as_of << ", median of " << runs << " runs\n\n";
    std::printf("%-44s %10s %10s   %-44s %10s %10s   %7s\n", "manager area", "wall ms", "CPU ms",
                "baseline in the same run", "wall ms", "CPU ms", "ratio");

    bool failed = false;
    const Timing matrix_load = measure(runs, [&] {
        failed |= !report::StatusMatrix::load(l, {as_of_time, {}});
    });
    std::optional<player::ManagerArea> area;
    const Timing area_load = measure(runs, [&] {
        auto loaded = player::ManagerArea::load(l, as_of_time);
        failed |= !loaded;
        if (loaded)
            area.emplace(std::move(*loaded));
    });
    if (failed || !area) {
        std::cerr << "manager_bench: the ledger could not be read\n";
        return 1;
    }
    print("open the area (ManagerArea::load)", area_load, "StatusMatrix::load", matrix_load);
    std::printf("  %zu rows\n", area->total_rows());

    // Each keystroke of a name the generator gives, then the search cleared.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(ledger_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::cerr << "manager_bench: sqlite3 cannot open " << ledger_file << "\n";
        return 1;
    }
    const std::string typed = std::string(area->listed_row(area->total_rows() / 2).name);
    for (std::size_t n = 1; n <= std::min<std::size_t>(typed.size(), 4); ++n) {
        const std::string part = typed.substr(0, n);
        std::size_t listed = 0;
        const Timing ours = measure(runs, [&] {
            area->search() = part;
            area->relist();
            listed = area->listed();
        });
        long long matched = 0;
        const Timing theirs = measure(runs, [&] { matched = sqlite_search(db, part); });
        const std::string what = "search \"" + part + "\": " + std::to_string(listed) + " rows";
        const std::string base = "SQLite LIKE: " + std::to_string(matched) + " learners";
        print(what.c_str(), ours, base.c_str(), theirs);
    }
    sqlite3_close(db);
    area->search().clear();
    area->relist();

    const report::Status overdue = report::Status::overdue;
    const Timing tile = measure(runs, [&] { area->set_status(overdue); });
    const std::size_t overdue_rows = area->listed();
    const Timing everyone = measure(runs, [&] { area->set_status(std::nullopt); });
    std::int64_t counted = 0;
    const Timing count = measure(runs, [&] {
        report::RowFilter f;
        f.status = overdue;
        counted = area->matrix().count_rows(f);
    });
    const std::string what = "status tile Overdue: " + std::to_string(overdue_rows) + " rows";
    const std::string base = "count_rows(overdue): " + std::to_string(counted);
    print(what.c_str(), tile, base.c_str(), count);
    print("status tile Everyone", everyone, base.c_str(), count);
    return 0;
}
