// waymark/package/trust.hpp: which publishers' keys this installation trusts.
//
// A package names the key that signed it; a TrustStore says whether that key belongs to
// a publisher you trust. Keys come from NAME.pub files (see waymark/core/keys.hpp),
// typically a folder of them configured by the organisation.
#pragma once

#include <filesystem>
#include <vector>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"

namespace waymark::package {

class TrustStore {
  public:
    // Trusts `key`; adding a key twice is harmless.
    void add(const Ed25519PublicKey& key);

    // Reads one NAME.pub file and trusts its key. Fails, trusting nothing new, when the
    // file is missing or not a Waymark public key file.
    Result<void> add_key_file(const std::filesystem::path& file);

    // Trusts the key in every *.pub file directly inside `dir` (not its subfolders), in
    // name order. Fails at the first unreadable key file, having added the keys before
    // it; fails with ErrorCode::not_found when `dir` is not a folder. A folder with no
    // .pub files is not an error.
    Result<void> add_directory(const std::filesystem::path& dir);

    bool trusts(const Ed25519PublicKey& key) const;
    const std::vector<Ed25519PublicKey>& keys() const { return keys_; }

  private:
    std::vector<Ed25519PublicKey> keys_;
};

}  // namespace waymark::package
