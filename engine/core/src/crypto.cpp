#include "waymark/core/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>

namespace waymark {

namespace {

// libcrypto's SHA-256, fetched once for the process on first use (the first fetch
// starts libcrypto's providers, 1-3 ms, which programs that never hash do not pay).
// Passing EVP_sha256() instead would look the algorithm up in the provider store for
// every digest, which costs about as much as hashing an event's 500 bytes. A fetched
// EVP_MD is immutable and safe to share between threads.
const EVP_MD* sha256_md() {
    struct FreeMd {
        void operator()(EVP_MD* md) const noexcept { EVP_MD_free(md); }
    };
    static const std::unique_ptr<EVP_MD, FreeMd> md{EVP_MD_fetch(nullptr, "SHA256", nullptr)};
    if (!md)
        throw std::runtime_error(
            "OpenSSL's libcrypto offers no SHA-256: its default provider is missing or "
            "disabled by the OpenSSL configuration (check OPENSSL_CONF and libssl3)");
    return md.get();
}

// libcrypto fails only when it cannot allocate, which no Waymark operation survives.
void check(int ok) {
    if (ok != 1)
        throw std::runtime_error("OpenSSL's SHA-256 failed (out of memory?)");
}

}  // namespace

void crypto_init() {
    // sodium_init() is idempotent and thread-safe; it returns -1 only when the system
    // cannot supply randomness, which no Waymark operation can survive.
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

void Sha256::FreeContext::operator()(evp_md_ctx_st* ctx) const noexcept {
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_)
        throw std::bad_alloc();
    restart();
}

void Sha256::restart() {
    check(EVP_DigestInit_ex2(ctx_.get(), sha256_md(), nullptr));
}

void Sha256::update(std::span<const std::uint8_t> data) {
    check(EVP_DigestUpdate(ctx_.get(), data.data(), data.size()));
}

void Sha256::update(std::string_view data) {
    check(EVP_DigestUpdate(ctx_.get(), data.data(), data.size()));
}

Sha256Digest Sha256::finish() {
    Sha256Digest out;
    unsigned int size = 0;
    check(EVP_DigestFinal_ex(ctx_.get(), out.data(), &size));
    if (size != out.size())
        throw std::logic_error("libcrypto's SHA-256 gave a digest that is not 32 bytes");
    return out;
}

Sha256Digest sha256(std::string_view data) {
    Sha256Digest out;
    check(EVP_Digest(data.data(), data.size(), out.data(), nullptr, sha256_md(), nullptr));
    return out;
}

Sha256Digest sha256(std::span<const std::uint8_t> data) {
    Sha256Digest out;
    check(EVP_Digest(data.data(), data.size(), out.data(), nullptr, sha256_md(), nullptr));
    return out;
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
