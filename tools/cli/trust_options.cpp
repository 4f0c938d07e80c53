#include "trust_options.hpp"

#include <cstdlib>
#include <filesystem>

namespace waymark::cli {

void add_trust_options(CLI::App& cmd, TrustOptions& opt, const std::string& whose) {
    cmd.add_option("-t,--trust", opt.keys,
                   "Public key file (NAME.pub) of " + whose + "; repeatable");
    cmd.add_option("--trust-dir", opt.dirs,
                   "Folder of public key files, each of " + whose +
                       "; repeatable. Keys in $XDG_CONFIG_HOME/waymark/trusted-keys/ are trusted "
                       "too");
}

std::filesystem::path trusted_keys_folder() {
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
        return std::filesystem::path(config) / "waymark" / "trusted-keys";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".config" / "waymark" / "trusted-keys";
    return {};
}

Result<package::TrustStore> load_trust_store(const TrustOptions& opt) {
    package::TrustStore store;
    for (const auto& key : opt.keys)
        if (auto r = store.add_key_file(key); !r) {
            Error e = r.error();
            if (e.code == ErrorCode::not_found)
                e.message =
                    "the key file given with --trust does not exist; check its name "
                    "(a public key, NAME.pub)";
            return e;
        }
    for (const auto& dir : opt.dirs)
        if (auto r = store.add_directory(dir); !r)
            return r.error();
    const auto fallback = trusted_keys_folder();
    std::error_code ec;
    if (!fallback.empty() && std::filesystem::is_directory(fallback, ec))
        if (auto r = store.add_directory(fallback); !r)
            return r.error();
    return store;
}

}  // namespace waymark::cli
