// verify()'s comparison of the projection tables with the events: every row and every
// column of every table counts, whoever edited it.
#include <sqlite3.h>

#include <vector>

#include "ledger_fixture.hpp"
#include "projection_check.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

// A ledger whose projections have rows in every table, with two learners, two courses,
// settings of a learner and of the organisation, and an attempt from start to score.
class ProjectionCheckTest : public LedgerTest {
  protected:
    void SetUp() override {
        LedgerTest::SetUp();
        auto l = open();
        const std::string a = add_learner(l, "S1");
        const std::string b = add_learner(l, "S2");
        view_pages(l, a, 3);
        view_pages(l, b, 2);
        const CourseRef other{"fire-safety", "1.0.0", std::string(64, 'b'), false};
        ASSERT_TRUE(l.record_page_view(a, other, PageViewed{"intro", 0, 0, 2}));
        ASSERT_TRUE(l.record_attempt_event(
            a, prevent_course(),
            assessment::AttemptStarted{"a1", 7, at("2026-03-01T10:00:00Z"), {"q1"}, {}}));
        ASSERT_TRUE(
            l.record_attempt_event(a, prevent_course(),
                                   assessment::AnswerSaved{"q1", assessment::ChosenOption{2},
                                                           at("2026-03-01T10:01:00Z")}));
        ASSERT_TRUE(l.record_attempt_event(
            a, prevent_course(), assessment::AttemptSubmitted{at("2026-03-01T10:02:00Z")}));
        assessment::AttemptScored scored;
        scored.at = at("2026-03-01T10:02:01Z");
        scored.result = assessment::AttemptResult{1, 1, 1, 80, true, {}, {}};
        ASSERT_TRUE(l.record_attempt_event(a, prevent_course(), scored));
        ASSERT_TRUE(l.record_attempt_event(
            b, other, assessment::AttemptStarted{"b1", 8, at("2026-03-02T10:00:00Z"), {"q1"}, {}}));
        auto done = l.record_completion(a, prevent_course(), CourseCompleted{"a1", 1, 12});
        ASSERT_TRUE(done);
        ASSERT_TRUE(l.record_completion(b, other, CourseCompleted{"b1", 0.5, 0}));
        ASSERT_TRUE(l.record_certificate(a, prevent_course(), CertificateIssued{done->id, "WM-1"}));
        ASSERT_TRUE(l.record_setting(a, SettingChanged{"theme", "dark"}));
        ASSERT_TRUE(l.record_setting("", SettingChanged{"grace-days", "14"}));
        // A setting recorded with a course: still the learner's latest value.
        ASSERT_TRUE(l.append(NewEvent{a,
                                      other,
                                      EventType::settings_changed,
                                      write_payload(SettingChanged{"theme", "light"}),
                                      {}}));
        ASSERT_TRUE(l.record_setting(a, SettingChanged{"theme", "high-contrast"}));
    }

    VerifyReport verify() {
        auto l = open();
        auto report = l.verify();
        if (!report)
            ADD_FAILURE() << report.error().describe();
        return report ? *report : VerifyReport{};
    }

    // The events replayed in file order, as verify's chain check hands them over: true
    // when every table matches.
    bool matches_in_file_order(std::size_t budget = FileOrderReplay::kDefaultBudget) {
        auto db = Database::open_read_only(file_);
        EXPECT_TRUE(db);
        auto s = db->prepare(
            "SELECT position, id, time, learner_id, course_id, course_version, course_digest,"
            " course_trusted, type, payload FROM events ORDER BY position");
        EXPECT_TRUE(s);
        FileOrderReplay replay(budget);
        while (*s->step())
            if (!replay.apply(EventRow{s->column_int(0), s->column_view(1), s->column_view(2),
                                       s->column_view(3), s->column_view(4), s->column_view(5),
                                       s->column_view(6), s->column_view(8), s->column_view(9),
                                       s->column_int(7) != 0}))
                break;
        auto all = replay.matches(*db);
        EXPECT_TRUE(all) << all.error().describe();
        return all && *all;
    }

    static bool names(const VerifyReport& report, const std::string& table) {
        for (const auto& p : report.problems)
            if (p.find("the " + table + " table") != std::string::npos)
                return true;
        return false;
    }

