#include "waymark/core/keys.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>

#include "waymark/core/files.hpp"

namespace waymark {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSecretHeader = "waymark-ed25519-secret-key-v1";
constexpr std::string_view kPublicHeader = "waymark-ed25519-public-key-v1";

// Reads "<header>\n<hex>\n" into `out`.
Result<void> read_key_file(const fs::path& file, std::string_view header,
                           std::span<std::uint8_t> out) {
    auto text = read_file(file, 4096);
    if (!text)
        return text.error();
    std::string_view s = *text;
    const auto newline = s.find('\n');
    const std::string_view first = s.substr(0, newline);
    std::string_view hex = newline == std::string_view::npos ? "" : s.substr(newline + 1);
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' '))
        hex.remove_suffix(1);
    if (first != header)
        return make_error(
            ErrorCode::parse,
            "not a Waymark key file: the first line should be \"" + std::string(header) + "\"",
            file.string());
    if (!from_hex(hex, out))
        return make_error(ErrorCode::parse,
                          "the key is damaged: expected " + std::to_string(out.size() * 2) +
                              " hex digits on line 2",
                          file.string() + ":2");
    return {};
}

}  // namespace

Result<void> write_key_pair(const fs::path& name, const Ed25519KeyPair& pair) {
    const fs::path secret = fs::path(name.string() + ".key");
    const fs::path pub = fs::path(name.string() + ".pub");
    for (const auto& p : {secret, pub}) {
        if (fs::exists(p))
            return make_error(ErrorCode::usage,
                              "already exists; choose another name or remove it first "
                              "(overwriting a key would orphan every package it signed)",
                              p.string());
    }
    auto r = write_file_atomic(
        secret, std::string(kSecretHeader) + "\n" + to_hex(pair.secret_key.bytes) + "\n", 0600);
    if (!r)
        return r;
    return write_file_atomic(
        pub, std::string(kPublicHeader) + "\n" + to_hex(pair.public_key.bytes) + "\n", 0644);
}

Result<Ed25519SecretKey> read_secret_key(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
        return make_error(ErrorCode::invalid,
                          "secret key is readable by other users; run: chmod 600 " + file.string(),
                          file.string());
    Ed25519SecretKey key;
    auto r = read_key_file(file, kSecretHeader, key.bytes);
    if (!r)
        return r.error();
    // libsodium keeps the public key in the second half; re-deriving it from the seed
    // in the first half catches a damaged or hand-edited file.
    std::array<std::uint8_t, 32> seed{}, derived_pk{};
    std::array<std::uint8_t, 64> derived_sk{};
    crypto_init();
    crypto_sign_ed25519_sk_to_seed(seed.data(), key.bytes.data());
    crypto_sign_seed_keypair(derived_pk.data(), derived_sk.data(), seed.data());
    sodium_memzero(derived_sk.data(), derived_sk.size());
    if (!std::equal(derived_pk.begin(), derived_pk.end(), key.bytes.begin() + 32))
        return make_error(ErrorCode::parse, "the secret key is damaged", file.string());
    return key;
}

Result<Ed25519PublicKey> read_public_key(const fs::path& file) {
    Ed25519PublicKey key;
    auto r = read_key_file(file, kPublicHeader, key.bytes);
    if (!r)
        return r.error();
    return key;
}

}  // namespace waymark
