#include "output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "waymark/core/terminal_text.hpp"

namespace waymark::cli {

namespace {

bool use_colour() {
    static const bool colour = ::isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr;
    return colour;
}

std::string painted(Severity s) {
    const std::string word = to_string(s);
    if (!use_colour())
        return word;
    const char* code = s == Severity::error     ? "\033[1;31m"
                       : s == Severity::warning ? "\033[1;33m"
                                                : "\033[1;36m";
    return code + word + "\033[0m";
}

}  // namespace

void print_diagnostics(const Diagnostics& diagnostics, const std::string& folder) {
    for (const Diagnostic& d : diagnostics.items()) {
        std::string place = d.file;
        if (!folder.empty() && !place.empty() && place.front() != '/')
            place = folder + (folder.back() == '/' ? "" : "/") + place;
        if (d.line > 0) {
            place += ":" + std::to_string(d.line);
            if (d.column > 0)
                place += ":" + std::to_string(d.column);
        }
        std::cerr << printable(place) << (place.empty() ? "" : ": ") << painted(d.severity) << ": "
                  << printable(d.message) << "\n";
    }
}

int print_error(const Error& error) {
    std::cerr << "waymark: " << painted(Severity::error) << ": " << printable(error.describe())
              << "\n";
    return error.code == ErrorCode::usage ? kExitUsage : kExitFailed;
}

void print_warning(const std::string& message) {
    std::cerr << "waymark: " << painted(Severity::warning) << ": " << printable(message) << "\n";
}

std::string count(std::size_t n, const char* noun) {
    const std::string_view word(noun);
    const bool sibilant = word.ends_with("ch") || word.ends_with("sh") || word.ends_with('s') ||
                          word.ends_with('x');  // "batches", not "batchs"
    return std::to_string(n) + " " + noun + (n == 1 ? "" : sibilant ? "es" : "s");
}

std::string count_summary(const Diagnostics& diagnostics) {
    return count(diagnostics.error_count(), "error") + ", " +
           count(diagnostics.warning_count(), "warning");
}

}  // namespace waymark::cli
