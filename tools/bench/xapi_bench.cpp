// xapi_bench LEDGER LRS_A LRS_B BATCH_DIR
//
// Statements per second into a real LRS, measured against a baseline in the same run:
//   waymark  `sync` of LEDGER into the (empty) LRS at LRS_A, in batches of 200: mapping,
//            posting with libcurl and recording each acknowledgement in the ledger;
//   curl     the curl program posting the same statements, pre-built into batch files
//            in BATCH_DIR (one request per batch), into the (empty) LRS at LRS_B.
// Both LRSs must be fresh instances of the same service, so that neither run meets
// statements it already holds. A timed program rather than a Google Benchmark: each run
// changes the LRS and the ledger, so it cannot be repeated in a loop.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "waymark/core/crypto.hpp"
#include "waymark/xapi/sync.hpp"

using namespace waymark;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: xapi_bench LEDGER LRS_A LRS_B BATCH_DIR\n";
        return 2;
    }
    crypto_init();
    auto l = ledger::Ledger::open(argv[1]);
    if (!l) {
        std::cerr << l.error().describe() << "\n";
        return 1;
    }
    // Pre-build the baseline's batches (not timed).
    std::vector<std::string> files;
    {
        auto mapper = xapi::make_mapper(*l, std::vector<course::Course>{});
        if (!mapper)
            return 1;
        std::string body;
        std::size_t n = 0;
        auto flush = [&] {
            const std::string file =
                std::string(argv[4]) + "/batch-" + std::to_string(files.size()) + ".json";
            std::ofstream(file) << body << "]";
            files.push_back(file);
            n = 0;
        };
        auto r = xapi::for_each_statement(*l, *mapper, 0, [&](const xapi::MappedStatement& s) {
            body = (n ? body + "," : std::string("[")) + s.json;
            if (++n == 200)
                flush();
            return true;
        });
        if (!r)
            return 1;
        if (n)
            flush();
    }

    auto mapper = xapi::make_mapper(*l, std::vector<course::Course>{});
    xapi::LrsOptions options;
    options.endpoint = argv[2];
    options.user = "waymark";
    options.password = "bench";
    auto client = xapi::LrsClient::create(options);
    if (!mapper || !client)
        return 1;
    const auto t0 = Clock::now();
    auto report = xapi::sync(*l, *mapper, *client);
    const auto t1 = Clock::now();
    if (!report) {
        std::cerr << report.error().describe() << "\n";
        return 1;
    }
    const double waymark_s = std::chrono::duration<double>(t1 - t0).count();

    const auto t2 = Clock::now();
    for (const auto& file : files) {
        const std::string command =
            "curl -sS -f -o /dev/null -u waymark:bench -H 'X-Experience-API-Version: 1.0.3' "
            "-H 'Content-Type: application/json' --data-binary @" +
            file + " " + argv[3] + "/statements";
        if (std::system(command.c_str()) != 0) {
            std::cerr << "curl failed on " << file << "\n";
            return 1;
        }
    }
    const double curl_s = std::chrono::duration<double>(Clock::now() - t2).count();
    const double n = static_cast<double>(report->statements_sent);
    std::cout << "statements " << report->statements_sent << " in " << report->batches
              << " batches of 200\n"
              << "waymark sync  " << waymark_s << " s  " << n / waymark_s << " statements/s\n"
              << "curl baseline " << curl_s << " s  " << n / curl_s << " statements/s\n";
    return 0;
}
