// waymark/package/signature.hpp: manifest.sig, the publisher's signature on a package.
//
// manifest.sig is three lines of ASCII text, each ending in "\n":
//     waymark-package-signature-v1
//     signer <64 lowercase hex digits: the Ed25519 public key>
//     signature <128 lowercase hex digits: Ed25519 over the exact bytes of manifest.json>
// The signer's key is carried in the package so an untrusted package can still be
// previewed; whether the key is trusted is decided by a TrustStore, never by the package.
#pragma once

#include <string>
#include <string_view>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"

namespace waymark::package {

struct ManifestSignature {
    Ed25519PublicKey signer;
    Ed25519Signature signature{};
};

// The text of manifest.sig for `sig`.
std::string format_signature_file(const ManifestSignature& sig);

// Parses manifest.sig exactly as format_signature_file writes it (hex may be upper
// case). Does not verify the signature. ErrorCode::parse when the text is malformed.
Result<ManifestSignature> parse_signature_file(std::string_view text);

}  // namespace waymark::package
