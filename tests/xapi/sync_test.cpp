// Sync against a scripted server: batches, the acknowledged position kept in the ledger,
// and nothing marked as synced that the LRS did not acknowledge.
#include "waymark/xapi/sync.hpp"
#include "mock_lrs.hpp"
#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

using namespace std::chrono_literals;

class Sync : public XapiTest {
  protected:
    LrsClient client(const std::string& endpoint) {
        LrsOptions o;
        o.endpoint = endpoint;
        o.retries = 1;
        o.first_backoff = 5ms;
        auto c = LrsClient::create(o);
        EXPECT_TRUE(c);
        return std::move(*c);
    }
    Result<SyncReport> run(LrsClient& c, std::size_t batch) {
        auto mapper = make_mapper(*ledger_, std::vector<course::Course>{sample_course()});
        EXPECT_TRUE(mapper);
        SyncOptions o;
        o.batch_size = batch;
        return sync(*ledger_, *mapper, c, o);
    }
    std::size_t statements_in(const std::string& body) {
        rapidjson::Document d;
        d.Parse(body.c_str());
        return d.IsArray() ? d.Size() : 0;
    }
};

TEST_F(Sync, PostsEveryStatementInBatchesOfTheGivenSize) {
    record_attempt();
    ASSERT_EQ(statements().size(), 12u);
    MockLrs lrs;
    for (std::size_t n : {5, 5, 2})
        lrs.script({200, ids_reply(n), {}});
    auto c = client(lrs.endpoint());
    auto report = run(c, 5);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->statements_sent, 12);
    EXPECT_EQ(report->batches, 3);
    const auto requests = lrs.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(statements_in(requests[0].body), 5u);
    EXPECT_EQ(statements_in(requests[2].body), 2u);
}

TEST_F(Sync, RemembersTheAcknowledgedPositionInTheLedger) {
    record_attempt();
    MockLrs lrs({200, ids_reply(statements().size()), {}});
    auto c = client(lrs.endpoint());
    auto report = run(c, 20);
    ASSERT_TRUE(report);
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, statements().back().position);
}

TEST_F(Sync, MarksNothingAsSyncedThatTheLrsRefused) {
    record_attempt();
    MockLrs lrs({400, R"({"message":"no"})", {}});
    lrs.script({200, ids_reply(5), {}});
    auto c = client(lrs.endpoint());
    auto report = run(c, 5);
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message.find("sent 5 statements before this batch"),
              std::string::npos);
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, statements()[4].position);
}

TEST_F(Sync, ResumesAfterTheLastAcknowledgedBatchWithoutResending) {
    record_attempt();
    const auto all = statements();
    {
        MockLrs failing({503, "", {}});
        failing.script({200, ids_reply(5), {}});
        auto c = client(failing.endpoint());
        ASSERT_FALSE(run(c, 5));
        // Recorded under that server's address; move it to the next one's, as if the
        // same LRS had come back.
        auto at = acknowledged_position(*ledger_, failing.endpoint());
        ASSERT_TRUE(at);
        ASSERT_EQ(*at, all[4].position);
    }
    MockLrs lrs({200, ids_reply(all.size() - 5), {}});
    ASSERT_TRUE(ledger_->record_setting(
        "", {acknowledged_setting(lrs.endpoint()), std::to_string(all[4].position)}));
    auto c = client(lrs.endpoint());
    auto report = run(c, 50);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->statements_sent, std::int64_t(all.size() - 5));
    rapidjson::Document d;
    d.Parse(lrs.requests()[0].body.c_str());
    EXPECT_EQ(std::string(d[0]["id"].GetString()), all[5].id);
}

TEST_F(Sync, SendsNothingWhenEverythingWasAcknowledged) {
    record_attempt();
    MockLrs lrs({200, ids_reply(statements().size()), {}});
    auto c = client(lrs.endpoint());
    ASSERT_TRUE(run(c, 200));
    auto again = run(c, 200);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->statements_sent, 0);
    EXPECT_EQ(lrs.requests().size(), 1u);
}

TEST_F(Sync, StopsAtAConflictAndKeepsTheConflictingBatchUnsynced) {
    record_attempt();
    MockLrs lrs({409, R"({"message":"x is conflicting"})", {}});
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::verification);
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, 0);
}

}  // namespace
}  // namespace waymark::xapi::testing
