// tools/cli/output.hpp: how every `waymark` command reports to the terminal.
#pragma once

#include <string>
#include <utility>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/result.hpp"

namespace waymark::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// Everything printed here goes through printable() (waymark/core/terminal_text.hpp):
// messages quote files, course sources, ledgers and LRS replies, any of which may hold
// control characters meant for the terminal.

// Prints diagnostics to stderr, one per line, each path prefixed with `folder` so that
// editors and terminals can jump to it; colours "error" and "warning" on a terminal
// unless NO_COLOR is set.
void print_diagnostics(const Diagnostics& diagnostics, const std::string& folder);

// Prints "waymark: error: where: message" to stderr and returns the exit code for it:
// kExitUsage for usage errors, kExitFailed for everything else.
int print_error(const Error& error);

// An error in how the command was typed: print_error() exits with kExitUsage for it.
inline Error usage(std::string message) {
    return make_error(ErrorCode::usage, std::move(message));
}

// Prints "waymark: warning: message" to stderr.
void print_warning(const std::string& message);

// "1 module", "2 modules", "0 batches"
std::string count(std::size_t n, const char* noun);

// "1 error, 2 warnings"
std::string count_summary(const Diagnostics& diagnostics);

}  // namespace waymark::cli
