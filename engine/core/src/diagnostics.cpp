#include "waymark/core/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace waymark {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

std::string Diagnostic::format() const {
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0)
            out += ":" + std::to_string(column);
    }
    out += out.empty() ? "" : ": ";
    out += to_string(severity);
    out += ": ";
    out += message;
    return out;
}

void Diagnostics::error(std::string file, int line, int column, std::string message) {
    items_.push_back({Severity::error, std::move(file), line, column, std::move(message)});
}

void Diagnostics::warning(std::string file, int line, int column, std::string message) {
    items_.push_back({Severity::warning, std::move(file), line, column, std::move(message)});
}

void Diagnostics::add(const Error& e) {
    Diagnostic d{Severity::error, e.where, 0, 0, e.message};
    // Peel up to two trailing ":number" parts off `where`: line, then column.
    auto peel = [&d]() -> int {
        const auto colon = d.file.rfind(':');
        if (colon == std::string::npos || colon + 1 == d.file.size() || d.file.size() - colon > 10)
            return -1;
        for (std::size_t i = colon + 1; i < d.file.size(); ++i)
            if (d.file[i] < '0' || d.file[i] > '9')
                return -1;
        const int n = std::stoi(d.file.substr(colon + 1));
        d.file.resize(colon);
        return n;
    };
    const int last = peel();
    if (last >= 0) {
        const int before = peel();
        if (before >= 0) {
            d.line = before;
            d.column = last;
        } else {
            d.line = last;
        }
    }
    items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return std::count_if(items_.begin(), items_.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Diagnostics::warning_count() const {
    return std::count_if(items_.begin(), items_.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::warning; });
}

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
}

}  // namespace waymark
