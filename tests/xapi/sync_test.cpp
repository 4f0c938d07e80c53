// Sync against a scripted server: batches, the acknowledged position kept in the ledger,
// and nothing marked as synced that the LRS did not acknowledge.
#include "waymark/xapi/sync.hpp"
#include "mock_lrs.hpp"
#include "waymark/ledger/witness.hpp"
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
    // The checkpoint the LRS holds for this ledger's device, read back.
    std::optional<ledger::Checkpoint> witnessed(const MockLrs& lrs) {
        auto text =
            lrs.document(checkpoint_activity_id(ledger_->device_id()), kCheckpointProfileId);
        if (!text)
            return std::nullopt;
        auto c = ledger::read_witness_json(*text);
        EXPECT_TRUE(c) << c.error().describe() << "\n" << *text;
        return c ? std::optional(*c) : std::nullopt;
    }
    std::int64_t setting_position(const std::string& key) {
        auto settings = ledger_->settings("");
        EXPECT_TRUE(settings);
        for (const auto& [k, v] : *settings)
            if (k == key)
                return std::stoll(v);
        return -1;
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
    for (int i = 0; i < 3; ++i)
        lrs.script(acknowledge());
    auto c = client(lrs.endpoint());
    auto report = run(c, 5);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->statements_sent, 12);
    EXPECT_EQ(report->batches, 3);
    const auto requests = lrs.requests_to("/statements");
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(statements_in(requests[0].body), 5u);
    EXPECT_EQ(statements_in(requests[2].body), 2u);
}

TEST_F(Sync, RemembersTheAcknowledgedPositionInTheLedger) {
    record_attempt();
    MockLrs lrs;
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
    lrs.script(acknowledge());
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
        failing.script(acknowledge());
        auto c = client(failing.endpoint());
        ASSERT_FALSE(run(c, 5));
        // Recorded under that server's address; move it to the next one's, as if the
        // same LRS had come back.
        auto at = acknowledged_position(*ledger_, failing.endpoint());
        ASSERT_TRUE(at);
        ASSERT_EQ(*at, all[4].position);
    }
    MockLrs lrs;
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
    MockLrs lrs;
    auto c = client(lrs.endpoint());
    ASSERT_TRUE(run(c, 200));
    auto again = run(c, 200);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->statements_sent, 0);
    EXPECT_EQ(lrs.requests_to("/statements").size(), 1u);
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

TEST_F(Sync, StopsWhenA200ListsIdsThatAreNotTheStatementsSent) {
    record_attempt();
    MockLrs lrs({200, ids_reply(statements().size()), {}});  // as many ids, made up
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::verification);
    EXPECT_NE(report.error().message.find("did not acknowledge them"), std::string::npos)
        << report.error().message;
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, 0);
}

TEST_F(Sync, ResumesWhenTheSameLrsIsGivenWithAnotherSpellingOfItsAddress) {
    record_attempt();
    MockLrs lrs;
    auto first = client(lrs.endpoint());  // http://127.0.0.1:PORT/xAPI
    ASSERT_TRUE(run(first, 200));
    std::string other = lrs.endpoint();
    other.replace(0, std::string("http://127.0.0.1").size(), "HTTP://LocalHost");
    auto second = client(other + "/");
    auto again = run(second, 200);
    ASSERT_TRUE(again) << again.error().describe();
    EXPECT_EQ(again->statements_sent, 0);
    EXPECT_EQ(lrs.requests_to("/statements").size(), 1u);
}

TEST_F(Sync, RecordsThePositionUnderTheNormalisedAddress) {
    record_attempt();
    MockLrs lrs;
    auto c = client(lrs.endpoint() + "/");
    ASSERT_TRUE(run(c, 200));
    const std::string port = lrs.endpoint().substr(17, lrs.endpoint().find('/', 17) - 17);
    EXPECT_EQ(acknowledged_setting(lrs.endpoint() + "/"),
              "xapi.acknowledged http://localhost:" + port + "/xAPI");
    EXPECT_EQ(setting_position(acknowledged_setting(lrs.endpoint())), statements().back().position);
}

