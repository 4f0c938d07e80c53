#include "output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

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
        std::cerr << place << (place.empty() ? "" : ": ") << painted(d.severity) << ": "
                  << d.message << "\n";
    }
}

int print_error(const Error& error) {
    std::cerr << "waymark: " << painted(Severity::error) << ": " << error.describe() << "\n";
    return error.code == ErrorCode::usage ? kExitUsage : kExitFailed;
}

std::string count(std::size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string count_summary(const Diagnostics& diagnostics) {
    return count(diagnostics.error_count(), "error") + ", " +
           count(diagnostics.warning_count(), "warning");
}

}  // namespace waymark::cli
