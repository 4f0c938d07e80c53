#include "schema.hpp"

namespace waymark::ledger {

std::string projection_tables_sql(const std::string& s) {
    // STRICT: each column holds values of its one type, so a row read back compares
    // equal, type and value, to the row the projector wrote.
    return "CREATE TABLE " + s +
           ".pages_viewed(learner_id TEXT NOT NULL, course_id TEXT NOT NULL,"
           " page_id TEXT NOT NULL, first_position INTEGER NOT NULL,"
           " first_viewed_at TEXT NOT NULL, PRIMARY KEY(learner_id, course_id, page_id)) STRICT;"
           "CREATE TABLE " +
           s +
           ".progress(learner_id TEXT NOT NULL, course_id TEXT NOT NULL,"
           " course_version TEXT NOT NULL, pages_viewed INTEGER NOT NULL,"
           " pages_total INTEGER NOT NULL, bookmark TEXT NOT NULL, updated_at TEXT NOT NULL,"
           " PRIMARY KEY(learner_id, course_id)) STRICT;"
           "CREATE TABLE " +
           s +
           ".attempts(attempt_id TEXT PRIMARY KEY, learner_id TEXT NOT NULL,"
           " course_id TEXT NOT NULL, course_version TEXT NOT NULL, course_digest TEXT NOT NULL,"
           " trusted INTEGER NOT NULL, state TEXT NOT NULL, started_at TEXT NOT NULL,"
           " submitted_at TEXT NOT NULL DEFAULT '', scored_at TEXT NOT NULL DEFAULT '',"
           " raw REAL NOT NULL DEFAULT 0, max REAL NOT NULL DEFAULT 0,"
           " scaled REAL NOT NULL DEFAULT 0, passed INTEGER NOT NULL DEFAULT 0,"
           " first_position INTEGER NOT NULL, last_position INTEGER NOT NULL) STRICT;"
           "CREATE INDEX " +
           s +
           ".attempts_by_learner ON attempts(learner_id, course_id, first_position);"
           "CREATE TABLE " +
           s +
           ".completions(event_id TEXT PRIMARY KEY, position INTEGER NOT NULL,"
           " learner_id TEXT NOT NULL, course_id TEXT NOT NULL, course_version TEXT NOT NULL,"
           " course_digest TEXT NOT NULL, trusted INTEGER NOT NULL, completed_at TEXT NOT NULL,"
           " valid_until TEXT, score REAL NOT NULL, attempt_id TEXT NOT NULL) STRICT;"
           "CREATE INDEX " +
           s +
           ".completions_by_learner ON completions(learner_id, course_id, position);"
           "CREATE TABLE " +
           s +
           ".certificates(event_id TEXT PRIMARY KEY, learner_id TEXT NOT NULL,"
           " completion_event_id TEXT NOT NULL, code TEXT NOT NULL UNIQUE,"
           " issued_at TEXT NOT NULL) STRICT;"
           "CREATE TABLE " +
           s +
           ".settings(learner_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
           " changed_at TEXT NOT NULL, PRIMARY KEY(learner_id, key)) STRICT;";
}

Result<void> create_version_1(Database& db) {
    if (auto r = db.exec(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
            "CREATE TABLE events(position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
            " device_id TEXT NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,"
            " learner_id TEXT NOT NULL, course_id TEXT NOT NULL, course_version TEXT NOT NULL,"
            " course_digest TEXT NOT NULL, course_trusted INTEGER NOT NULL, type TEXT NOT NULL,"
            " payload TEXT NOT NULL, prev_hash BLOB NOT NULL, hash BLOB NOT NULL,"
            " UNIQUE(device_id, seq)) STRICT;"
            "CREATE INDEX events_by_learner ON events(learner_id, course_id);"
            "CREATE TABLE learners(id TEXT PRIMARY KEY, name TEXT NOT NULL,"
            " staff_id TEXT NOT NULL, email TEXT NOT NULL, team TEXT NOT NULL,"
            " role TEXT NOT NULL, enrolled_at TEXT NOT NULL, erased_at TEXT) STRICT;");
        !r)
        return r;
    return set_user_version(db, 1);
}

Result<void> migrate_1_to_2(Database& db) {
    if (auto r =
            db.exec("CREATE TABLE devices(id TEXT PRIMARY KEY, public_key TEXT NOT NULL) STRICT;"
                    "CREATE TABLE heads(device_id TEXT PRIMARY KEY REFERENCES devices(id),"
                    " seq INTEGER NOT NULL, hash BLOB NOT NULL, time TEXT NOT NULL,"
                    " signature BLOB NOT NULL) STRICT;"
                    "CREATE TABLE checkpoints(id INTEGER PRIMARY KEY,"
                    " device_id TEXT NOT NULL REFERENCES devices(id), seq INTEGER NOT NULL,"
                    " head_hash BLOB NOT NULL, time TEXT NOT NULL, reason TEXT NOT NULL,"
                    " signature BLOB NOT NULL, UNIQUE(device_id, seq, time, reason)) STRICT;");
        !r)
        return r;
    if (auto r = db.exec(projection_tables_sql("main")); !r)
        return r;
    return set_user_version(db, 2);
}

Result<void> migrate_2_to_3(Database& db) {
    if (auto r = db.exec(
            // NULL once the learner is erased: without it the commitment cannot be opened.
            "ALTER TABLE learners ADD COLUMN salt BLOB;"
            // A head signed in format 2 also commits to the counts and verified_position.
            "ALTER TABLE heads ADD COLUMN format INTEGER NOT NULL DEFAULT 1;"
            "ALTER TABLE heads ADD COLUMN learners INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE heads ADD COLUMN completions INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE heads ADD COLUMN certificates INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE heads ADD COLUMN verified_position INTEGER NOT NULL DEFAULT 0;"
            // The highest checkpoint of each device seen outside this file (a merge, a
            // witness file): this ledger must never fall behind it or contradict it.
            "CREATE TABLE witnessed(device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL,"
            " seq INTEGER NOT NULL, head_hash BLOB NOT NULL, time TEXT NOT NULL,"
            " reason TEXT NOT NULL, signature BLOB NOT NULL, source TEXT NOT NULL) STRICT;"
            // Where 'waymark ledger backup' wrote copies, so an erasure can name them.
            "CREATE TABLE backups(path TEXT NOT NULL, made_at TEXT NOT NULL) STRICT;"
            // Wrong manager passphrases at this device, for the back-off.
            "CREATE TABLE manager_sign_in(id INTEGER PRIMARY KEY CHECK(id = 1),"
            " failures INTEGER NOT NULL, last_failure TEXT NOT NULL) STRICT;");
        !r)
        return r;
    return set_user_version(db, 3);
}

Result<void> migrate_3_to_4(Database& db) {
    // A head signed in format 3 also commits to the digest of the evidence rows.
    if (auto r = db.exec("ALTER TABLE heads ADD COLUMN rows_digest BLOB;"); !r)
        return r;
    return set_user_version(db, 4);
}

Result<int> user_version(Database& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return static_cast<int>(stmt->column_int(0));
}

Result<void> set_user_version(Database& db, int version) {
    return db.exec("PRAGMA user_version = " + std::to_string(version));
}

}  // namespace waymark::ledger
