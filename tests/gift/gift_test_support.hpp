// Shared helpers for the GIFT tests: fixture files and diagnostics by line.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/files.hpp"
#include "waymark/gift/gift.hpp"

namespace waymark::gift::testing {

inline std::string fixture_path(const std::string& name) {
    return std::string(WAYMARK_FIXTURES) + "/gift/" + name;
}

inline std::string read_fixture(const std::string& name) {
    auto text = read_file(fixture_path(name));
    if (!text)
        ADD_FAILURE() << text.error().describe();
    return text ? *text : std::string();
}

// Imports `text` as "quiz.gift" and expects no errors (warnings allowed).
inline content::QuestionBank import_clean(const std::string& text) {
    Diagnostics out;
    auto bank = import_gift(text, "quiz.gift", out);
    for (const Diagnostic& d : out.items())
        EXPECT_NE(d.severity, Severity::error) << d.format();
    return bank;
}

// The lines of the diagnostics of one severity, in order.
inline std::vector<int> lines_of(const Diagnostics& out, Severity severity) {
    std::vector<int> lines;
    for (const Diagnostic& d : out.items())
        if (d.severity == severity)
            lines.push_back(d.line);
    return lines;
}

inline std::string all_messages(const Diagnostics& out) {
    std::string s;
    for (const Diagnostic& d : out.items())
        s += d.format() + "\n";
    return s;
}

}  // namespace waymark::gift::testing
