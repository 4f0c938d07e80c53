// waymark/assessment/text_match.hpp: comparing typed text with an accepted answer.
//
// Short answers forgive what a trainer would forgive: leading, trailing and repeated
// white space (spaces, tabs, line breaks, no-break spaces) never matter, and case does
// not matter unless the question says so. Case folding covers ASCII letters only;
// other letters must match exactly. An accepted answer may contain '*', which matches
// any run of characters (including none); write "\*" for a literal asterisk.
#pragma once

#include <string>
#include <string_view>

namespace waymark::assessment {

// `text` with white space trimmed and each run of it collapsed to one space, and ASCII
// letters lower-cased unless `case_sensitive`.
std::string normalise_text(std::string_view text, bool case_sensitive);

// Whether `typed` matches the accepted answer `pattern` under the rules above. Runs in
// O(|pattern| * |typed|) at worst, never exponential.
bool text_matches(std::string_view pattern, std::string_view typed, bool case_sensitive);

}  // namespace waymark::assessment
