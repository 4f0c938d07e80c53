#include "waymark/package/signature.hpp"

namespace waymark::package {

namespace {

constexpr std::string_view kHeader = "waymark-package-signature-v1";
constexpr std::string_view kSignerPrefix = "signer ";
constexpr std::string_view kSignaturePrefix = "signature ";

// Takes the next "\n"-terminated line off `text`; false when there is none.
bool next_line(std::string_view& text, std::string_view& line) {
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos)
        return false;
    line = text.substr(0, newline);
    text.remove_prefix(newline + 1);
    return true;
}

Error malformed(std::string message) {
    return make_error(ErrorCode::parse, "manifest.sig is malformed: " + std::move(message));
}

}  // namespace

std::string format_signature_file(const ManifestSignature& sig) {
    return std::string(kHeader) + "\n" + std::string(kSignerPrefix) + to_hex(sig.signer.bytes) +
           "\n" + std::string(kSignaturePrefix) + to_hex(sig.signature) + "\n";
}

Result<ManifestSignature> parse_signature_file(std::string_view text) {
    std::string_view header, signer, signature;
    if (!next_line(text, header) || header != kHeader)
        return malformed("the first line should be \"" + std::string(kHeader) + "\"");
    if (!next_line(text, signer) || !signer.starts_with(kSignerPrefix))
        return malformed("the second line should be \"signer <public key in hex>\"");
    if (!next_line(text, signature) || !signature.starts_with(kSignaturePrefix))
        return malformed("the third line should be \"signature <signature in hex>\"");
    if (!text.empty())
        return malformed("unexpected text after the third line");
    ManifestSignature sig;
    if (!from_hex(signer.substr(kSignerPrefix.size()), sig.signer.bytes))
        return malformed("the signer should be 64 hex digits");
    if (!from_hex(signature.substr(kSignaturePrefix.size()), sig.signature))
        return malformed("the signature should be 128 hex digits");
    return sig;
}

}  // namespace waymark::package