    // The columns of `table`, from SQLite's schema.
    std::vector<std::string> columns(const std::string& table) {
        sqlite3* db = nullptr;
        sqlite3_open_v2(file_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* s = nullptr;
        std::vector<std::string> out;
        sqlite3_prepare_v2(db, ("SELECT name FROM pragma_table_info('" + table + "')").c_str(), -1,
                           &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        sqlite3_close(db);
        return out;
    }
};

const char* const kTables[] = {"pages_viewed", "progress",     "attempts",
                               "completions",  "certificates", "settings"};

}  // namespace

TEST_F(ProjectionCheckTest, AnUntouchedLedgerVerifies) {
    const VerifyReport report = verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
}

TEST_F(ProjectionCheckTest, TheLatestSettingWinsAcrossCourses) {
    auto l = open();
    auto s = l.settings(l.learners()->front().id);
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, (std::vector<std::pair<std::string, std::string>>{{"theme", "high-contrast"}}));
}

TEST_F(ProjectionCheckTest, DetectsAChangeToAnyColumnOfAnyTable) {
    int edits = 0;
    for (const std::string table : kTables) {
        for (const std::string& column : columns(table)) {
            const std::string c = "\"" + column + "\"";
            // One row's value made different, keeping its type (NULL becomes text).
            const std::string edit =
                "UPDATE " + table + " SET " + c + " = CASE typeof(" + c + ") WHEN 'integer' THEN " +
                c + " + 1 WHEN 'real' THEN " + c + " + 0.25 WHEN 'null' THEN 'x' ELSE " + c +
                " || 'x' END WHERE rowid = (SELECT max(rowid) FROM " + table + ")";
            const std::string before = query(file_, "SELECT count(*) FROM " + table);
            ASSERT_EQ(sqlite3_cli(file_, "BEGIN; " + edit + "; COMMIT;"), 0) << edit;
            const VerifyReport report = verify();
            EXPECT_TRUE(names(report, table)) << table << "." << column;
            // Back as it was, for the next column.
            auto l = open();
            ASSERT_TRUE(l.rebuild());
            ASSERT_TRUE(l.verify()->ok()) << table << "." << column;
            EXPECT_EQ(query(file_, "SELECT count(*) FROM " + table), before);
            ++edits;
        }
    }
    EXPECT_GE(edits, 40);
}

TEST_F(ProjectionCheckTest, DetectsARemovedRow) {
    for (const std::string table : kTables) {
        ASSERT_EQ(sqlite3_cli(file_, "DELETE FROM " + table +
                                         " WHERE rowid = (SELECT min(rowid) FROM " + table + ")"),
                  0);
        EXPECT_TRUE(names(verify(), table)) << table;
        ASSERT_TRUE(open().rebuild());
    }
}

// The message counts what differs in words a manager reads: "1 row differs".
TEST_F(ProjectionCheckTest, ASingleRemovedRowIsCountedAsOneRow) {
    ASSERT_EQ(sqlite3_cli(file_,
                          "DELETE FROM pages_viewed WHERE rowid = (SELECT min(rowid) FROM "
                          "pages_viewed)"),
              0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.problems.empty());
    EXPECT_NE(report.problems.front().find("(1 row differs)"), std::string::npos)
        << report.problems.front();
}

TEST_F(ProjectionCheckTest, DetectsARowOfALearnerWithNoEvents) {
    for (const std::string& learner : {std::string("0"), std::string("~"), std::string()}) {
        ASSERT_EQ(sqlite3_cli(file_, "INSERT INTO settings VALUES('" + learner +
                                         "', 'k', 'v', '2026-01-01T00:00:00Z')"),
                  0);
        EXPECT_TRUE(names(verify(), "settings")) << "learner \"" << learner << "\"";
        ASSERT_TRUE(open().rebuild());
    }
}

TEST_F(ProjectionCheckTest, DetectsAValueStoredWithAnotherType) {
    // A table rebuilt without STRICT could hold the text '1' where the integer 1 was.
    ASSERT_EQ(sqlite3_cli(file_,
                          "PRAGMA foreign_keys=OFF; BEGIN;"
                          " CREATE TABLE p2(learner_id, course_id, page_id, first_position,"
                          " first_viewed_at, PRIMARY KEY(learner_id, course_id, page_id));"
                          " INSERT INTO p2 SELECT learner_id, course_id, page_id,"
                          " CAST(first_position AS TEXT), first_viewed_at FROM pages_viewed;"
                          " DROP TABLE pages_viewed; ALTER TABLE p2 RENAME TO pages_viewed;"
                          " COMMIT;"),
              0);
    EXPECT_TRUE(names(verify(), "pages_viewed"));
}

