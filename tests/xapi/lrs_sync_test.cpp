// Sync against Learning Locker's own statement service (xapi-statements, in-memory
// storage) on 127.0.0.1: every statement arrives unchanged, and a sync interrupted by
// the LRS being killed resumes with nothing lost and nothing sent twice.
#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>
#include <set>

#include "peer_fixture.hpp"
#include "waymark/xapi/sync.hpp"

namespace waymark::xapi::testing {
namespace {

using namespace std::chrono_literals;

class LrsSync : public PeerTest {
  protected:
    static LrsClient client_for(const std::string& endpoint) {
        LrsOptions o;
        o.endpoint = endpoint;
        o.user = "waymark";
        o.password = "test";
        o.retries = 2;
        o.first_backoff = 50ms;
        o.timeout = 20s;
        auto c = LrsClient::create(o);
        EXPECT_TRUE(c) << c.error().describe();
        return std::move(*c);
    }
};

TEST_F(LrsSync, StoresEveryStatementUnchangedAndReadsItBack) {
    LrsProcess lrs(dir_ / "lrs");
    ASSERT_TRUE(lrs.wait_ready()) << lrs.log();
    auto l = ledger::Ledger::open(generate(15));
    ASSERT_TRUE(l);
    auto mapper = make_mapper(*l, std::vector<course::Course>{});
    ASSERT_TRUE(mapper);
    auto client = client_for(lrs.endpoint());
    auto report = sync(*l, *mapper, client);
    ASSERT_TRUE(report) << report.error().describe() << "\n" << lrs.log();

    const auto sent = statements_of(*l);
    EXPECT_EQ(report->statements_sent, std::int64_t(sent.size()));
    auto stored = client.fetch_all_statements();
    ASSERT_TRUE(stored) << stored.error().describe();
    ASSERT_EQ(stored->size(), sent.size());
    std::map<std::string, rapidjson::Document> by_id;
    for (const auto& text : *stored) {
        rapidjson::Document d;
        d.Parse(text.c_str());
        by_id[d["id"].GetString()] = std::move(d);
    }
    ASSERT_EQ(by_id.size(), sent.size()) << "the LRS holds a statement twice";
    for (const auto& s : sent) {
        rapidjson::Document mine;
        mine.Parse(s.json.c_str());
        ASSERT_TRUE(by_id.count(s.id)) << "missing " << s.id;
        std::string why;
        EXPECT_TRUE(contains(mine, by_id[s.id], "statement", why)) << s.id << ": " << why;
    }
}

TEST_F(LrsSync, ResumesAfterTheLrsIsKilledMidSyncWithNothingLostOrSentTwice) {
    auto l = ledger::Ledger::open(generate(15));
    ASSERT_TRUE(l);
    const auto all = statements_of(*l);
    ASSERT_GT(all.size(), 500u);

    auto first = std::make_unique<LrsProcess>(dir_ / "lrs-1");
    ASSERT_TRUE(first->wait_ready()) << first->log();
    const int port = first->port();
    const std::string endpoint = first->endpoint();
    {
        auto mapper = make_mapper(*l, std::vector<course::Course>{});
        ASSERT_TRUE(mapper);
        auto client = client_for(endpoint);
        SyncOptions options;
        options.batch_size = 100;
        // Killed the moment the third batch is acknowledged: the fourth finds no LRS.
        options.on_progress = [&](const SyncProgress& p) {
            if (p.statements_sent == 300)
                first->kill();
        };
        auto report = sync(*l, *mapper, client, options);
        ASSERT_FALSE(report) << "sync went on after the LRS was killed";
        EXPECT_EQ(report.error().code, ErrorCode::io);
        EXPECT_NE(report.error().message.find("sent 300 statements"), std::string::npos)
            << report.error().message;
    }
    auto acknowledged = acknowledged_position(*l, endpoint);
    ASSERT_TRUE(acknowledged);
    EXPECT_EQ(*acknowledged, all[299].position);

    // The same LRS address comes back. In-memory storage means it starts empty, so what
    // it holds afterwards is exactly what the second sync sent.
    LrsProcess second(dir_ / "lrs-2", port);
    ASSERT_TRUE(second.wait_ready()) << second.log();
    auto mapper = make_mapper(*l, std::vector<course::Course>{});
    ASSERT_TRUE(mapper);
    auto client = client_for(endpoint);
    auto report = sync(*l, *mapper, client);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->resumed_from, all[299].position);
    EXPECT_EQ(report->statements_sent, std::int64_t(all.size() - 300));

