// The fixture ledgers (tests/fixtures/ledger/every-event-kind*): ledgers earlier Waymarks
// wrote, one per schema, each holding every kind of event and kept with its device key.
// Every later Waymark must open each (migrating its schema if it has moved on), verify
// it, read each payload by its version, and rebuild the projections the earlier Waymark
// recorded. make_fixture.sh beside them says how they were made; none is ever remade to
// pass a test.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ledger_fixture.hpp"
#include "payload_reader.hpp"
#include "rows_digest.hpp"
#include "schema.hpp"
#include "waymark/assessment/event_json.hpp"
#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/core/files.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

const std::filesystem::path kFixtures = std::filesystem::path(WAYMARK_FIXTURES) / "ledger";

// Every row of every projection table, sorted, as text.
using Projections = std::map<std::string, std::vector<std::string>>;

Projections read_projections(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    Projections out;
    for (const char* table : kProjectionTables) {
        sqlite3_stmt* s = nullptr;
        const std::string sql = std::string("SELECT * FROM ") + table;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << table;
        auto& rows = out[table];
        while (s && sqlite3_step(s) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* text = sqlite3_column_text(s, c);
                row += std::string(sqlite3_column_name(s, c)) + "=" +
                       (text ? reinterpret_cast<const char*>(text) : "NULL") + "; ";
            }
            rows.push_back(row);
        }
        sqlite3_finalize(s);
        std::sort(rows.begin(), rows.end());
    }
    sqlite3_close(db);
    return out;
}

class FixtureLoaded : public LedgerTest {
  protected:
    // The fixture in `folder`, loaded into this test's own file with its device key beside
    // it.
    void load(const char* folder) {
        const auto fixture = kFixtures / folder;
        const auto sql = read_file(fixture / "ledger.sql");
        ASSERT_TRUE(sql) << sql.error().describe();
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
        char* message = nullptr;
        const int loaded = sqlite3_exec(db, sql->c_str(), nullptr, nullptr, &message);
        sqlite3_close(db);
        ASSERT_EQ(loaded, SQLITE_OK) << (message ? message : "");
        for (const char* key : {"ledger.db.key", "ledger.db.pub"}) {
            std::filesystem::copy_file(fixture / key, dir_ / key);
            ::chmod((dir_ / key).c_str(), 0600);
        }
        recorded_ = read_projections(file_);
    }

    Projections recorded_;
};

// Each fixture, by its folder.
class FixtureLedgerTest : public FixtureLoaded, public ::testing::WithParamInterface<const char*> {
  protected:
    void SetUp() override {
        FixtureLoaded::SetUp();
        load(GetParam());
    }
};

INSTANTIATE_TEST_SUITE_P(EverySchema, FixtureLedgerTest,
                         ::testing::Values("every-event-kind", "every-event-kind-schema4"));

// The schema-3 fixture, for what its upgrade to schema 4 must do.
class SchemaThreeFixtureTest : public FixtureLoaded {
  protected:
    void SetUp() override {
        FixtureLoaded::SetUp();
        load("every-event-kind");
    }
};

}  // namespace

TEST_P(FixtureLedgerTest, HoldsEveryKindOfEventTodaysCodeWrites) {
    for (const char* type :
         {"learner-enrolled", "session-started", "session-ended", "page-viewed",
          "knowledge-check-answered", "attempt-started", "answer-saved", "attempt-submitted",
          "attempt-scored", "course-completed", "certificate-issued", "learner-erased",
          "settings-changed", "manager-passphrase-set"})
        EXPECT_NE(
            query(file_, std::string("SELECT count(*) FROM events WHERE type = '") + type + "'"),
            "0")
            << type;
    EXPECT_NE(query(file_, "SELECT count(*) FROM attempts WHERE passed = 0"), "0") << "failures";
    EXPECT_NE(query(file_, "SELECT count(*) FROM attempts WHERE passed = 1"), "0") << "passes";
    EXPECT_NE(query(file_, "SELECT count(*) FROM settings WHERE learner_id = ''"), "0");
}