TEST_F(Sync, ResumesFromAPositionRecordedUnderTheAddressAsTypedBeforeNormalising) {
    record_attempt();
    const auto all = statements();
    MockLrs lrs;
    // What an older Waymark recorded: the address as typed, password and all.
    std::string typed = lrs.endpoint();
    typed.insert(7, "key:s3cret@");
    ASSERT_TRUE(ledger_->record_setting(
        "", {"xapi.acknowledged " + typed, std::to_string(all[4].position)}));
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->resumed_from, all[4].position);
    EXPECT_EQ(report->statements_sent, std::int64_t(all.size() - 5));
}

TEST_F(Sync, ResumesFromTheHighestPositionAmongOldSpellingsOfTheAddress) {
    record_attempt();
    const auto all = statements();
    MockLrs lrs;
    std::string localhost = lrs.endpoint();
    localhost.replace(7, 9, "localhost");
    ASSERT_TRUE(ledger_->record_setting(
        "", {"xapi.acknowledged " + lrs.endpoint(), std::to_string(all[2].position)}));
    ASSERT_TRUE(ledger_->record_setting(
        "", {"xapi.acknowledged " + localhost, std::to_string(all[6].position)}));
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, all[6].position);
}

TEST_F(Sync, LetsTheNormalisedRecordOverrideOldSpellingsSoZeroSendsEverythingAgain) {
    record_attempt();
    const auto all = statements();
    MockLrs lrs;
    ASSERT_TRUE(ledger_->record_setting(
        "", {"xapi.acknowledged " + lrs.endpoint(), std::to_string(all[6].position)}));
    ASSERT_TRUE(ledger_->record_setting("", {acknowledged_setting(lrs.endpoint()), "0"}));
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, 0);
}

TEST_F(Sync, GivesTheLrsTheLedgersSignedCheckpointAfterSendingStatements) {
    record_attempt();
    MockLrs lrs;
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_TRUE(report) << report.error().describe();
    ASSERT_FALSE(report->checkpoint_error) << report->checkpoint_error->describe();
    auto held = witnessed(lrs);
    ASSERT_TRUE(held) << "the LRS holds no checkpoint";
    EXPECT_EQ(held->device_id, ledger_->device_id());
    EXPECT_EQ(held->public_key, ledger_->device_public_key());
    // It covers the acknowledged positions just recorded: the latest checkpoint.
    auto latest = ledger_->latest_checkpoint();
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ(held->seq, (*latest)->seq);
    EXPECT_EQ(held->signature, (*latest)->signature);
    // The ledger's own check of a witness: signed by this device's key, for an event the
    // chain still holds with that hash. Its problems name the witness by its source.
    const auto witness_problems = [&](const ledger::Checkpoint& c) {
        ledger::VerifyOptions options;
        options.projections = false;
        options.witnesses = {{c, "the-mock-LRS"}};
        auto verified = ledger_->verify(options);
        EXPECT_TRUE(verified) << verified.error().describe();
        std::vector<std::string> found;
        for (const auto& p : verified ? verified->problems : std::vector<std::string>{})
            if (p.find("the-mock-LRS") != std::string::npos)
                found.push_back(p);
        return found;
    };
    EXPECT_EQ(witness_problems(*held), std::vector<std::string>{});
    // ... which would catch a checkpoint that is not the device's.
    held->signature[0] ^= 1;
    EXPECT_EQ(witness_problems(*held).size(), 1u);
}

TEST_F(Sync, PutsTheCheckpointAtTheDevicesActivityAndTheCheckpointProfile) {
    record_attempt();
    MockLrs lrs;
    auto c = client(lrs.endpoint());
    ASSERT_TRUE(run(c, 200));
    const auto puts = lrs.requests_to("/activities/profile");
    ASSERT_FALSE(puts.empty());
    EXPECT_EQ(puts.back().method, "PUT");
    EXPECT_EQ(puts.back().query("activityId"), "urn:waymark:device:" + ledger_->device_id());
    EXPECT_EQ(puts.back().query("profileId"), "urn:waymark:checkpoint");
}

