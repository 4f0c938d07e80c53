// Numbers as GIFT writes them: answer values, tolerances and %weight% percentages.
//
// Reading and writing are locale-independent (a decimal point, never a comma) and exact:
// a number written by write_number or write_percent reads back to the same double, so
// a bank survives an export and re-import unchanged.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waymark::gift {

// A finite decimal number such as "3", "-2.5", "+.5" or "1e3"; nullopt for anything
// else (text, "3,5", "inf", "nan", trailing characters, out of range).
std::optional<double> read_number(std::string_view text);

// The shortest text that read_number reads back as `value`.
std::string write_number(double value);

// The fraction a percentage such as "50" or "-33.5" stands for (0.5, -0.335); nullopt
// when it is not a plain decimal number.
std::optional<double> read_percent(std::string_view text);

// `fraction` as a percentage in plain decimal notation (no exponent, which Moodle's
// weight pattern rejects), as short as read_percent allows to read back exactly:
// write_percent(0.5) is "50", write_percent(1.0 / 3) is "33.33333333333333".
std::string write_percent(double fraction);

}  // namespace waymark::gift
