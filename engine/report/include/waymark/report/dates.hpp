// waymark/report/dates.hpp: dates as people read them.
//
// Exports meant for other programs keep ISO dates (2026-01-12); everything a person reads
// (the library, certificates, the HTML report, the manager area) says "12 January 2026",
// which no reader can take for 1 December. The day is the UTC day, as everywhere else.
#pragma once

#include <string>

#include "waymark/core/time.hpp"

namespace waymark::report {

// "12 January 2026".
std::string date_in_words(UtcTime t);

}  // namespace waymark::report
