// Compact times for the status matrix: whole seconds since 1970 in 32 bits (enough until
// 2106), so a cell of a 100,000-learner matrix stays small.
#pragma once

#include <chrono>
#include <cstdint>

#include "waymark/core/time.hpp"

namespace waymark::report {

// 0 is kept for "none": a time at or before 1970 becomes 1, one after 2106 the maximum
// storable value minus one (the maximum itself means "never").
inline std::uint32_t to_seconds(UtcTime t) {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    if (s < 1)
        return 1;
    if (s >= 0xfffffffeLL)
        return 0xfffffffeu;
    return static_cast<std::uint32_t>(s);
}

inline UtcTime from_seconds(std::uint32_t s) {
    return UtcTime{std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::seconds(s))};
}

}  // namespace waymark::report
