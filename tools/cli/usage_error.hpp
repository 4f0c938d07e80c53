// tools/cli/usage_error.hpp: what `waymark` says when a command line cannot be parsed.
//
// CLI11 reports the first rule broken, in its own words: a mistyped command ("waymark
// learner reset-pin") reads "A subcommand is required", and a mistyped option ("--formt
// csv") reads as the option it replaced being missing. The message here names the word
// the person typed that is not known where they typed it, suggests the nearest known one,
// and points to the help of the command they were in, not the top level.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace waymark::cli {

// The message for `error`, thrown by `app.parse(argc, argv)`; ends with a newline.
std::string usage_message(const CLI::App& app, const CLI::ParseError& error, int argc,
                          const char* const* argv);

// The candidate with the same words as `typed` in another order ("reset-pin" for
// "pin-reset"), else the closest likely typo (closest_match()), else "".
std::string nearest(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace waymark::cli