TEST_F(ProjectionCheckTest, AnUntouchedLedgerMatchesItsEventsReplayedInFileOrder) {
    EXPECT_TRUE(matches_in_file_order());
}

TEST_F(ProjectionCheckTest, AChangeToAnyColumnOfAnyTableIsAMismatchInFileOrder) {
    for (const std::string table : kTables) {
        for (const std::string& column : columns(table)) {
            const std::string c = "\"" + column + "\"";
            ASSERT_EQ(
                sqlite3_cli(file_, "UPDATE " + table + " SET " + c + " = CASE typeof(" + c +
                                       ") WHEN 'integer' THEN " + c + " + 1 WHEN 'real' THEN " + c +
                                       " + 0.25 WHEN 'null' THEN 'x' ELSE " + c +
                                       " || 'x' END WHERE rowid = (SELECT min(rowid) FROM " +
                                       table + ")"),
                0);
            EXPECT_FALSE(matches_in_file_order()) << table << "." << column;
            ASSERT_TRUE(open().rebuild());
            ASSERT_TRUE(matches_in_file_order()) << table << "." << column;
        }
    }
}

TEST_F(ProjectionCheckTest, ARemovedOrAddedRowIsAMismatchInFileOrder) {
    for (const std::string table : kTables) {
        ASSERT_EQ(sqlite3_cli(file_, "DELETE FROM " + table +
                                         " WHERE rowid = (SELECT max(rowid) FROM " + table + ")"),
                  0);
        EXPECT_FALSE(matches_in_file_order()) << table;
        ASSERT_TRUE(open().rebuild());
    }
    ASSERT_EQ(
        sqlite3_cli(file_, "INSERT INTO settings VALUES('0', 'k', 'v', '2026-01-01T00:00:00Z')"),
        0);
    EXPECT_FALSE(matches_in_file_order());
}

TEST_F(ProjectionCheckTest, TwoRowsSwappingAColumnIsAMismatchInFileOrder) {
    // Every value is still there, in another row.
    ASSERT_EQ(sqlite3_cli(file_,
                          "UPDATE pages_viewed SET first_position = CASE rowid"
                          " WHEN (SELECT min(rowid) FROM pages_viewed)"
                          " THEN (SELECT first_position FROM pages_viewed ORDER BY rowid DESC)"
                          " ELSE (SELECT first_position FROM pages_viewed ORDER BY rowid) END"
                          " WHERE rowid IN ((SELECT min(rowid) FROM pages_viewed),"
                          " (SELECT max(rowid) FROM pages_viewed))"),
              0);
    EXPECT_FALSE(matches_in_file_order());
    EXPECT_TRUE(names(verify(), "pages_viewed"));
}

TEST_F(ProjectionCheckTest, TheFileOrderReplayGivesUpPastItsMemoryBudget) {
    EXPECT_FALSE(matches_in_file_order(256));
    EXPECT_TRUE(verify().ok());
}

// An index that no longer holds every row of its table, as a file edited below SQL
// could leave it (SQLite's quick_check does not compare an index with its table): the
// index is rebuilt without one row, then declared whole again.
class IndexTamperTest : public ProjectionCheckTest {
  protected:
    void drop_from_index(const std::string& index, const std::string& table,
                         const std::string& columns, const std::string& row) {
        const std::string sql =
            query(file_, "SELECT sql FROM sqlite_schema WHERE name = '" + index + "'");
        ASSERT_FALSE(sql.empty());
        ASSERT_EQ(sqlite3_cli(
                      file_, "DROP INDEX " + index + "; CREATE INDEX " + index + " ON " + table +
                                 "(" + columns + ") WHERE rowid <> " + row +
                                 "; PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = '" +
                                 sql + "' WHERE name = '" + index + "';"),
                  0);
        ASSERT_EQ(query(file_, "SELECT sql FROM sqlite_schema WHERE name = '" + index + "'"), sql);
    }
};

TEST_F(IndexTamperTest, AnEventMissingFromTheLearnerIndexIsReported) {
    drop_from_index(
        "events_by_learner", "events", "learner_id, course_id",
        query(file_, "SELECT max(position) FROM events WHERE type = 'course-completed'"));
    EXPECT_FALSE(verify().ok());
}

TEST_F(IndexTamperTest, ACompletionMissingFromItsLearnerIndexIsReported) {
    drop_from_index("completions_by_learner", "completions", "learner_id, course_id, position",
                    query(file_, "SELECT max(rowid) FROM completions"));
    EXPECT_TRUE(names(verify(), "completions"));
}
