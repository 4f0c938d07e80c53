// Test-only npm packages (Learning Locker's xAPI peers, puppeteer-core and axe-core for
// the published HTML), installed by the tests themselves: `npm ci` from a folder of the
// source tree holding package.json and its package-lock.json (every version pinned) into
// a folder shared by the clone's build folders (WAYMARK_NODE_PEERS, tests/CMakeLists.txt),
// once. Nothing is installed at build time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace waymark::testing {

struct CommandOutput {
    int status = -1;     // the exit status; -1 when the command could not run or was killed
    std::string output;  // standard output and standard error together
};

// Runs `command` through the shell.
CommandOutput run_shell(const std::string& command);

// Installs the packages pinned in `sources` (package.json, package-lock.json) into `into`
// with `npm ci`, unless every path of `installed_files` (relative to `into`) already
// exists and `into` was installed from the same package-lock.json. Several test processes
// may call it at once: they take turns on a lock file in `into`. Returns "" on success,
// else what went wrong.
std::string install_node_packages(const std::filesystem::path& sources,
                                  const std::filesystem::path& into,
                                  const std::vector<std::string>& installed_files);

}  // namespace waymark::testing
