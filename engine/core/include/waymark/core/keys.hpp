// waymark/core/keys.hpp: Ed25519 key files.
//
// A publisher's key pair lives in two small text files: NAME.key (secret, mode 0600)
// and NAME.pub (shared with whoever must trust the publisher's packages):
//     waymark-ed25519-secret-key-v1
//     <128 hex digits>
#pragma once

#include <filesystem>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"

namespace waymark {

// Writes NAME.key (0600) and NAME.pub; refuses to overwrite either.
Result<void> write_key_pair(const std::filesystem::path& name, const Ed25519KeyPair& pair);

// Refuses a secret key file that others can read (group or world permissions).
Result<Ed25519SecretKey> read_secret_key(const std::filesystem::path& file);
Result<Ed25519PublicKey> read_public_key(const std::filesystem::path& file);

}  // namespace waymark
