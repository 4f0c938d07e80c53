// Runs a program the way the CLI tests do: through the shell, arguments quoted, stdout
// and stderr read together, exit code kept. Shared by every test in tests/cli.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace waymark::cli_testing {

namespace fs = std::filesystem;

struct CommandRun {
    int exit_code = -1;
    std::string output;  // stdout and stderr together, in order (see run_program)
};

inline std::string quoted(const std::string& s) {
    std::string q = "'";
    for (const char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// With `stdout_file`, standard output goes to that file and `output` holds stderr only.
inline CommandRun run_program(const std::string& program, const std::string& args,
                              const std::string& stdout_file = {}) {
    const std::string command = quoted(program) + " " + args + " 2>&1" +
                                (stdout_file.empty() ? "" : " >" + quoted(stdout_file));
    CommandRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return run;
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe))
        run.output.append(buf.data(), n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

inline CommandRun waymark(const std::string& args) {
    return run_program(WAYMARK_CLI, args);
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace waymark::cli_testing
