// waymark/report/output_file.hpp: an export that appears only once it is whole.
//
// Exports can be large and slow; a crash, a full disk or Ctrl-C half-way must never
// leave a truncated report where an auditor might pick it up. An OutputFile writes to a
// temporary file beside the target and renames it into place on commit(); if it is
// destroyed without a commit the temporary file is removed.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"

namespace waymark::report {

class OutputFile {
  public:
    // Creates the temporary file (mode 0644) in the target's folder. ErrorCode::io,
    // naming the folder, when it cannot be created.
    static Result<OutputFile> create(const std::filesystem::path& target);

    OutputFile(OutputFile&&) noexcept;
    OutputFile& operator=(OutputFile&&) noexcept;
    ~OutputFile();

    // Appends bytes (buffered). A failure to write is reported by commit().
    void write(std::string_view data);
    // Flushes and syncs the bytes to disk at temporary_path() without moving them into
    // place, so that they can be signed before they replace the target. ErrorCode::io
    // as for commit(). Nothing more can be written afterwards.
    Result<void> finish();
    // Finishes (unless finish() did already) and renames over the target. ErrorCode::io
    // (disk full, permissions) leaves the target as it was and removes the temporary
    // file.
    Result<void> commit();

    const std::filesystem::path& target() const { return target_; }
    // Where the bytes go until commit(): for libraries that write a file by name. Such a
    // library must open this path for writing (truncating it in place, as libxlsxwriter
    // does), not replace it, and write() must not be used as well: commit() then syncs the
    // same file through its own descriptor and renames it.
    const std::filesystem::path& temporary_path() const { return temporary_; }

  private:
    OutputFile() = default;
    struct Closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, Closer> file_;
    std::filesystem::path target_, temporary_;
    bool committed_ = false;
};

}  // namespace waymark::report
