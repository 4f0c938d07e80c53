#include "waymark/core/crypto.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace waymark {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256 state buffer too small");

void crypto_init() {
    // sodium_init() is idempotent and thread-safe; it returns -1 only when the system
    // cannot supply randomness, which no Waymark operation can survive.
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

namespace {
crypto_hash_sha256_state* as_state(std::array<std::uint8_t, 128>& buf) {
    return reinterpret_cast<crypto_hash_sha256_state*>(buf.data());
}
}  // namespace

Sha256::Sha256() {
    crypto_init();
    crypto_hash_sha256_init(as_state(state_));
}

void Sha256::update(std::span<const std::uint8_t> data) {
    crypto_hash_sha256_update(as_state(state_), data.data(), data.size());
}

void Sha256::update(std::string_view data) {
    crypto_hash_sha256_update(as_state(state_), reinterpret_cast<const unsigned char*>(data.data()),
                              data.size());
}

Sha256Digest Sha256::finish() {
    Sha256Digest out;
    crypto_hash_sha256_final(as_state(state_), out.data());
    return out;
}

Sha256Digest sha256(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.finish();
}

Sha256Digest sha256(std::span<const std::uint8_t> data) {
    Sha256 h;
    h.update(data);
    return h.finish();
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0xF]);
    }
    return out;
}

bool from_hex(std::string_view hex, std::span<std::uint8_t> out) {
    if (hex.size() != out.size() * 2)
        return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return true;
}

std::string Ed25519PublicKey::fingerprint() const {
    const std::string hex = to_hex(sha256(std::span<const std::uint8_t>(bytes)));
    std::string out;
    for (std::size_t i = 0; i < 16; i += 4) {
        if (!out.empty())
            out.push_back('-');
        out += hex.substr(i, 4);
    }
    return out;
}

Ed25519PublicKey Ed25519SecretKey::public_key() const {
    Ed25519PublicKey pk;
    crypto_sign_ed25519_sk_to_pk(pk.bytes.data(), bytes.data());
    return pk;
}

Ed25519KeyPair Ed25519KeyPair::generate() {
    crypto_init();
    Ed25519KeyPair pair;
    crypto_sign_keypair(pair.public_key.bytes.data(), pair.secret_key.bytes.data());
    return pair;
}

Ed25519Signature sign(const Ed25519SecretKey& key, std::string_view message) {
    crypto_init();
    Ed25519Signature sig;
    crypto_sign_detached(sig.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.bytes.data());
    return sig;
}

bool verify(const Ed25519PublicKey& key, std::string_view message, const Ed25519Signature& sig) {
    crypto_init();
    return crypto_sign_verify_detached(sig.data(),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.bytes.data()) == 0;
}

void random_bytes(std::span<std::uint8_t> out) {
    crypto_init();
    randombytes_buf(out.data(), out.size());
}

}  // namespace waymark
