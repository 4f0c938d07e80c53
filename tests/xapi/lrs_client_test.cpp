// The LRS client against a scripted server: headers, acknowledgements, retries and the
// failures a manager must tell apart.
#include "waymark/xapi/lrs_client.hpp"
#include "mock_lrs.hpp"
#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

using namespace std::chrono_literals;

const std::string kBatch = R"([{"id":"a"},{"id":"b"}])";
const std::vector<std::string> kIds = {"a", "b"};
const std::string kAcknowledged = R"(["a","b"])";

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
    MockLrs lrs({200, kAcknowledged, {}});
    auto client = client_for(lrs.endpoint());
    ASSERT_TRUE(client.post_statements(kBatch, kIds));
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
    MockLrs lrs({200, kAcknowledged, {}});
    lrs.script({503, R"({"message":"busy"})", {}});
    lrs.script({500, "", {}});
    auto client = client_for(lrs.endpoint());
    ASSERT_TRUE(client.post_statements(kBatch, kIds));
    EXPECT_EQ(lrs.requests().size(), 3u);
    EXPECT_EQ(client.retries_used(), 2);
}

TEST(LrsClient, RetriesARequestThatTimesOut) {
    MockLrs lrs({200, kAcknowledged, {}});
    lrs.script({200, kAcknowledged, 1500ms});
    auto client = client_for(lrs.endpoint(), 3, 300ms);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(client.retries_used(), 1);
}

TEST(LrsClient, GivesUpAfterItsRetriesWithTheLastReason) {
    MockLrs lrs({502, R"({"message":"bad gateway"})", {}});
    auto client = client_for(lrs.endpoint(), 2);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::io);
    EXPECT_NE(r.error().message.find("3 tries"), std::string::npos);
    EXPECT_NE(r.error().message.find("bad gateway"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 3u);
}

