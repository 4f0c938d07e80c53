// The Node.js peers of the xAPI tests: Learning Locker's validator and statement service,
// installed (tests/support) from the pinned package-lock.json in tests/xapi/peers into the
// build folder on first use, and the statement service run as a child process.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "waymark/xapi/lrs_client.hpp"

namespace waymark::xapi::testing {

// Installs the peers into WAYMARK_XAPI_PEERS (once; later calls find them there). Several
// test processes may call it at once: they take turns on a lock file. Returns "" on
// success, else what went wrong.
std::string install_peers();

// `node validate.js` on a file of statements: its exit status and what it printed.
struct Validation {
    int status = -1;
    std::string output;
};
Validation validate_statements(const std::filesystem::path& file);

// Learning Locker's xapi-statements on 127.0.0.1 with in-memory storage. Stopped (killed)
// when destroyed, whatever the test's outcome; it also dies with the test process.
class LrsProcess {
  public:
    // Starts on `port` (0: a free one) with its working files under `folder`.
    LrsProcess(const std::filesystem::path& folder, int port = 0);
    ~LrsProcess();
    LrsProcess(const LrsProcess&) = delete;
    LrsProcess& operator=(const LrsProcess&) = delete;

    // Waits until it answers GET about; false after `seconds` without an answer.
    bool wait_ready(int seconds = 30);
    void kill();                   // SIGKILL and reap, as a crash would
    std::string endpoint() const;  // "http://127.0.0.1:PORT/xAPI"
    int port() const { return port_; }
    std::string log() const;

  private:
    std::filesystem::path folder_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace waymark::xapi::testing
