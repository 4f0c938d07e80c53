#include "organisation_bench.hpp"

#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace waymark::bench {

namespace {

int usage(const OrganisationBenchCommand& command, const std::string& problem) {
    std::cerr << command.name << ": " << problem << "\nusage: " << command.name
              << " LEDGER [--as-of YYYY-MM-DD] [--runs N]" << command.own_options
              << "\nmake LEDGER with: waymark-gen --learners 100000 --courses 10 --seed 7 "
                 "--ledger FILE\n";
    return 2;
}

}  // namespace

std::optional<OrganisationLedger> open_organisation_ledger(const OrganisationBenchCommand& command,
                                                           int argc, char** argv, int& exit_code) {
    const auto refuse = [&](const std::string& problem) {
        exit_code = usage(command, problem);
        return std::nullopt;
    };
    OrganisationLedger o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--as-of" && i + 1 < argc)
            o.as_of = argv[++i];
        else if (a == "--runs" && i + 1 < argc)
            o.runs = std::max(1, std::atoi(argv[++i]));
        else if (command.own && command.own(argc, argv, i))
            continue;
        else if (o.file.empty() && !a.starts_with('-'))
            o.file = a;
        else
            return refuse("unknown argument " + a);
    }
    if (o.file.empty() || !std::filesystem::exists(o.file))
        return refuse("name an existing ledger");
    const auto end_of_day = parse_iso8601(o.as_of + "T23:59:59.999Z");
    if (!end_of_day)
        return refuse("--as-of must be YYYY-MM-DD");
    o.as_of_time = *end_of_day;

    ledger::OpenOptions open;
    open.create = false;
    open.read_only = true;
    auto l = ledger::Ledger::open(o.file, open);
    if (!l) {
        std::cerr << command.name << ": " << l.error().describe() << "\n";
        exit_code = 1;
        return std::nullopt;
    }
    o.ledger.emplace(std::move(*l));
    return o;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double process_cpu_ms() {
    timespec t{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

}  // namespace waymark::bench
