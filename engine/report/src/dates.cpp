#include "waymark/report/dates.hpp"

namespace waymark::report {

std::string date_in_words(UtcTime t) {
    static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

}  // namespace waymark::report
