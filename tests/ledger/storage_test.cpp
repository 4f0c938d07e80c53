#include <sys/stat.h>

#include <fstream>

#include "ledger_fixture.hpp"
#include "waymark/core/files.hpp"
#include "waymark/core/keys.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

}  // namespace

TEST_F(LedgerTest, CreatesTheLedgerPrivateToItsOwner) {
    { auto l = open(); }
    EXPECT_EQ(mode_of(file_), 0600u);
}

TEST_F(LedgerTest, CreatesAPrivateDeviceKeyBesideTheLedger) {
    { auto l = open(); }
    EXPECT_EQ(mode_of(dir_ / "ledger.db.key"), 0600u);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "ledger.db.pub"));
}

TEST_F(LedgerTest, UsesWriteAheadLoggingAndTheCurrentSchema) {
    { auto l = open(); }
    EXPECT_EQ(query(file_, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(query(file_, "PRAGMA user_version"), std::to_string(kSchemaVersion));
}

// The page size is fixed when the file is first written: set too late (after the switch
// to write-ahead logging) it would silently stay at SQLite's 4 KiB, and appends and
// verify would make four times the system calls (docs/PERFORMANCE.md, the ledger).
TEST_F(LedgerTest, WritesANewLedgerInSixteenKibPages) {
    { auto l = open(); }
    EXPECT_EQ(query(file_, "PRAGMA page_size"), "16384");
}

TEST_F(LedgerTest, KeepsTheSameDeviceIdWhenReopened) {
    std::string first;
    {
        auto l = open();
        first = l.device_id();
    }
    auto again = open();
    EXPECT_EQ(again.device_id(), first);
}

TEST_F(LedgerTest, RefusesALedgerWrittenByANewerSchema) {
    { auto l = open(); }
    ASSERT_EQ(sqlite3_cli(file_, "PRAGMA user_version = 99"), 0);
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("newer Waymark"), std::string::npos);
}

TEST_F(LedgerTest, RefusesAnSqliteFileThatIsNotALedger) {
    ASSERT_EQ(sqlite3_cli(file_, "CREATE TABLE recipes(name TEXT)"), 0);
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("not a Waymark ledger"), std::string::npos);
}

TEST_F(LedgerTest, RefusesAFileThatIsNotSqlite) {
    std::ofstream(file_) << "these are not the pages you are looking for\n";
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find(file_.string()), std::string::npos);
}

TEST_F(LedgerTest, SaysWhenThereIsNoLedgerToOpen) {
    OpenOptions options;
    options.create = false;
    auto l = Ledger::open(file_, options);
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error().code, ErrorCode::not_found);
    EXPECT_FALSE(std::filesystem::exists(file_));
}

TEST_F(LedgerTest, RefusesADeviceKeyThatDoesNotBelongToTheLedger) {
    { auto l = open(); }
    std::filesystem::remove(dir_ / "ledger.db.key");
    std::filesystem::remove(dir_ / "ledger.db.pub");
    ASSERT_TRUE(write_key_pair(dir_ / "ledger.db", Ed25519KeyPair::generate()));
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("does not belong to the ledger"), std::string::npos);
}

TEST_F(LedgerTest, RecordsNothingWithoutItsDeviceKeyButStillVerifies) {
    std::string learner;
    {
        auto l = open();
        learner = add_learner(l);
    }
    std::filesystem::remove(dir_ / "ledger.db.key");
    auto l = open();
    auto e = l.record_session(learner, prevent_course(), true);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("device key"), std::string::npos);
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok());
}

TEST_F(LedgerTest, DefaultPathFollowsWaymarkLedgerThenXdgDataHome) {
    ::setenv("WAYMARK_LEDGER", "/srv/training/ledger.db", 1);
    EXPECT_EQ(default_ledger_path(), "/srv/training/ledger.db");
    ::unsetenv("WAYMARK_LEDGER");
    ::setenv("XDG_DATA_HOME", "/home/amira/.data", 1);
    EXPECT_EQ(default_ledger_path(), "/home/amira/.data/waymark/ledger.db");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/amira", 1);
    EXPECT_EQ(default_ledger_path(), "/home/amira/.local/share/waymark/ledger.db");
}

TEST_F(LedgerTest, MigratesAVersionOneLedgerAndKeepsItsChain) {
    const auto sql =
        read_file(std::filesystem::path(WAYMARK_FIXTURES) / "ledger" / "schema-v1.sql");
    ASSERT_TRUE(sql) << sql.error().describe();
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, sql->c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    ASSERT_EQ(query(file_, "PRAGMA user_version"), "1");
    auto l = open();
    EXPECT_EQ(query(file_, "PRAGMA user_version"), std::to_string(kSchemaVersion));
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
    auto learners = l.learners();
    ASSERT_TRUE(learners);
    ASSERT_EQ(learners->size(), 1u);
    auto done = l.completions(learners->front().id, "prevent-duty");
    ASSERT_TRUE(done);
    ASSERT_EQ(done->size(), 1u);
    EXPECT_TRUE(done->front().valid_until.has_value());
}

TEST_F(LedgerTest, TakesItsIdsAndTimesFromTheSourcesAGeneratorGives) {
    std::vector<std::string> handed_out;
    const UtcTime fixed = at("2025-03-04T05:06:07Z");
    OpenOptions options;
    options.new_id = [&handed_out] {
        auto id = Uuid::random();
        handed_out.push_back(id.str());
        return id;
    };
    options.clock = [fixed] { return fixed; };
    auto l = Ledger::open(file_, options);
    ASSERT_TRUE(l) << l.error().describe();
    auto learner = l->add_learner(sample_person());
    ASSERT_TRUE(learner) << learner.error().describe();
    auto session = l->record_session(learner->id, prevent_course(), true);
    ASSERT_TRUE(session) << session.error().describe();

    // device, learner, the learner's salt, enrolment event, session event
    ASSERT_EQ(handed_out.size(), 5u);
    EXPECT_EQ(l->device_id(), handed_out[0]);
    EXPECT_EQ(learner->id, handed_out[1]);
    EXPECT_EQ(query(file_, "SELECT id FROM events WHERE position = 1"), handed_out[3]);
    EXPECT_EQ(session->id, handed_out[4]);
    EXPECT_EQ(learner->enrolled_at, format_iso8601(fixed));
    EXPECT_EQ(session->time, format_iso8601(fixed));
    EXPECT_EQ(query(file_, "SELECT time FROM heads"), format_iso8601(fixed));
}

TEST_F(LedgerTest, GivesEventsTimeOrderedIdsCarryingTheMomentTheyWereRecorded) {
    auto l = open();
    const std::string learner = add_learner(l);
    const auto before = std::chrono::floor<std::chrono::milliseconds>(utc_now());
    auto e = l.record_session(learner, prevent_course(), true, at("2020-01-01T00:00:00Z"));
    const auto after = utc_now();
    ASSERT_TRUE(e) << e.error().describe();
    ASSERT_TRUE(Uuid::parse(e->id));
    EXPECT_EQ(e->id[14], '7');  // version 7, whatever time the event itself carries
    const std::string hex = e->id.substr(0, 8) + e->id.substr(9, 4);
    const auto ms = std::chrono::milliseconds(std::stoll(hex, nullptr, 16));
    EXPECT_GE(UtcTime(ms), before);
    EXPECT_LE(UtcTime(ms), after);
}
