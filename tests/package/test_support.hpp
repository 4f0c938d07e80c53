// Shared by the package tests: fixture paths and a temporary folder per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "waymark/core/ids.hpp"

namespace waymark::package::testing {

inline std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(WAYMARK_FIXTURES) / "packages" / name;
}

inline std::filesystem::path sample_source() {
    return fixture("source");
}

// A fresh folder under GoogleTest's temporary directory, removed with everything in it.
class TempDir {
  public:
    TempDir()
        : path_(std::filesystem::path(::testing::TempDir()) /
                ("waymark-package-" + Uuid::random().str())) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

}  // namespace waymark::package::testing
