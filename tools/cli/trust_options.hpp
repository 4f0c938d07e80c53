// tools/cli/trust_options.hpp: the --trust and --trust-dir options, the one way every
// command that checks a signature is told which keys to trust: publishers' keys for
// verify, inspect and report --packages, device keys for verify-export.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/package/trust.hpp"

namespace waymark::cli {

struct TrustOptions {
    std::vector<std::string> keys;  // --trust NAME.pub (repeatable)
    std::vector<std::string> dirs;  // --trust-dir DIR (every *.pub in it)
};

// `whose` says in the help text whose keys these are ("a trusted publisher").
void add_trust_options(CLI::App& cmd, TrustOptions& opt,
                       const std::string& whose = "a trusted publisher");

// The keys named on the command line, plus those in trusted_keys_folder() when it exists.
Result<package::TrustStore> load_trust_store(const TrustOptions& opt);

// $XDG_CONFIG_HOME/waymark/trusted-keys (else ~/.config/waymark/trusted-keys), whose
// *.pub keys are always trusted; empty when neither variable is set.
std::filesystem::path trusted_keys_folder();

}  // namespace waymark::cli
