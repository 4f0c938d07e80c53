// tools/cli/trust_options.hpp: the --trust and --trust-dir options of verify and inspect.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/package/trust.hpp"

namespace waymark::cli {

struct TrustOptions {
    std::vector<std::string> keys;  // --trust NAME.pub (repeatable)
    std::vector<std::string> dirs;  // --trust-dir DIR (every *.pub in it)
};

void add_trust_options(CLI::App& cmd, TrustOptions& opt);

// The keys named on the command line, plus $XDG_CONFIG_HOME/waymark/trusted-keys (or
// ~/.config/waymark/trusted-keys) when it exists.
Result<package::TrustStore> load_trust_store(const TrustOptions& opt);

}  // namespace waymark::cli
