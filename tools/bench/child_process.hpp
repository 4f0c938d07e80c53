// tools/bench/child_process.hpp: what a child process cost, for the benchmarks that time a
// program (waymark, sqlite3, sha256sum, the player) or measure a peak memory in a fresh
// process. Wall time comes from the clock around it; CPU time and peak resident memory
// from wait4(), so the benchmark's own work and memory do not count.
#pragma once

#include <string>
#include <vector>

namespace waymark::bench {

struct ChildCost {
    int exit_code = -1;  // -1: it could not be started, or did not exit by itself
    double wall_ms = 0;
    double cpu_ms = 0;  // user + system
    double peak_mib = 0;
};

// Runs `argv` (argv[0] found on PATH as a shell would) with its standard output written to
// `stdout_file` ("" for /dev/null), and its standard error to /dev/null when `quiet` (a
// player logs, say, D-Bus failures by the dozen), and waits for it.
ChildCost run_child(const std::vector<std::string>& argv, const std::string& stdout_file = {},
                    bool quiet = false);

// The user + system CPU milliseconds of every child this process has waited for
// (getrusage(RUSAGE_CHILDREN)): the difference around a std::system() call is its cost.
double children_cpu_ms();

}  // namespace waymark::bench
