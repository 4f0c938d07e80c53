#include "waymark/package/trust.hpp"

#include <algorithm>

#include "waymark/core/keys.hpp"

namespace waymark::package {

namespace fs = std::filesystem;

void TrustStore::add(const Ed25519PublicKey& key) {
    if (!trusts(key))
        keys_.push_back(key);
}

Result<void> TrustStore::add_key_file(const fs::path& file) {
    auto key = read_public_key(file);
    if (!key)
        return key.error();
    add(*key);
    return {};
}

Result<void> TrustStore::add_directory(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return make_error(ErrorCode::not_found,
                          "trusted keys folder not found; create it or name another folder",
                          dir.string());
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".pub" && it->is_regular_file(ec))
            files.push_back(it->path());
    }
    if (ec)
        return make_error(ErrorCode::io, "cannot list trusted keys: " + ec.message(), dir.string());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        auto r = add_key_file(file);
        if (!r)
            return r;
    }
    return {};
}

bool TrustStore::trusts(const Ed25519PublicKey& key) const {
    return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
}

}  // namespace waymark::package
