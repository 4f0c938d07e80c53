// Manager reports on a large organisation: the status matrix, and a streamed CSV export
// against the sqlite3 command-line program dumping the same rows.
//
//   report_bench LEDGER [--as-of YYYY-MM-DD] [--runs N] [--scratch DIR] [--keep]
//
// --keep leaves both CSV files in the scratch folder, to compare them row by row.
//
// LEDGER is made by `waymark-gen --learners 100000 --courses 10` (docs/PERFORMANCE.md has
// the command). Targets (issue "Manager reports and compliance exports"):
//   - the status matrix of 100,000 learners by 10 courses computed in under 2 s;
//   - the CSV export of its 1,000,000 rows streamed with peak memory under 64 MiB, in a
//     time within 1.5x of `sqlite3 -csv` dumping the same rows, in the same run.
//
// The matrix is timed in this process (StatusMatrix::load, what every export starts
// with). The export is `waymark report --format csv` as a manager runs it: opening the
// ledger, loading the matrix, writing, syncing and signing the file. The baseline is the
// sqlite3 CLI running one query that yields the same rows and columns from the same
// projections (each learner not erased, by each course: progress, the latest trusted
// completion, the latest untrusted one, and a status from valid-until against the as-of
// day). Each child's wall time, CPU time and peak memory come from wait4(); runs of the
// two alternate so that a change in machine load hits both.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "organisation_bench.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/signed_export.hpp"
#include "waymark/report/status.hpp"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

// The rows of `waymark report --format csv` as one SQL query over the projections.
// Course titles are the ids (the generated organisation sets none), and the status
// follows the rolling rule with no grace period, which is the generated ledger's.
std::string baseline_sql(const std::string& as_of_day) {
    const std::string end_of_day = "'" + as_of_day + "T23:59:59.999Z'";
    const std::string due_soon = "strftime('%Y-%m-%dT%H:%M:%fZ', '" + as_of_day + "', '+31 days')";
    return "WITH courses AS (SELECT course_id FROM progress UNION SELECT course_id FROM "
           "completions),"
           " done AS (SELECT learner_id, course_id, trusted, course_version, completed_at,"
           "   valid_until, score, row_number() OVER (PARTITION BY learner_id, course_id, "
           "trusted ORDER BY completed_at DESC) AS latest FROM completions"
           "   WHERE completed_at <= " +
           end_of_day +
           ")"
           " SELECT l.id, l.staff_id, l.name, l.team, l.role, c.course_id, c.course_id,"
           "  CASE WHEN t.completed_at IS NOT NULL AND (t.valid_until IS NULL OR t.valid_until > " +
           due_soon +
           ") THEN 'completed'"
           "   WHEN t.completed_at IS NOT NULL AND t.valid_until > " +
           end_of_day +
           " THEN 'due-soon'"
           "   WHEN t.completed_at IS NOT NULL THEN 'overdue'"
           "   WHEN u.completed_at IS NOT NULL THEN 'untrusted'"
           "   WHEN p.learner_id IS NOT NULL THEN 'in-progress' ELSE 'not-started' END,"
           "  coalesce(p.pages_viewed * 100 / p.pages_total, 0), substr(t.completed_at, 1, 10),"
           "  iif(t.completed_at IS NULL, NULL, printf('%g', round(t.score * 1000) / 10.0)),"
           "  t.course_version, substr(t.valid_until, 1, 10),"
           "  substr(t.valid_until, 1, 10), '', 'no', substr(u.completed_at, 1, 10), "
           "u.course_version"
           " FROM learners l CROSS JOIN courses c"
           " LEFT JOIN progress p ON p.learner_id = l.id AND p.course_id = c.course_id"
           " LEFT JOIN done t ON t.learner_id = l.id AND t.course_id = c.course_id"
           "   AND t.trusted = 1 AND t.latest = 1"
           " LEFT JOIN done u ON u.learner_id = l.id AND u.course_id = c.course_id"
           "   AND u.trusted = 0 AND u.latest = 1"
           " WHERE l.erased_at IS NULL ORDER BY julianday(l.enrolled_at), l.rowid, c.course_id;";
}

std::uintmax_t line_count(const fs::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f)
        return 0;
    std::uintmax_t lines = 0;
    char buf[1 << 16];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, f))
        lines += static_cast<std::uintmax_t>(std::count(buf, buf + n, '\n'));
    std::fclose(f);
    return lines;
}

}  // namespace

