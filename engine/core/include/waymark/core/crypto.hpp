// waymark/core/crypto.hpp: SHA-256 digests through OpenSSL's libcrypto; Ed25519
// signatures and random bytes through libsodium.
//
// Digests identify course content and chain ledger events; signatures prove who
// published a package. Keys are raw libsodium keys; files hold them as hex text.
// SHA-256 is libcrypto's because it uses the CPU's SHA instructions where there are
// some (libsodium's is portable C, several times slower): every chain check and package
// verify is bounded by it. Both libraries give the standard FIPS 180-4 digest.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace waymark {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental SHA-256 for data that arrives in pieces (zip entries, files). Owns one
// libcrypto digest context; movable, not copyable. finish() ends it: call it once, then
// restart() to reuse the context for another digest (for many short digests in a row,
// such as one per ledger event: making a context costs a fifth of hashing 500 bytes).
class Sha256 {
  public:
    Sha256();
    void update(std::span<const std::uint8_t> data);
    void update(std::string_view data);
    Sha256Digest finish();
    void restart();

  private:
    struct FreeContext {
        void operator()(evp_md_ctx_st* ctx) const noexcept;
    };
    std::unique_ptr<evp_md_ctx_st, FreeContext> ctx_;
};

Sha256Digest sha256(std::string_view data);
Sha256Digest sha256(std::span<const std::uint8_t> data);

std::string to_hex(std::span<const std::uint8_t> bytes);
// Decodes lowercase or uppercase hex of exactly out.size() bytes.
bool from_hex(std::string_view hex, std::span<std::uint8_t> out);

struct Ed25519PublicKey {
    std::array<std::uint8_t, 32> bytes{};
    // First 16 hex digits of SHA-256 of the key, grouped in fours: "3f2a-91c0-...".
    std::string fingerprint() const;
    friend bool operator==(const Ed25519PublicKey&, const Ed25519PublicKey&) = default;
};

struct Ed25519SecretKey {
    std::array<std::uint8_t, 64> bytes{};  // libsodium form: seed followed by public key
    Ed25519PublicKey public_key() const;
};

using Ed25519Signature = std::array<std::uint8_t, 64>;

struct Ed25519KeyPair {
    Ed25519PublicKey public_key;
    Ed25519SecretKey secret_key;
    static Ed25519KeyPair generate();
};

Ed25519Signature sign(const Ed25519SecretKey& key, std::string_view message);
bool verify(const Ed25519PublicKey& key, std::string_view message, const Ed25519Signature& sig);

// Fills `out` from libsodium's CSPRNG.
void random_bytes(std::span<std::uint8_t> out);

// Must be called before any other function here; safe to call more than once. SHA-256
// works without it (libcrypto initialises itself), signing and random bytes do not.
void crypto_init();

}  // namespace waymark
