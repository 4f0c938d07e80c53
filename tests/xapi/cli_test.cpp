// `waymark sync` run as a manager runs it, against the scripted LRS; and the CLI printing
// what comes from outside the program (LRS replies, learners' details from the ledger)
// with its control characters shown as escapes instead of sent to the terminal.
#include <sqlite3.h>

#include "../cli/run_program.hpp"
#include "mock_lrs.hpp"
#include "waymark/xapi/sync.hpp"
#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

using cli_testing::CommandRun;
using cli_testing::contains;
using cli_testing::quoted;

class Cli : public XapiTest {
  protected:
    CommandRun waymark(const std::string& args) {
        return cli_testing::run_program(
            WAYMARK_CLI, args + " --ledger " + quoted((dir_ / "ledger.db").string()));
    }
    CommandRun sync(const std::string& endpoint, const std::string& more = "") {
        return waymark("sync --lrs " + quoted(endpoint) + " --retries 1 --timeout 10 " + more);
    }
    std::vector<std::string> acknowledged_keys() {
        std::vector<std::string> keys;
        auto settings = ledger_->settings("");
        EXPECT_TRUE(settings);
        for (const auto& [key, value] : *settings)
            if (key.starts_with("xapi.acknowledged"))
                keys.push_back(key + " = " + value);
        return keys;
    }
    // Writes `sql` to the ledger file directly, as a merge of another device's ledger
    // can bring in learners' details that 'waymark learner add' would refuse.
    void edit_ledger(const std::string& sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((dir_ / "ledger.db").c_str(), &db), SQLITE_OK);
        char* problem = nullptr;
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &problem), SQLITE_OK)
            << (problem ? problem : "");
        sqlite3_free(problem);
        sqlite3_close(db);
    }
    // No raw control character (C0 but newline, DEL, or C1 as UTF-8) in `text`.
    static bool free_of_controls(const std::string& text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if ((c < 0x20 && c != '\n') || c == 0x7f)
                return false;
            if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f)
                return false;
        }
        return true;
    }
};

TEST_F(Cli, SyncRefusesAnAddressWithAPasswordBeforeSendingOrRecordingAnything) {
    record_attempt();
    MockLrs lrs;
    std::string with_password = lrs.endpoint();
    with_password.insert(7, "key-1:s3cret-pass@");
    const CommandRun r = sync(with_password);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_FALSE(contains(r.output, "s3cret-pass")) << r.output;
    EXPECT_TRUE(contains(r.output, "\"" + lrs.endpoint() + "\"")) << r.output;
    EXPECT_TRUE(contains(r.output, "--password-file")) << r.output;
    EXPECT_TRUE(lrs.requests().empty());
    EXPECT_EQ(acknowledged_keys(), std::vector<std::string>{});
}

TEST_F(Cli, SyncSendsTheStatementsAndSaysTheLrsHoldsTheCheckpoint) {
    record_attempt();
    MockLrs lrs;
    const CommandRun r = sync(lrs.endpoint());
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "sent 12 statements in 1 batch")) << r.output;
    EXPECT_TRUE(contains(r.output, "the LRS holds this ledger's checkpoint for event")) << r.output;
    EXPECT_TRUE(lrs.document(checkpoint_activity_id(ledger_->device_id()), kCheckpointProfileId));
}

TEST_F(Cli, SyncWarnsAndFailsWhenTheLrsDoesNotStoreTheCheckpoint) {
    record_attempt();
    MockLrs lrs;
    lrs.script_documents({404, "", {}});
    lrs.script_documents({403, R"({"message":"Forbidden"})", {}});
    const CommandRun r = sync(lrs.endpoint());
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "sent 12 statements")) << r.output;
    EXPECT_TRUE(contains(r.output,
                         "waymark: warning: the statements were sent and recorded as "
                         "synced, but the LRS does not hold this ledger's latest "
                         "checkpoint"))
        << r.output;
    EXPECT_TRUE(contains(r.output, "write activity profiles")) << r.output;
}

TEST_F(Cli, SyncShowsAnLrsErrorWithItsControlCharactersEscaped) {
    record_attempt();
    MockLrs lrs({400, "\x1b[2J\x1b[Hinvalid statement\x1b]0;pwned\x07", {}});
    const CommandRun r = sync(lrs.endpoint());
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(free_of_controls(r.output)) << r.output;
    EXPECT_TRUE(contains(r.output, "\\x1b[2J\\x1b[Hinvalid statement\\x1b]0;pwned\\x07"))
        << r.output;
}

