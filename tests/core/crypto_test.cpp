#include "waymark/core/crypto.hpp"

#include <gtest/gtest.h>

using namespace waymark;

TEST(Sha256, MatchesTheKnownDigestOfAbc) {
    EXPECT_EQ(to_hex(sha256(std::string_view("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, GivesTheSameDigestWhenFedInPieces) {
    Sha256 h;
    h.update(std::string_view("a"));
    h.update(std::string_view("bc"));
    EXPECT_EQ(h.finish(), sha256(std::string_view("abc")));
}

TEST(Hex, RoundTripsBytes) {
    std::array<std::uint8_t, 4> in{0x00, 0x7f, 0x80, 0xff}, out{};
    ASSERT_TRUE(from_hex(to_hex(in), out));
    EXPECT_EQ(in, out);
}

TEST(Hex, RejectsWrongLengthAndNonHexDigits) {
    std::array<std::uint8_t, 2> out{};
    EXPECT_FALSE(from_hex("abc", out));
    EXPECT_FALSE(from_hex("zz00", out));
}

TEST(Ed25519, VerifiesASignatureByTheSigner) {
    const auto pair = Ed25519KeyPair::generate();
    const auto sig = sign(pair.secret_key, "manifest");
    EXPECT_TRUE(verify(pair.public_key, "manifest", sig));
}

TEST(Ed25519, RejectsASignatureOverOtherBytes) {
    const auto pair = Ed25519KeyPair::generate();
    EXPECT_FALSE(verify(pair.public_key, "manifest!", sign(pair.secret_key, "manifest")));
}

TEST(Ed25519, RejectsASignatureByAnotherKey) {
    const auto a = Ed25519KeyPair::generate(), b = Ed25519KeyPair::generate();
    EXPECT_FALSE(verify(b.public_key, "m", sign(a.secret_key, "m")));
}

TEST(Ed25519, DerivesThePublicKeyFromTheSecretKey) {
    const auto pair = Ed25519KeyPair::generate();
    EXPECT_EQ(pair.secret_key.public_key(), pair.public_key);
}

TEST(Ed25519, FingerprintIsFourGroupsOfFourHexDigits) {
    const auto fp = Ed25519KeyPair::generate().public_key.fingerprint();
    ASSERT_EQ(fp.size(), 19u);
    EXPECT_EQ(fp[4], '-');
    EXPECT_EQ(fp[9], '-');
    EXPECT_EQ(fp[14], '-');
}
