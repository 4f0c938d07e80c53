// waymark/core/diagnostics.hpp: compiler-style problem reports.
//
// Checkers (course folders, Markdown pages, GIFT files) report every problem they find
// rather than stopping at the first, as a list of Diagnostics printed like a compiler:
//     modules/02-contest.md:14:3: error: image "fourp.png" not found in assets/
#pragma once

#include <string>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark {

enum class Severity { error, warning, note };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;  // relative to the folder being checked
    int line = 0;      // 1-based; 0 when the problem concerns the whole file
    int column = 0;    // 1-based; 0 when unknown
    std::string message;

    // "file:line:col: error: message"
    std::string format() const;
};

// Collects diagnostics from several checkers; order is kept as reported.
class Diagnostics {
  public:
    void error(std::string file, int line, int column, std::string message);
    void warning(std::string file, int line, int column, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    // An Error as a diagnostic; its `where` ("file:line:col") gives the place.
    void add(const Error& e);
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool empty() const { return items_.empty(); }
    const std::vector<Diagnostic>& items() const { return items_; }

    // Sorted by file, line, column; stable for problems at the same place.
    void sort();

  private:
    std::vector<Diagnostic> items_;
};

const char* to_string(Severity s);

}  // namespace waymark
