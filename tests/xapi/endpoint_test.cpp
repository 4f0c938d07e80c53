// The LRS address: refused when it holds a password, and written one way for the record of
// what that LRS acknowledged.
#include <gtest/gtest.h>

#include "waymark/xapi/endpoint.hpp"

namespace waymark::xapi {
namespace {

TEST(NormalisedEndpoint, WritesSchemeAndHostInLowerCaseAndKeepsThePathAsGiven) {
    EXPECT_EQ(normalised_endpoint("HTTPS://LRS.Example.ORG/xAPI"), "https://lrs.example.org/xAPI");
}

TEST(NormalisedEndpoint, DropsTheDefaultPortOfEachScheme) {
    EXPECT_EQ(normalised_endpoint("http://lrs.example:80/xAPI"), "http://lrs.example/xAPI");
    EXPECT_EQ(normalised_endpoint("https://lrs.example:443/xAPI"), "https://lrs.example/xAPI");
    EXPECT_EQ(normalised_endpoint("http://lrs.example:0080/xAPI"), "http://lrs.example/xAPI");
}

TEST(NormalisedEndpoint, KeepsAPortThatIsNotTheSchemesDefault) {
    EXPECT_EQ(normalised_endpoint("http://lrs.example:443/xAPI"), "http://lrs.example:443/xAPI");
    EXPECT_EQ(normalised_endpoint("https://lrs.example:80/xAPI"), "https://lrs.example:80/xAPI");
    EXPECT_EQ(normalised_endpoint("http://lrs.example:8080/xAPI"), "http://lrs.example:8080/xAPI");
}

TEST(NormalisedEndpoint, WritesEveryNameOfThisComputerAsLocalhost) {
    for (const char* url : {"http://127.0.0.1:8080/xAPI", "http://localhost:8080/xAPI",
                            "http://LocalHost:8080/xAPI", "http://[::1]:8080/xAPI"})
        EXPECT_EQ(normalised_endpoint(url), "http://localhost:8080/xAPI") << url;
}

TEST(NormalisedEndpoint, KeepsOtherAddressesApart) {
    EXPECT_EQ(normalised_endpoint("http://127.0.0.2:8080/xAPI"), "http://127.0.0.2:8080/xAPI");
    EXPECT_EQ(normalised_endpoint("http://[2001:DB8::1]:8080/xAPI"),
              "http://[2001:db8::1]:8080/xAPI");
    EXPECT_NE(normalised_endpoint("http://lrs.example/xAPI"),
              normalised_endpoint("https://lrs.example/xAPI"));
    EXPECT_NE(normalised_endpoint("http://lrs.example/xAPI"),
              normalised_endpoint("http://lrs.example/xapi"));
}

TEST(NormalisedEndpoint, DropsTrailingSlashesFromThePath) {
    EXPECT_EQ(normalised_endpoint("http://lrs.example/xAPI/"), "http://lrs.example/xAPI");
    EXPECT_EQ(normalised_endpoint("http://lrs.example/xAPI//"), "http://lrs.example/xAPI");
    EXPECT_EQ(normalised_endpoint("http://lrs.example/"), "http://lrs.example");
}

TEST(NormalisedEndpoint, DropsUserNamePasswordQueryAndFragment) {
    EXPECT_EQ(normalised_endpoint("http://key:s3cret@lrs.example/xAPI?x=1#top"),
              "http://lrs.example/xAPI");
    EXPECT_EQ(normalised_endpoint("http://key@lrs.example/xAPI"), "http://lrs.example/xAPI");
}

TEST(NormalisedEndpoint, GivesTheSameTextWhenAppliedTwice) {
    const std::string once = normalised_endpoint("HTTP://key:pw@[::1]:80/xAPI/");
    EXPECT_EQ(once, "http://localhost/xAPI");
    EXPECT_EQ(normalised_endpoint(once), once);
}

TEST(CheckEndpoint, AcceptsAnHttpOrHttpsAddress) {
    for (const char* url : {"https://lrs.example.org/xAPI", "http://127.0.0.1:8080/xAPI/",
                            "HTTPS://LRS.example", "http://[::1]:8080/data/xAPI"})
        EXPECT_TRUE(check_endpoint(url)) << url;
}

TEST(CheckEndpoint, RefusesAnAddressWithAPasswordWithoutRepeatingIt) {
    auto r = check_endpoint("https://key:s3cret@lrs.example/xAPI");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::usage);
    EXPECT_EQ(r.error().message.find("s3cret"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("key"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("\"https://lrs.example/xAPI\""), std::string::npos);
    EXPECT_NE(r.error().message.find("--password-file"), std::string::npos);
    EXPECT_NE(r.error().message.find("--credentials"), std::string::npos);
}

TEST(CheckEndpoint, RefusesAPasswordThatItselfHoldsAnAt) {
    auto r = check_endpoint("http://key:p@ss@lrs.example/xAPI");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find("ss@"), std::string::npos) << r.error().message;
}

TEST(CheckEndpoint, RefusesAUserNameWithoutAPassword) {
    EXPECT_FALSE(check_endpoint("http://key@lrs.example/xAPI"));
    EXPECT_FALSE(check_endpoint("http://@lrs.example/xAPI"));
}

TEST(CheckEndpoint, RefusesAnAddressThatIsNotHttp) {
    for (const char* url : {"ftp://lrs.example/xAPI", "lrs.example/xAPI", "file:///etc/passwd"})
        EXPECT_FALSE(check_endpoint(url)) << url;
}

TEST(CheckEndpoint, DoesNotRepeatThePasswordOfAnAddressThatIsNotHttp) {
    auto r = check_endpoint("ftp://key:s3cret@lrs.example/xAPI");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find("s3cret"), std::string::npos) << r.error().message;
}

TEST(CheckEndpoint, RefusesAnAddressWithoutAHost) {
    EXPECT_FALSE(check_endpoint("http://"));
    EXPECT_FALSE(check_endpoint("https:///xAPI"));
}

TEST(CheckEndpoint, RefusesAPortThatIsNotANumberFrom1To65535) {
    for (const char* url : {"http://lrs.example:0/xAPI", "http://lrs.example:65536/xAPI",
                            "http://lrs.example:http/xAPI"})
        EXPECT_FALSE(check_endpoint(url)) << url;
}

TEST(CheckEndpoint, RefusesAQueryOrFragmentThatResourceNamesWouldBeAppendedTo) {
    EXPECT_FALSE(check_endpoint("https://lrs.example/xAPI?tenant=3"));
    EXPECT_FALSE(check_endpoint("https://lrs.example/xAPI#statements"));
}

TEST(WithoutUserinfo, RemovesTheUserNameAndPassword) {
    EXPECT_EQ(without_userinfo("https://key:s3cret@lrs.example:8443/xAPI"),
              "https://lrs.example:8443/xAPI");
    EXPECT_EQ(without_userinfo("https://key@lrs.example/xAPI"), "https://lrs.example/xAPI");
}

TEST(WithoutUserinfo, KeepsAnAtInThePath) {
    EXPECT_EQ(without_userinfo("https://lrs.example/@team/xAPI"), "https://lrs.example/@team/xAPI");
}

}  // namespace
}  // namespace waymark::xapi
