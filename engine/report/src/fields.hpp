// How the exports write values: ISO 8601 dates, scores as percentages; and how much
// they gather before each write.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

#include "waymark/core/time.hpp"

namespace waymark::report {

// The text exports gather this many bytes before each OutputFile::write().
inline constexpr std::size_t kFlushBytes = 1 << 16;

inline std::string date_or_empty(const std::optional<UtcTime>& t) {
    return t ? format_date(*t) : std::string();
}

// 0.875 -> "87.5", 0.9 -> "90": a percentage with at most one decimal.
inline std::string score_percent(double scaled) {
    const long tenths = std::lround(scaled * 1000);
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10 != 0)
        out += "." + std::to_string(tenths % 10);
    return out;
}

}  // namespace waymark::report
