// waymark/core/time.hpp: UTC timestamps in ISO 8601.
//
// Everything Waymark records is in UTC, written as "2026-11-25T12:13:46Z" (or with
// milliseconds, "2026-11-25T12:13:46.123Z"). Local time is only for display.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;

UtcTime utc_now();

// "2026-11-25T12:13:46Z", or with ".123" when the time has milliseconds.
std::string format_iso8601(UtcTime t);
// "2026-11-25"
std::string format_date(UtcTime t);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)". Rejects impossible dates.
std::optional<UtcTime> parse_iso8601(std::string_view text);

// The same day-of-month `count` months later, clamped to the month's last day
// (31 January + 1 month = 28 or 29 February).
UtcTime add_months(UtcTime t, int count);

}  // namespace waymark
