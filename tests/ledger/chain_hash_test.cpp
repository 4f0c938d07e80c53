// The bytes each event's hash covers, and the hash over them.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "chain.hpp"

using namespace waymark;
using namespace waymark::ledger;

TEST(ChainHashTest, HashesThePreviousHashThenTheCanonicalBytes) {
    crypto_init();
    Sha256Digest prev{};
    prev[0] = 1;
    Sha256 reference;
    reference.update(std::span<const std::uint8_t>(prev));
    reference.update(std::string_view("{\"v\":1}"));
    EXPECT_EQ(chain_hash(prev, "{\"v\":1}"), reference.finish());
}

TEST(ChainHashTest, CanonicalBytesEscapeQuotesBackslashesAndControlCharacters) {
    std::string out = "left over";
    canonical_event_bytes(EventFields{"i\"d", "dev\\", 12, "t\n", "", "c\x01", "v", "d", true,
                                      "page-viewed", R"({"type":"page-viewed"})"},
                          out);
    EXPECT_EQ(out, R"({"v":1,"id":"i\"d","device":"dev\\","seq":12,"time":"t\u000a",)"
                   R"("learner":"","course":{"id":"c\u0001","version":"v","digest":"d",)"
                   R"("trusted":true},"type":"page-viewed","payload":{"type":"page-viewed"}})");
}

TEST(ChainHashTest, CanonicalBytesEscapeEveryCharacterWhereverItIs) {
    // The escaping as the format defines it, one character at a time.
    const auto reference = [](std::string_view s) {
        std::string out = "\"";
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", u);
                out += escape;
            } else {
                out += c;
            }
        }
        return out + "\"";
    };
    std::mt19937 random(11);
    for (int round = 0; round < 2000; ++round) {
        std::string id(random() % 40, 'a');
        for (auto& c : id)
            c = static_cast<char>(random() % 4 == 0 ? random() % 256 : 'a' + random() % 26);
        std::string out;
        canonical_event_bytes(EventFields{id, "d", 1, "t", "", "", "", "", false, "x", "{}"}, out);
        const std::string expected = R"({"v":1,"id":)" + reference(id) + R"(,"device":"d",)";
        ASSERT_EQ(out.substr(0, expected.size()), expected) << round;
    }
}