TEST_F(Cli, SyncShowsTheReasonForARetryWithItsControlCharactersEscaped) {
    record_attempt();
    MockLrs lrs;
    lrs.script({503, "\x1b[2Jbusy", {}});
    const CommandRun r = sync(lrs.endpoint());
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(free_of_controls(r.output)) << r.output;
    EXPECT_TRUE(contains(r.output, "the LRS answered 503: \\x1b[2Jbusy; retry 1")) << r.output;
}

TEST_F(Cli, SyncStopsAtAnEndlessReplyAndSaysSo) {
    record_attempt();
    ScriptedReply endless{200, "", {}};
    endless.stream_bytes = std::size_t(64) << 20;
    MockLrs lrs(endless);
    const CommandRun r = sync(lrs.endpoint());
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output,
                         "sent more than 1 MiB (1048576 bytes) in reply to a batch of 12 "
                         "statements"))
        << r.output;
    EXPECT_EQ(lrs.requests().size(), 1u);
    EXPECT_EQ(acknowledged_keys(), std::vector<std::string>{});
}

TEST_F(Cli, SyncStopsAtA200ThatDoesNotListTheStatementsSent) {
    record_attempt();
    MockLrs lrs({200, R"(["x"])", {}});
    const CommandRun r = sync(lrs.endpoint());
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output,
                         "did not acknowledge them: its reply lists 1 id for the 12 "
                         "statements sent: [\"x\"]"))
        << r.output;
    EXPECT_EQ(acknowledged_keys(), std::vector<std::string>{});
}

TEST_F(Cli, LearnerListShowsControlCharactersInLearnersDetailsAsEscapes) {
    edit_ledger(
        "UPDATE learners SET name = 'Mallory' || char(27) || '[2J' || char(27) ||"
        " ']0;pwned' || char(7), team = 'Ops' || char(155) || '31m',"
        " role = 'Lead' || CAST(X'FF' AS TEXT) WHERE id = '" +
        learner_ + "'");
    const CommandRun r = waymark("learner list");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(free_of_controls(r.output)) << r.output;
    EXPECT_TRUE(contains(r.output, "Mallory\\x1b[2J\\x1b]0;pwned\\x07")) << r.output;
    EXPECT_TRUE(contains(r.output, "Ops\\u009b31m")) << r.output;
    EXPECT_TRUE(contains(r.output, "Lead\\xff")) << r.output;
}

TEST_F(Cli, LearnerShowShowsControlCharactersInLearnersDetailsAsEscapes) {
    edit_ledger(
        "UPDATE learners SET name = 'Mallory' || char(27) || '[2J', staff_id = 'S' ||"
        " char(155) || '1', email = 'm@x.org' || char(13) WHERE id = '" +
        learner_ + "'");
    const CommandRun r = waymark("learner show " + learner_);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(free_of_controls(r.output)) << r.output;
    EXPECT_TRUE(contains(r.output, "name      Mallory\\x1b[2J\n")) << r.output;
    EXPECT_TRUE(contains(r.output, "staff id  S\\u009b1\n")) << r.output;
    EXPECT_TRUE(contains(r.output, "email     m@x.org\\r\n")) << r.output;
}

TEST_F(Cli, LearnerListKeepsAccentedNamesAndLinesUpTheirColumns) {
    ASSERT_TRUE(ledger_->add_learner({"Siân Öztürk", "S2002", "", "Safeguarding", "Lead"}));
    const CommandRun r = waymark("learner list");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "Siân Öztürk")) << r.output;
    // The staff ids start in the same column (characters, not bytes) on both lines.
    const auto column_of = [&](const std::string& staff_id) {
        const auto at = r.output.find(staff_id);
        const auto line = r.output.rfind('\n', at) + 1;
        std::size_t column = 0;
        for (std::size_t i = line; i < at; ++i)
            column += (static_cast<unsigned char>(r.output[i]) & 0xc0) != 0x80;
        return column;
    };
    EXPECT_EQ(column_of("S1001"), column_of("S2002")) << r.output;
}

}  // namespace
}  // namespace waymark::xapi::testing