TEST_P(FixtureLedgerTest, OpensAndVerifiesWithItsDeviceKey) {
    Ledger l = open();
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
    EXPECT_EQ(std::to_string(report->events_checked), query(file_, "SELECT count(*) FROM events"));
    auto evidence = l.check_evidence();
    ASSERT_TRUE(evidence) << evidence.error().describe();
    EXPECT_TRUE(evidence->ok()) << (evidence->problems.empty() ? "" : evidence->problems.front());
}

TEST_F(SchemaThreeFixtureTest, UpgradesToAHeadThatSignsItsRows) {
    ASSERT_EQ(query(file_, "PRAGMA user_version"), "3");
    { Ledger l = open(); }
    EXPECT_EQ(query(file_, "PRAGMA user_version"), std::to_string(kSchemaVersion));
    EXPECT_EQ(query(file_,
                    "SELECT format FROM heads WHERE device_id ="
                    " (SELECT value FROM meta WHERE key = 'device_id')"),
              "3");
    EXPECT_EQ(query(file_,
                    "SELECT length(rows_digest) FROM heads WHERE device_id ="
                    " (SELECT value FROM meta WHERE key = 'device_id')"),
              std::to_string(RowsDigest::kBytes));
}

TEST_F(SchemaThreeFixtureTest, AnEditedRowStopsTheUpgradeAndIsNamed) {
    // A digest signed over an edited row would make the edit look like evidence.
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET score = 1.0"), 0);
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("cannot be upgraded"), std::string::npos) << l.error().message;
    EXPECT_NE(l.error().message.find("completions table was edited"), std::string::npos)
        << l.error().message;
    EXPECT_EQ(query(file_, "PRAGMA user_version"), "3");
}

TEST_P(FixtureLedgerTest, RebuildsTheProjectionsItRecorded) {
    ASSERT_FALSE(recorded_["attempts"].empty());
    {
        Ledger l = open();
        auto rebuilt = l.rebuild();
        ASSERT_TRUE(rebuilt) << rebuilt.error().describe();
    }
    EXPECT_EQ(read_projections(file_), recorded_);
}

TEST_P(FixtureLedgerTest, ReadsEveryPayloadByItsVersion) {
    Ledger l = open();
    int read = 0;
    auto r = l.for_each_event(0, [&](const Event& e) {
        const auto type = parse_event_type(e.type);
        EXPECT_TRUE(type) << e.type;
        std::string problem;
        const auto check = [&](const auto& payload) {
            if (!payload)
                problem = payload.error().describe();
        };
        switch (type.value_or(EventType::session_started)) {
            case EventType::page_viewed:
                check(read_page_viewed(e.payload));
                break;
            case EventType::attempt_started:
            case EventType::answer_saved:
            case EventType::attempt_submitted:
            case EventType::attempt_scored:
                check(assessment::read_attempt_event(e.payload));
                break;
            case EventType::knowledge_check_answered:
                check(read_payload<assessment::PracticeAnswered>(*type, e.payload));
                break;
            case EventType::course_completed:
                check(read_course_completed(e.payload));
                break;
            case EventType::certificate_issued:
                check(read_certificate_issued(e.payload));
                break;
            case EventType::settings_changed:
                check(read_setting_changed(e.payload));
                break;
            case EventType::learner_enrolled:
                check(read_identity_commitment(*type, e.payload));
                break;
            case EventType::manager_passphrase_set:
                check(read_manager_passphrase_set(e.payload));
                break;
            default:
                break;
        }
        EXPECT_EQ(problem, "") << e.type;
        ++read;
        return true;
    });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(std::to_string(read), query(file_, "SELECT count(*) FROM events"));
}

TEST_F(LedgerTest, RefusesToRecordAnEventOfANewerVersionSayingToUpgradeWaymark) {
    Ledger l = open();
    const std::string learner = add_learner(l);
    std::string payload = write_payload(PageViewed{"m1/1", 0, 1, 10});
    payload.replace(payload.find(R"("cereal_class_version":1)"), 24, R"("cereal_class_version":2)");
    auto r = l.append(NewEvent{learner, prevent_course(), EventType::page_viewed, payload, {}});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("upgrade Waymark"), std::string::npos) << r.error().message;
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events WHERE type = 'page-viewed'"), "0");
}
