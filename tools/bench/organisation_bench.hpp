// What the benchmarks on a generated organisation share (manager_bench, report_bench):
// their command line, LEDGER [--as-of YYYY-MM-DD] [--runs N] and options of their own, the
// ledger opened for reading only (so a ledger of an older schema is refused rather than
// upgraded), and the median they report.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/time.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::bench {

// A bench's own options: given argv[i], takes it (and may read values after it, moving
// `i` to the last one read) and returns true; false when it is not one of them.
using OwnOption = std::function<bool(int argc, char** argv, int& i)>;

struct OrganisationBenchCommand {
    const char* name;              // "report_bench", the start of every message
    const char* own_options = "";  // their usage: " [--scratch DIR] [--keep]"
    OwnOption own = nullptr;       // none: the shared options only
};

struct OrganisationLedger {
    std::string file;
    std::string as_of = "2026-09-01";  // the day the figures are as of, YYYY-MM-DD
    UtcTime as_of_time{};              // the end of that day
    int runs = 3;                      // each figure is the median of this many
    std::optional<ledger::Ledger> ledger;
};

// Reads the command line and opens the ledger. When either fails, says why on stderr
// (with the usage and how to make a ledger, for a mistake in the command line) and returns
// none, with `exit_code` set to 2 for the command line or 1 for the ledger.
std::optional<OrganisationLedger> open_organisation_ledger(const OrganisationBenchCommand& command,
                                                           int argc, char** argv, int& exit_code);

// The middle value (the upper of the middle two for an even count); 0 for none.
double median(std::vector<double> values);

// This process's CPU time so far (user and system), in milliseconds.
double process_cpu_ms();

}  // namespace waymark::bench
