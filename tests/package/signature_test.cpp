#include "waymark/package/signature.hpp"

#include <gtest/gtest.h>

#include "fixture_keys.hpp"

namespace waymark::package {
namespace {

ManifestSignature sample_signature() {
    const auto key = testing::publisher_key();
    return {key.public_key, sign(key.secret_key, "manifest bytes")};
}

TEST(SignatureFile, ReadsBackWhatItWrites) {
    const ManifestSignature sig = sample_signature();
    auto parsed = parse_signature_file(format_signature_file(sig));
    ASSERT_TRUE(parsed) << parsed.error().describe();
    EXPECT_EQ(parsed->signer, sig.signer);
    EXPECT_EQ(parsed->signature, sig.signature);
}

TEST(SignatureFile, HasTheDocumentedThreeLines) {
    const ManifestSignature sig = sample_signature();
    EXPECT_EQ(format_signature_file(sig), "waymark-package-signature-v1\nsigner " +
                                              to_hex(sig.signer.bytes) + "\nsignature " +
                                              to_hex(sig.signature) + "\n");
}

TEST(SignatureFile, RefusesAWrongHeader) {
    std::string text = format_signature_file(sample_signature());
    text.replace(0, 7, "WAYMARK");
    auto parsed = parse_signature_file(text);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("first line"), std::string::npos);
}

TEST(SignatureFile, RefusesAShortSignature) {
    std::string text = format_signature_file(sample_signature());
    text.erase(text.size() - 3, 2);
    auto parsed = parse_signature_file(text);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("128 hex digits"), std::string::npos);
}

TEST(SignatureFile, RefusesTrailingText) {
    auto parsed = parse_signature_file(format_signature_file(sample_signature()) + "more\n");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::parse);
}

TEST(SignatureFile, RefusesAMissingFinalNewline) {
    std::string text = format_signature_file(sample_signature());
    text.pop_back();
    EXPECT_FALSE(parse_signature_file(text));
}

}  // namespace
}  // namespace waymark::package