TEST_F(Sync, DoesNotSendTheCheckpointAgainWhenTheLrsHoldsItAlready) {
    record_attempt();
    MockLrs lrs;
    auto c = client(lrs.endpoint());
    ASSERT_TRUE(run(c, 200));
    const auto puts_before = lrs.requests_to("/activities/profile").size();
    auto again = run(c, 200);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->checkpoint_error);
    EXPECT_TRUE(again->checkpoint);
    const auto requests = lrs.requests_to("/activities/profile");
    ASSERT_EQ(requests.size(), puts_before + 1);  // one GET, no PUT
    EXPECT_EQ(requests.back().method, "GET");
}

TEST_F(Sync, ReportsACheckpointTheLrsRefusedWithoutFailingTheStatementsSent) {
    record_attempt();
    MockLrs lrs;
    lrs.script_documents({404, "", {}});
    lrs.script_documents({403, R"({"message":"no profile scope"})", {}});
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->statements_sent, std::int64_t(statements().size()));
    ASSERT_TRUE(report->checkpoint_error);
    EXPECT_EQ(report->checkpoint_error->code, ErrorCode::untrusted);
    EXPECT_NE(report->checkpoint_error->message.find("no profile scope"), std::string::npos);
    auto position = acknowledged_position(*ledger_, lrs.endpoint());
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, statements().back().position);
}

TEST_F(Sync, SendsTheCheckpointOnTheNextSyncAfterTheLrsFailedToStoreIt) {
    record_attempt();
    MockLrs lrs;
    lrs.script_documents({404, "", {}});
    lrs.script_documents({400, R"({"message":"profiles are off"})", {}});
    auto c = client(lrs.endpoint());
    auto first = run(c, 200);
    ASSERT_TRUE(first && first->checkpoint_error);
    auto second = run(c, 200);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->statements_sent, 0);
    EXPECT_FALSE(second->checkpoint_error) << second->checkpoint_error->describe();
    EXPECT_TRUE(witnessed(lrs));
}

TEST_F(Sync, LeavesALaterCheckpointOfThisDeviceOnTheLrsAndSaysTheLedgerWasRolledBack) {
    record_attempt();
    auto latest = ledger_->latest_checkpoint();
    ASSERT_TRUE(latest && *latest);
    ledger::Checkpoint later = **latest;
    later.seq += 100;  // as if the LRS had seen this ledger when it held 100 more events
    MockLrs lrs;
    const std::string activity = checkpoint_activity_id(ledger_->device_id());
    lrs.hold_document(activity, kCheckpointProfileId, ledger::witness_json(later));
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_TRUE(report) << report.error().describe();
    ASSERT_TRUE(report->checkpoint_error);
    EXPECT_EQ(report->checkpoint_error->code, ErrorCode::verification);
    EXPECT_NE(report->checkpoint_error->message.find("rolled back"), std::string::npos)
        << report->checkpoint_error->message;
    EXPECT_EQ(lrs.document(activity, kCheckpointProfileId), ledger::witness_json(later));
}

TEST_F(Sync, LeavesACheckpointOfThisDeviceWithAnotherHashOnTheLrs) {
    record_attempt();
    MockLrs lrs;
    auto c = client(lrs.endpoint());
    ASSERT_TRUE(run(c, 200));
    auto held = witnessed(lrs);
    ASSERT_TRUE(held);
    held->head_hash[0] ^= 1;  // the same event, as another chain had it
    const std::string activity = checkpoint_activity_id(ledger_->device_id());
    lrs.hold_document(activity, kCheckpointProfileId, ledger::witness_json(*held));
    auto again = run(c, 200);
    ASSERT_TRUE(again);
    ASSERT_TRUE(again->checkpoint_error);
    EXPECT_NE(again->checkpoint_error->message.find("rewritten"), std::string::npos)
        << again->checkpoint_error->message;
    EXPECT_EQ(lrs.document(activity, kCheckpointProfileId), ledger::witness_json(*held));
}

TEST_F(Sync, SendsNoCheckpointToAnLrsThatHoldsNothingOfThisLedger) {
    MockLrs lrs;  // the ledger has a learner and no statements
    auto c = client(lrs.endpoint());
    auto report = run(c, 200);
    ASSERT_TRUE(report);
    EXPECT_FALSE(report->checkpoint);
    EXPECT_TRUE(lrs.requests().empty());
}

}  // namespace
}  // namespace waymark::xapi::testing