int main(int argc, char** argv) {
    crypto_init();
    fs::path scratch = fs::temp_directory_path();
    bool keep = false;
    const bench::OrganisationBenchCommand command{"report_bench", " [--scratch DIR] [--keep]",
                                                  [&](int count, char** args, int& i) {
                                                      const std::string a = args[i];
                                                      if (a == "--keep")
                                                          keep = true;
                                                      else if (a == "--scratch" && i + 1 < count)
                                                          scratch = args[++i];
                                                      else
                                                          return false;
                                                      return true;
                                                  }};
    int exit_code = 0;
    auto organisation = bench::open_organisation_ledger(command, argc, argv, exit_code);
    if (!organisation)
        return exit_code;
    const std::string& ledger_file = organisation->file;
    const std::string& as_of = organisation->as_of;
    const int runs = organisation->runs;

    std::cout << "ledger " << ledger_file << " (" << fs::file_size(ledger_file) / (1 << 20)
              << " MiB), as of " << as_of << "\n\n";
    std::vector<double> load_wall, load_cpu;
    std::int64_t rows = 0;
    for (int r = 0; r < runs; ++r) {
        const double cpu0 = bench::process_cpu_ms();
        const auto t0 = std::chrono::steady_clock::now();
        auto matrix =
            report::StatusMatrix::load(*organisation->ledger, {organisation->as_of_time, {}});
        load_wall.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
        load_cpu.push_back(bench::process_cpu_ms() - cpu0);
        if (!matrix) {
            std::cerr << "report_bench: " << matrix.error().describe() << "\n";
            return 1;
        }
        rows = matrix->count_rows({});
    }
    std::cout << "status matrix: " << rows << " rows (learners x courses), load median "
              << bench::median(load_wall) << " ms wall, " << bench::median(load_cpu)
              << " ms CPU (target under 2,000 ms)\n\n";

    const fs::path ours = scratch / "report_bench_waymark.csv";
    const fs::path theirs = scratch / "report_bench_sqlite3.csv";
    const std::vector<std::string> waymark_argv{WAYMARK_CLI, "report",     "--ledger", ledger_file,
                                                "--as-of",   as_of,        "--format", "csv",
                                                "-o",        ours.string()};
    const std::vector<std::string> sqlite_argv{"sqlite3", "-csv", "-readonly", ledger_file,
                                               baseline_sql(as_of)};
    std::vector<bench::ChildCost> w, s;
    for (int r = 0; r < runs; ++r) {
        w.push_back(bench::run_child(waymark_argv, ""));
        s.push_back(bench::run_child(sqlite_argv, theirs.string()));
        if (w.back().exit_code != 0 || s.back().exit_code != 0) {
            std::cerr << "report_bench: a child failed (waymark exit " << w.back().exit_code
                      << ", sqlite3 exit " << s.back().exit_code << ")\n";
            return 1;
        }
    }
    auto column = [](const std::vector<bench::ChildCost>& v, double bench::ChildCost::*field) {
        std::vector<double> out;
        for (const auto& m : v)
            out.push_back(m.*field);
        return bench::median(out);
    };
    const double ratio =
        column(w, &bench::ChildCost::wall_ms) / column(s, &bench::ChildCost::wall_ms);
    std::printf("%-22s %12s %12s %12s %14s %14s\n", "CSV export", "rows", "wall ms", "CPU ms",
                "peak MiB", "bytes");
    std::printf("%-22s %12ju %12.0f %12.0f %14.1f %14ju\n", "waymark report", line_count(ours) - 1,
                column(w, &bench::ChildCost::wall_ms), column(w, &bench::ChildCost::cpu_ms),
                column(w, &bench::ChildCost::peak_mib), fs::file_size(ours));
    std::printf("%-22s %12ju %12.0f %12.0f %14.1f %14ju\n", "sqlite3 -csv", line_count(theirs),
                column(s, &bench::ChildCost::wall_ms), column(s, &bench::ChildCost::cpu_ms),
                column(s, &bench::ChildCost::peak_mib), fs::file_size(theirs));
    std::printf(
        "\nwaymark / sqlite3 wall time: %.2fx (target at most 1.5x); peak memory target "
        "under 64 MiB; medians of %d runs\n",
        ratio, runs);
    if (!keep) {
        fs::remove(ours);
        fs::remove(report::signature_path(ours));
        fs::remove(theirs);
    }
    return 0;
}
