// Loads the bundled sample course into memory so each test can break one thing in it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "waymark/course/load.hpp"

namespace waymark::course::testing {

inline std::map<std::string, std::string> sample_course_files() {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(WAYMARK_SOURCE_DIR) / "courses" / "waymark-sample";
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream data;
        data << in.rdbuf();
        files[entry.path().lexically_relative(root).generic_string()] = data.str();
    }
    return files;
}

inline LoadedCourse load(std::map<std::string, std::string> files, const LoadLimits& limits = {}) {
    return load_course(MemoryFiles(std::move(files)), limits);
}

// Replaces the first `from` in `text`; fails the test when `from` is not there.
inline void replace(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << "fixture text not found: " << from;
    text.replace(at, from.size(), to);
}

// The formatted diagnostics, one per line, for readable failure messages.
inline std::string listing(const LoadedCourse& c) {
    std::string out;
    for (const auto& d : c.diagnostics.items())
        out += d.format() + "\n";
    return out;
}

// True when some diagnostic has this file, line (0: any) and a message containing `text`.
inline bool reports(const LoadedCourse& c, const std::string& file, int line,
                    const std::string& text, Severity severity = Severity::error) {
    for (const auto& d : c.diagnostics.items())
        if (d.severity == severity && d.file == file && (line == 0 || d.line == line) &&
            d.message.find(text) != std::string::npos)
            return true;
    return false;
}

}  // namespace waymark::course::testing