TEST(LrsClient, StopsAtABadRequestWithTheLrsOwnMessageAndNoRetry) {
    MockLrs lrs({400, R"({"message":"Expected actor to be an object"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
    EXPECT_NE(r.error().message.find("Expected actor to be an object"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, ReportsAConflictWithTheLrsMessage) {
    MockLrs lrs({409, R"({"message":"b is conflicting"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("409"), std::string::npos);
    EXPECT_NE(r.error().message.find("b is conflicting"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, ReportsAWrongPasswordClearly) {
    MockLrs lrs({401, R"({"message":"Unauthorised"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::untrusted);
    EXPECT_NE(r.error().message.find("user name or password"), std::string::npos);
}

TEST(LrsClient, RefusesAReplyThatAcknowledgesFewerStatementsThanSent) {
    MockLrs lrs({200, R"(["a"])", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("lists 1 id for the 2 statements sent"), std::string::npos)
        << r.error().message;
}

TEST(LrsClient, TakesTheIdsSentInTheOrderSentAsAnAcknowledgement) {
    MockLrs lrs({200, R"(["A", "B"])", {}});  // UUIDs compare without regard to case
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    EXPECT_TRUE(r) << r.error().describe();
}

TEST(LrsClient, RefusesA200WhoseReplyIsNotAListOfIds) {
    MockLrs lrs({200, "<html><body>Welcome to nginx!</body></html>", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("not the list of statement ids"), std::string::npos);
    EXPECT_NE(r.error().message.find("Welcome to nginx!"), std::string::npos);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, RefusesA200ThatListsOtherIdsAsManyAsSent) {
    MockLrs lrs({200, R"(["x","y"])", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("sent with id a, but the LRS's reply lists \"x\""),
              std::string::npos)
        << r.error().message;
}

TEST(LrsClient, RefusesA200ThatListsTheIdsInAnotherOrder) {
    MockLrs lrs({200, R"(["b","a"])", {}});
    auto client = client_for(lrs.endpoint());
    EXPECT_FALSE(client.post_statements(kBatch, kIds));
}

TEST(LrsClient, RefusesA200ThatListsSomethingOtherThanTextForAnId) {
    MockLrs lrs({200, R"(["a",2])", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("lists a number in its place"), std::string::npos)
        << r.error().message;
}

TEST(LrsClient, QuotesAnUnexpectedReplyWithItsControlCharactersEscaped) {
    MockLrs lrs({200, "[\"\x1b[2J\x1b]0;pwned\x07\"]", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find('\x1b'), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("\\x1b[2J"), std::string::npos) << r.error().message;
}

TEST(LrsClient, QuotesAnErrorBodyWithItsControlCharactersEscaped) {
    MockLrs lrs({400,
                 "bad \x1b[2J\x1b[Hrequest \xc2\x9b"
                 "31m",
                 {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find('\x1b'), std::string::npos);
    EXPECT_EQ(r.error().message.find("\xc2\x9b"), std::string::npos);
    EXPECT_NE(r.error().message.find("bad \\x1b[2J\\x1b[Hrequest \\u009b31m"), std::string::npos)
        << r.error().message;
}

TEST(LrsClient, QuotesAJsonErrorMessageWithItsControlCharactersEscaped) {
    MockLrs lrs({400, R"({"message":"\u001b[2Jinvalid"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("\\x1b[2Jinvalid"), std::string::npos) << r.error().message;
}

TEST(LrsClient, QuotesOnlyTheStartOfALongErrorBody) {
    MockLrs lrs({400, std::string(100000, 'e'), {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_LT(r.error().message.size(), 1000u);
    EXPECT_NE(r.error().message.find("bytes in all"), std::string::npos);
}

TEST(LrsClient, CutsOffAnEndlessReplyAndDoesNotRetryIt) {
    ScriptedReply endless{200, "", {}};
    endless.stream_bytes = std::size_t(64) << 20;
    MockLrs lrs(endless);
    auto client = client_for(lrs.endpoint(), 3);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::limit);
    EXPECT_NE(
        r.error().message.find("sent more than 1 MiB (1048576 bytes) in reply to a batch of 2 "
                               "statements"),
        std::string::npos)
        << r.error().message;
    EXPECT_EQ(lrs.requests().size(), 1u);
    EXPECT_EQ(client.retries_used(), 0);
}

TEST(LrsClient, CutsOffAnEndlessServerErrorInsteadOfRetryingIt) {
    ScriptedReply endless{503, "", {}};
    endless.stream_bytes = std::size_t(64) << 20;
    MockLrs lrs(endless);
    auto client = client_for(lrs.endpoint(), 3);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::limit);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, CutsOffEndlessHeaders) {
    ScriptedReply endless{200, "", {}};
    endless.stream_bytes = std::size_t(64) << 20;
    endless.stream_as_headers = true;
    MockLrs lrs(endless);
    auto client = client_for(lrs.endpoint(), 3);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::limit);
    EXPECT_NE(r.error().message.find("sent more than 64 KiB (65536 bytes) of headers"),
              std::string::npos)
        << r.error().message;
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST(LrsClient, RefusesAReplyThatSaysItIsLongerThanTheLimit) {
    MockLrs lrs({200, "[" + std::string(2 << 20, ' ') + "\"a\",\"b\"]", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::limit);
}

TEST(LrsClient, ReadsAReplyUpToTheLimit) {
    MockLrs lrs({200, "[" + std::string(kMaxReplyBytes - 10, ' ') + R"("a","b"])", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.post_statements(kBatch, kIds);
    EXPECT_TRUE(r) << r.error().describe();
}

TEST(LrsClient, ReportsAnUnreachableLrsAfterItsRetries) {
    int port = 0;
    {
        MockLrs closed;  // a port that was free a moment ago and now has no listener
        port = std::stoi(closed.endpoint().substr(17));
    }
    auto client = client_for("http://127.0.0.1:" + std::to_string(port) + "/xAPI", 1);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::io);
    EXPECT_NE(r.error().message.find("check that it is running"), std::string::npos);
}

TEST(LrsClient, ReportsATlsFailureWithoutRetrying) {
    MockLrs lrs;  // speaks plain HTTP, so a TLS handshake with it fails
    auto endpoint = lrs.endpoint();
    endpoint.replace(0, 4, "https");
    auto client = client_for(endpoint, 3);
    auto r = client.post_statements(kBatch, kIds);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("secure (TLS) connection"), std::string::npos);
    EXPECT_EQ(client.retries_used(), 0);
}

TEST(LrsClient, RefusesAnAddressWithAPasswordWithoutRepeatingThePassword) {
    LrsOptions o;
    o.endpoint = "https://key-1:s3cret@lrs.example/xAPI";
    auto c = LrsClient::create(o);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::usage);
    EXPECT_EQ(c.error().message.find("s3cret"), std::string::npos) << c.error().message;
    EXPECT_NE(c.error().message.find("\"https://lrs.example/xAPI\""), std::string::npos);
    EXPECT_NE(c.error().message.find("--password-file"), std::string::npos);
}

TEST(LrsClient, StoresAnActivityProfileThatIsNotThereWithIfNoneMatch) {
    MockLrs lrs;
    auto client = client_for(lrs.endpoint());
    auto r = client.put_activity_profile("urn:waymark:device:d1", "urn:waymark:checkpoint",
                                         R"({"seq":1})");
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(lrs.document("urn:waymark:device:d1", "urn:waymark:checkpoint"), R"({"seq":1})");
    const auto puts = lrs.requests_to("/activities/profile");
    ASSERT_EQ(puts.size(), 2u);  // GET, then PUT
    EXPECT_EQ(puts[1].method, "PUT");
    EXPECT_TRUE(puts[1].has_header("If-None-Match: *"));
    EXPECT_TRUE(puts[1].has_header("Content-Type: application/json"));
    EXPECT_TRUE(puts[1].has_header("X-Experience-API-Version: 1.0.3"));
}

TEST(LrsClient, ReplacesAnActivityProfileWithIfMatchItsEtag) {
    MockLrs lrs;
    lrs.hold_document("urn:a", "urn:p", R"({"seq":1})");
    auto client = client_for(lrs.endpoint());
    std::string seen;
    auto r = client.put_activity_profile("urn:a", "urn:p", R"({"seq":2})",
                                         [&](const LrsReply& existing) -> Result<bool> {
                                             seen = existing.body;
                                             return true;
                                         });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(seen, R"({"seq":1})");
    EXPECT_EQ(lrs.document("urn:a", "urn:p"), R"({"seq":2})");
    EXPECT_TRUE(lrs.requests_to("/activities/profile")[1].has_header("If-Match: \"v1\""));
}

TEST(LrsClient, LeavesAnActivityProfileAloneWhenItsCheckRefusesIt) {
    MockLrs lrs;
    lrs.hold_document("urn:a", "urn:p", R"({"seq":9})");
    auto client = client_for(lrs.endpoint());
    auto r = client.put_activity_profile(
        "urn:a", "urn:p", R"({"seq":2})", [](const LrsReply&) -> Result<bool> {
            return make_error(ErrorCode::verification, "later than ours");
        });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "later than ours");
    EXPECT_EQ(lrs.document("urn:a", "urn:p"), R"({"seq":9})");
    EXPECT_EQ(lrs.requests_to("/activities/profile").size(), 1u);
}

TEST(LrsClient, KeepsAnActivityProfileItsCheckSaysNeedNotBeReplaced) {
    MockLrs lrs;
    lrs.hold_document("urn:a", "urn:p", R"({"seq":2})");
    auto client = client_for(lrs.endpoint());
    auto r = client.put_activity_profile("urn:a", "urn:p", R"({"seq":2})",
                                         [](const LrsReply&) -> Result<bool> { return false; });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(lrs.requests_to("/activities/profile").size(), 1u);  // the GET only
}

TEST(LrsClient, ReadsAnActivityProfileAgainWhenItChangedBeforeThePut) {
    MockLrs lrs;
    lrs.script_documents({404, "", {}});
    lrs.script_documents({412, R"({"message":"exists"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.put_activity_profile("urn:a", "urn:p", R"({"seq":2})");
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(lrs.document("urn:a", "urn:p"), R"({"seq":2})");
}

TEST(LrsClient, SaysWhichPermissionIsMissingWhenAnActivityProfileIsForbidden) {
    MockLrs lrs;
    lrs.script_documents({404, "", {}});
    lrs.script_documents({403, R"({"message":"Forbidden"})", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.put_activity_profile("urn:a", "urn:p", "{}");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::untrusted);
    EXPECT_NE(r.error().message.find("write activity profiles"), std::string::npos)
        << r.error().message;
}

TEST(LrsClient, SaysWhenTheLrsHasNoActivityProfileResource) {
    MockLrs lrs;
    lrs.script_documents({404, "", {}});
    lrs.script_documents({404, "Cannot PUT /xAPI/activities/profile", {}});
    auto client = client_for(lrs.endpoint());
    auto r = client.put_activity_profile("urn:a", "urn:p", "{}");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("does not seem to offer xAPI's Activity Profile resource"),
              std::string::npos)
        << r.error().message;
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
