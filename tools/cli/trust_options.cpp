#include "trust_options.hpp"

#include <cstdlib>
#include <filesystem>

namespace waymark::cli {

void add_trust_options(CLI::App& cmd, TrustOptions& opt) {
    cmd.add_option("-t,--trust", opt.keys,
                   "Public key of a trusted publisher (NAME.pub); repeatable");
    cmd.add_option("--trust-dir", opt.dirs, "Folder of trusted publishers' .pub files; repeatable");
}

namespace {
std::filesystem::path default_trust_dir() {
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
        return std::filesystem::path(config) / "waymark" / "trusted-keys";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".config" / "waymark" / "trusted-keys";
    return {};
}
}  // namespace

Result<package::TrustStore> load_trust_store(const TrustOptions& opt) {
    package::TrustStore store;
    for (const auto& key : opt.keys)
        if (auto r = store.add_key_file(key); !r)
            return r.error();
    for (const auto& dir : opt.dirs)
        if (auto r = store.add_directory(dir); !r)
            return r.error();
    const auto fallback = default_trust_dir();
    std::error_code ec;
    if (!fallback.empty() && std::filesystem::is_directory(fallback, ec))
        if (auto r = store.add_directory(fallback); !r)
            return r.error();
    return store;
}

}  // namespace waymark::cli
