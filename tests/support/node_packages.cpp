#include "node_packages.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace waymark::testing {

namespace {

namespace fs = std::filesystem;

bool all_exist(const fs::path& into, const std::vector<std::string>& files) {
    for (const auto& file : files)
        if (!fs::exists(into / file))
            return false;
    return true;
}

// An exclusive lock on a file, released when it goes out of scope.
class FileLock {
  public:
    explicit FileLock(const fs::path& file) : fd_(::open(file.c_str(), O_CREAT | O_RDWR, 0644)) {
        locked_ = fd_ >= 0 && ::flock(fd_, LOCK_EX) == 0;
    }
    ~FileLock() {
        if (locked_)
            ::flock(fd_, LOCK_UN);
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    bool locked() const { return locked_; }

  private:
    int fd_ = -1;
    bool locked_ = false;
};

bool same_file_contents(const fs::path& a, const fs::path& b) {
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    if (!fa || !fb)
        return false;
    return std::equal(std::istreambuf_iterator<char>(fa), std::istreambuf_iterator<char>(),
                      std::istreambuf_iterator<char>(fb), std::istreambuf_iterator<char>());
}

}  // namespace

CommandOutput run_shell(const std::string& command) {
    CommandOutput run;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) {
        run.output = "could not run " + command;
        return run;
    }
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        run.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string install_node_packages(const fs::path& sources, const fs::path& into,
                                  const std::vector<std::string>& installed_files) {
    std::error_code ec;
    fs::create_directories(into, ec);
    FileLock lock(into / ".install-lock");
    if (!lock.locked())
        return "could not lock " + into.string();
    // Installed already, from the same pinned versions: the folder is shared by every build
    // folder of a clone (WAYMARK_NODE_PEERS), and a changed lockfile installs afresh.
    if (all_exist(into, installed_files) &&
        same_file_contents(sources / "package-lock.json", into / "package-lock.json"))
        return {};
    for (const char* name : {"package.json", "package-lock.json"})
        fs::copy_file(sources / name, into / name, fs::copy_options::overwrite_existing, ec);
    if (ec)
        return "could not copy package.json and package-lock.json from " + sources.string() + ": " +
               ec.message();
    const CommandOutput npm = run_shell(
        std::string(WAYMARK_NPM) + " ci --no-audit --no-fund --prefix '" + into.string() + "'");
    if (npm.status != 0 || !all_exist(into, installed_files))
        return "npm ci failed (" + std::to_string(npm.status) + "):\n" + npm.output;
    return {};
}

}  // namespace waymark::testing
