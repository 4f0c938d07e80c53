#include "waymark/core/ids.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace waymark;

TEST(Uuid, RandomIdsAreVersion4WithTheRfcVariant) {
    const std::string s = Uuid::random().str();
    ASSERT_EQ(s.size(), 36u);
    EXPECT_EQ(s[14], '4');
    EXPECT_NE(std::string("89ab").find(s[19]), std::string::npos);
}

TEST(Uuid, RandomIdsDoNotRepeat) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
        EXPECT_TRUE(seen.insert(Uuid::random().str()).second);
}

TEST(Uuid, ParsesItsOwnCanonicalForm) {
    const Uuid id = Uuid::random();
    const auto parsed = Uuid::parse(id.str());
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, id);
}

TEST(Uuid, ParsesUppercase) {
    EXPECT_TRUE(Uuid::parse("1B4E28BA-2FA1-4D2B-883F-0016D3CCA427"));
}

TEST(Uuid, RejectsMisplacedDashesAndBadDigits) {
    EXPECT_FALSE(Uuid::parse("1b4e28ba2-fa1-4d2b-883f-0016d3cca427"));
    EXPECT_FALSE(Uuid::parse("1b4e28ba-2fa1-4d2b-883f-0016d3cca42g"));
    EXPECT_FALSE(Uuid::parse(""));
}
