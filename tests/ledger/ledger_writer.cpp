// ledger_writer: a child process for the ledger's crash and concurrency tests (not a
// test itself). It appends page views for one learner, one per transaction (or SIZE per
// transaction), and after each commit writes the last event's sequence number on stdout,
// so the parent knows exactly which events were confirmed before it killed the process.
//     ledger_writer append LEDGER LEARNER COUNT     (COUNT 0: until killed)
//     ledger_writer append-batches LEDGER LEARNER SIZE   (until killed)
//     ledger_writer fill LEDGER LEARNER MAX_BYTES    (until the file size limit)
//     ledger_writer open-as-nobody LEDGER            (prints the open error, if any)
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "waymark/ledger/ledger.hpp"

using namespace waymark;
using namespace waymark::ledger;

namespace {

int append(const char* file, const std::string& learner, long count) {
    // Two of these appending at once must make one chain; how long one waits for the
    // other is not what that test checks. Each appends in a tight loop and SQLite's lock
    // is not fair, so under ASan on a loaded machine one writer's 150 appends outlasted
    // the 5 s default while the other waited, and the waiter gave up.
    OpenOptions options;
    options.busy_timeout = std::chrono::seconds(60);
    auto l = Ledger::open(file, options);
    if (!l) {
        std::printf("error: %s\n", l.error().describe().c_str());
        return 1;
    }
    const CourseRef course{"prevent-duty", "2.1.0", std::string(64, 'a'), true};
    for (long i = 0; count == 0 || i < count; ++i) {
        auto e = l->record_page_view(learner, course,
                                     PageViewed{"p" + std::to_string(i % 40), 0, 0, 40});
        if (!e) {
            std::printf("error: %s\n", e.error().describe().c_str());
            std::fflush(stdout);
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(e->seq));
        std::fflush(stdout);
    }
    return 0;
}

// Batches from 128 events are prepared in a second thread while they are stored, so a
// kill lands in the middle of that too.
int append_batches(const char* file, const std::string& learner, long size) {
    auto l = Ledger::open(file);
    if (!l) {
        std::printf("error: %s\n", l.error().describe().c_str());
        return 1;
    }
    const CourseRef course{"prevent-duty", "2.1.0", std::string(64, 'a'), true};
    std::vector<NewEvent> batch;
    for (long i = 0; i < size; ++i)
        batch.push_back(NewEvent{learner,
                                 course,
                                 EventType::page_viewed,
                                 write_payload(PageViewed{"p" + std::to_string(i % 40), 0, 0, 40}),
                                 {}});
    for (;;) {
        auto events = l->append(batch);
        if (!events) {
            std::printf("error: %s\n", events.error().describe().c_str());
            std::fflush(stdout);
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(events->back().seq));
        std::fflush(stdout);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "append" && argc == 5)
        return append(argv[2], argv[3], std::atol(argv[4]));
    if (mode == "append-batches" && argc == 5)
        return append_batches(argv[2], argv[3], std::atol(argv[4]));
    if (mode == "fill" && argc == 5) {
        // A file size limit stands in for a full disk: writes past it fail part-way.
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{static_cast<rlim_t>(std::atol(argv[4])),
                           static_cast<rlim_t>(std::atol(argv[4]))};
        setrlimit(RLIMIT_FSIZE, &limit);
        return append(argv[2], argv[3], 0);
    }
    if (mode == "open-as-nobody" && argc == 3) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            return 3;
        auto l = Ledger::open(argv[2]);
        if (l)
            return 2;
        std::printf("error: %s\n", l.error().describe().c_str());
        return 0;
    }
    std::fprintf(stderr, "usage: ledger_writer append|append-batches|fill|open-as-nobody ...\n");
    return 2;
}
