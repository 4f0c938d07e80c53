#include "child_process.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

namespace waymark::bench {

namespace {

double cpu_ms_of(const rusage& u) {
    const auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    return ms(u.ru_utime) + ms(u.ru_stime);
}

// In the child, before exec: `fd` now writes to `file`.
bool redirect(int fd, const char* file) {
    const int opened = ::open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    return opened >= 0 && ::dup2(opened, fd) >= 0;
}

}  // namespace

ChildCost run_child(const std::vector<std::string>& argv, const std::string& stdout_file,
                    bool quiet) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (!redirect(STDOUT_FILENO, stdout_file.empty() ? "/dev/null" : stdout_file.c_str()) ||
            (quiet && !redirect(STDERR_FILENO, "/dev/null")))
            ::_exit(126);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ChildCost cost;
    int status = 0;
    rusage usage{};
    if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid)
        return cost;
    cost.wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    cost.cpu_ms = cpu_ms_of(usage);
    cost.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB
    cost.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return cost;
}

double children_cpu_ms() {
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return cpu_ms_of(usage);
}

}  // namespace waymark::bench