    auto stored = client.fetch_all_statements();
    ASSERT_TRUE(stored) << stored.error().describe();
    std::multiset<std::string> ids;
    for (const auto& text : *stored) {
        rapidjson::Document d;
        d.Parse(text.c_str());
        ids.insert(d["id"].GetString());
    }
    std::multiset<std::string> expected;
    for (std::size_t i = 300; i < all.size(); ++i)
        expected.insert(all[i].id);
    EXPECT_TRUE(ids == expected) << "the LRS holds " << ids.size() << " statements, expected "
                                 << expected.size();
}

TEST_F(LrsSync, KeepsOneCopyWhenABatchIsSentAgain) {
    // After a crash between the LRS storing a batch and the ledger recording it, the
    // next sync sends that batch again: the LRS must not store it twice.
    LrsProcess lrs(dir_ / "lrs");
    ASSERT_TRUE(lrs.wait_ready()) << lrs.log();
    auto l = ledger::Ledger::open(generate(3));
    ASSERT_TRUE(l);
    auto client = client_for(lrs.endpoint());
    {
        auto mapper = make_mapper(*l, std::vector<course::Course>{});
        ASSERT_TRUE(sync(*l, *mapper, client));
    }
    ASSERT_TRUE(l->record_setting("", {acknowledged_setting(lrs.endpoint()), "0"}));
    auto mapper = make_mapper(*l, std::vector<course::Course>{});
    auto again = sync(*l, *mapper, client);
    ASSERT_TRUE(again) << again.error().describe();
    const auto sent = statements_of(*l);
    EXPECT_EQ(again->statements_sent, std::int64_t(sent.size()));
    auto stored = client.fetch_all_statements();
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->size(), sent.size());
}

TEST_F(LrsSync, RunsFromTheCommandLineWithAPrivateCredentialsFile) {
    LrsProcess lrs(dir_ / "lrs");
    ASSERT_TRUE(lrs.wait_ready()) << lrs.log();
    const auto ledger_file = generate(3);
    const auto credentials = dir_ / "lrs.json";
    std::ofstream(credentials) << R"({"user": "waymark", "password": "test"})";
    ::chmod(credentials.c_str(), 0600);
    const std::string command = std::string(WAYMARK_CLI) + " sync --lrs " + lrs.endpoint() +
                                " --ledger '" + ledger_file.string() + "' --credentials '" +
                                credentials.string() + "' > '" + (dir_ / "out.txt").string() +
                                "' 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream out(dir_ / "out.txt");
    std::string text((std::istreambuf_iterator<char>(out)), {});
    EXPECT_NE(text.find("acknowledged up to ledger position"), std::string::npos) << text;
    // Learning Locker's statement service is only the statements resource, so it cannot
    // keep the ledger's checkpoint: sync says so and exits 1, the statements sent.
    ASSERT_TRUE(WIFEXITED(status));
    if (WEXITSTATUS(status) != 0) {
        EXPECT_EQ(WEXITSTATUS(status), 1);
        EXPECT_NE(text.find("does not hold this ledger's latest checkpoint"), std::string::npos)
            << text;
    }
}

TEST_F(LrsSync, RefusesACredentialsFileOthersCanReadFromTheCommandLine) {
    const auto ledger_file = generate(1);
    const auto credentials = dir_ / "lrs.json";
    std::ofstream(credentials) << R"({"user": "waymark", "password": "test"})";
    ::chmod(credentials.c_str(), 0644);
    const std::string command =
        std::string(WAYMARK_CLI) + " sync --lrs http://127.0.0.1:9/xAPI --ledger '" +
        ledger_file.string() + "' --credentials '" + credentials.string() + "' > /dev/null 2>&1";
    const int status = std::system(command.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0);
    auto l = ledger::Ledger::open(ledger_file);
    ASSERT_TRUE(l);
    auto position = acknowledged_position(*l, "http://127.0.0.1:9/xAPI");
    ASSERT_TRUE(position);
    EXPECT_EQ(*position, 0);
}

}  // namespace
}  // namespace waymark::xapi::testing
