// The LRS client against a scripted server: headers, acknowledgements, retries and the
// failures a manager must tell apart.
#include "waymark/xapi/lrs_client.hpp"
#include "mock_lrs.hpp"
#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

using namespace std::chrono_literals;

const std::string kBatch = R"([{"id":"a"},{"id":"b"}])";

LrsClient client_for(const std::string& endpoint, int retries = 3,
                     std::chrono::milliseconds timeout = 2000ms) {
    LrsOptions o;
    o.endpoint = endpoint;
    o.user = "key-1";
    o.password = "s3cret";
    o.retries = retries;
    o.timeout = timeout;
    o.first_backoff = 10ms;
    auto c = LrsClient::create(o);
    EXPECT_TRUE(c) << c.error().describe();
    return std::move(*c);
}

TEST(LrsClient, PostsToTheStatementsResourceWithVersionHeaderAndBasicAuth) {
    MockLrs lrs({200, ids_reply(2), {}});
    auto client = client_for(lrs.endpoint());
    ASSERT_TRUE(client.post_statements(kBatch, 2));
    const auto requests = lrs.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].target, "/xAPI/statements");
    EXPECT_TRUE(requests[0].has_header("X-Experience-API-Version: 1.0.3"));
    EXPECT_TRUE(requests[0].has_header("Content-Type: application/json"));
    // base64("key-1:s3cret")
    EXPECT_TRUE(requests[0].has_header("Authorization: Basic a2V5LTE6czNjcmV0"));
    EXPECT_EQ(requests[0].body, kBatch);
}

TEST(LrsClient, RetriesAServerErrorAndSucceedsWhenTheLrsRecovers) {
    MockLrs lrs({200, ids_reply(2), {}});
    lrs.script({503, R"({"message":"busy"})", {}});
    lrs.script({500, "", {}});
    auto client = client_for(lrs.endpoint());
    ASSERT_TRUE(client.post_statements(kBatch, 2));
    EXPECT_EQ(lrs.requests().size(), 3u);
    EXPECT_EQ(client.retries_used(), 2);
}

TEST(LrsClient, RetriesARequestThatTimesOut) {
    MockLrs lrs({200, ids_reply(2), {}});
    lrs.script({200, ids_reply(2), 1500ms});
    auto client = client_for(lrs.endpoint(), 3, 300ms);
    auto r = client.post_statements(kBatch, 2);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(client.retries_used(), 1);
}

TEST(LrsClient, GivesUpAfterItsRetriesWithTheLastReason) {
    MockLrs lrs({502, R"({"message":"bad gateway"})", {}});
    auto client = client_for(lrs.endpoint(), 2);
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::io);
    EXPECT_NE(r.error().message.find("3 tries"), std::string::npos);
    EXPECT_NE(r.error().message.find("bad gateway"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 3u);
}

TEST(LrsClient, StopsAtABadRequestWithTheLrsOwnMessageAndNoRetry) {
    MockLrs lrs({400, R"({"message":"Expected actor to be an object"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
    EXPECT_NE(r.error().message.find("Expected actor to be an object"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, ReportsAConflictWithTheLrsMessage) {
    MockLrs lrs({409, R"({"message":"b is conflicting"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("409"), std::string::npos);
    EXPECT_NE(r.error().message.find("b is conflicting"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, ReportsAWrongPasswordClearly) {
    MockLrs lrs({401, R"({"message":"Unauthorised"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::untrusted);
    EXPECT_NE(r.error().message.find("user name or password"), std::string::npos);
}

TEST(LrsClient, RefusesAReplyThatAcknowledgesFewerStatementsThanSent) {
    MockLrs lrs({200, ids_reply(1), {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("acknowledged 1 of 2"), std::string::npos);
}

TEST(LrsClient, ReportsAnUnreachableLrsAfterItsRetries) {
    int port = 0;
    {
        MockLrs closed;  // a port that was free a moment ago and now has no listener
        port = std::stoi(closed.endpoint().substr(17));
    }
    auto client = client_for("http://127.0.0.1:" + std::to_string(port) + "/xAPI", 1);
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::io);
    EXPECT_NE(r.error().message.find("check that it is running"), std::string::npos);
}

TEST(LrsClient, ReportsATlsFailureWithoutRetrying) {
    MockLrs lrs;  // speaks plain HTTP, so a TLS handshake with it fails
    auto endpoint = lrs.endpoint();
    endpoint.replace(0, 4, "https");
    auto client = client_for(endpoint, 3);
    auto r = client.post_statements(kBatch, 2);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("secure (TLS) connection"), std::string::npos);
    EXPECT_EQ(client.retries_used(), 0);
}

TEST(LrsClient, RefusesAnAddressThatIsNotHttp) {
    LrsOptions o;
    o.endpoint = "ftp://lrs.example/xAPI";
    auto c = LrsClient::create(o);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::usage);
}

TEST(LrsClient, FollowsMoreLinksWhenReadingStatementsBack) {
    MockLrs lrs;
    lrs.script({200, R"({"statements":[{"id":"a"}],"more":"/xAPI/statements?page=2"})", {}});
    lrs.script({200, R"({"statements":[{"id":"b"}],"more":""})", {}});
    auto client = client_for(lrs.endpoint());
    auto all = client.fetch_all_statements();
    ASSERT_TRUE(all) << all.error().describe();
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[1], R"({"id":"b"})");
    EXPECT_EQ(lrs.requests()[1].target, "/xAPI/statements?page=2");
}

}  // namespace
}  // namespace waymark::xapi::testing
