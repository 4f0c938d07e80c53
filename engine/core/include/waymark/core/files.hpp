// waymark/core/files.hpp: whole-file reads with a size limit, and crash-safe writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"

namespace waymark {

// Reads a whole file; refuses files larger than max_bytes (ErrorCode::limit).
Result<std::string> read_file(const std::filesystem::path& path,
                              std::uintmax_t max_bytes = 64u * 1024 * 1024);

// Writes to a temporary file beside `path`, flushes it to disk and renames it over
// `path`, so readers see either the old file or the whole new one. `mode` is applied
// before any data is written (0600 for secrets).
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data,
                               unsigned mode = 0644);

// True when `text` is valid UTF-8 (no overlongs, no surrogates); otherwise sets
// `bad_offset` to the first invalid byte.
bool valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

// 1-based line and column (in characters) of a byte offset in text.
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

}  // namespace waymark
