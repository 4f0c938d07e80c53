#include "waymark/core/crypto.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>

using namespace waymark;

TEST(Sha256, MatchesTheKnownDigestOfAbc) {
    EXPECT_EQ(to_hex(sha256(std::string_view("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// NIST's SHA-256 examples (FIPS 180-2, appendix B): the digest must not change
// with the library that computes it, or every ledger chain and package would break.
TEST(Sha256, MatchesTheKnownDigestOfTheEmptyString) {
    EXPECT_EQ(to_hex(sha256(std::string_view())),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(to_hex(Sha256().finish()),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, MatchesTheKnownDigestOfTwoBlocks) {
    EXPECT_EQ(to_hex(sha256(
                  std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// A million 'a's fed in chunks of 1, 3, 7, 61, 63, 65, 127, 1021 and 4093 bytes, over
// and over: pieces that straddle the 64-byte block boundary every way.
TEST(Sha256, MatchesTheKnownDigestOfAMillionAsFedInOddChunks) {
    const std::string as(4093, 'a');
    constexpr std::size_t chunks[] = {1, 3, 7, 61, 63, 65, 127, 1021, 4093};
    Sha256 h;
    std::size_t left = 1000000, k = 0;
    while (left > 0) {
        const std::size_t n = std::min(left, chunks[k++ % std::size(chunks)]);
        h.update(std::string_view(as).substr(0, n));
        left -= n;
    }
    EXPECT_EQ(to_hex(h.finish()),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(to_hex(sha256(std::string(1000000, 'a'))),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, KeepsItsStateWhenMoved) {
    Sha256 h;
    h.update(std::string_view("a"));
    Sha256 moved = std::move(h);
    moved.update(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>("bc"), 2));
    EXPECT_EQ(to_hex(moved.finish()),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, GivesTheSameDigestWhenFedInPieces) {
    Sha256 h;
    h.update(std::string_view("a"));
    h.update(std::string_view("bc"));
    EXPECT_EQ(h.finish(), sha256(std::string_view("abc")));
}

// A restarted digest forgets what was fed before it: a chain hash reuses one context for
// every event, and one event's bytes must never reach the next one's digest.
TEST(Sha256, ARestartedDigestIsOfWhatFollowsOnly) {
    Sha256 h;
    h.update(std::string_view("left over"));
    h.restart();
    h.update(std::string_view("abc"));
    EXPECT_EQ(h.finish(), sha256(std::string_view("abc")));
    h.restart();
    EXPECT_EQ(to_hex(h.finish()),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
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
