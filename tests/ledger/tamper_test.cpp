// One test per attack on the ledger file by someone who has the file but not the device
// key (docs/THREAT-MODEL.md): each is refused or reported.
#include <sys/stat.h>

#include <fstream>

#include "chain.hpp"
#include "ledger_fixture.hpp"
#include "waymark/ledger/witness.hpp"

namespace waymark::ledger::testing {
namespace {

namespace fs = std::filesystem;

class FileAttackTest : public LedgerTest {
  protected:
    // A learner with a completion: what an attacker wants to change.
    std::string learner_with_completion(Ledger& l) {
        const std::string id = add_learner(l);
        auto c = l.record_completion(id, prevent_course(), CourseCompleted{"a1", 0.9, 24});
        EXPECT_TRUE(c) << c.error().describe();
        return id;
    }

    VerifyReport verify_file(const VerifyOptions& options = {}) {
        OpenOptions read;
        read.read_only = true;
        auto l = Ledger::open(file_, read);
        EXPECT_TRUE(l) << l.error().describe();
        auto report = l->verify(options);
        EXPECT_TRUE(report) << report.error().describe();
        return *report;
    }

    static std::string problems(const VerifyReport& r) {
        std::string all;
        for (const auto& p : r.problems)
            all += p + "\n";
        return all;
    }

    // Appends an event chained on the tail with a correctly computed hash, as someone
    // who read chain.hpp but has no key would.
    void forge_event_on_tail(
        const std::string& learner, const std::string& type = "session-started",
        const std::string& payload =
            R"({"type":"session-started","event":{"cereal_class_version":1}})") {
        const std::string device = query(file_, "SELECT value FROM meta WHERE key = 'device_id'");
        const std::int64_t seq = std::stoll(query(file_, "SELECT max(seq) FROM events"));
        Sha256Digest prev{};
        ASSERT_TRUE(from_hex(
            query(file_, "SELECT hex(hash) FROM events WHERE seq = " + std::to_string(seq)), prev));
        const std::string id = "0190f5a0-0000-7000-8000-000000000001";
        const std::string time = "2026-01-01T00:00:00Z";
        const CourseRef c = prevent_course();
        std::string bytes;
        canonical_event_bytes(EventFields{id, device, seq + 1, time, learner, c.id, c.version,
                                          c.digest, true, type, payload},
                              bytes);
        const Sha256Digest hash = chain_hash(prev, bytes);
        ASSERT_EQ(sqlite3_cli(file_,
                              "INSERT INTO events(id, device_id, seq, time, learner_id, course_id,"
                              " course_version, course_digest, course_trusted, type, payload,"
                              " prev_hash, hash) VALUES('" +
                                  id + "', '" + device + "', " + std::to_string(seq + 1) + ", '" +
                                  time + "', '" + learner + "', '" + c.id + "', '" + c.version +
                                  "', '" + c.digest + "', 1, '" + type + "', '" + payload +
                                  "', X'" + to_hex(prev) + "', X'" + to_hex(hash) + "')"),
                  0);
    }
};

TEST_F(FileAttackTest, AForgedEventOnTheTailIsRefusedByTheNextWrite) {
    auto l = open();
    const std::string learner = add_learner(l);
    forge_event_on_tail(learner);
    auto more = l.add_learner(sample_person("S2"));
    ASSERT_FALSE(more);
    EXPECT_NE(more.error().message.find("added without the key"), std::string::npos)
        << more.error().message;
    EXPECT_NE(more.error().message.find("waymark ledger verify"), std::string::npos);
}

TEST_F(FileAttackTest, AForgedEventOnTheTailStaysReportedAfterRebuildAndCheckpoint) {
    {
        auto l = open();
        forge_event_on_tail(add_learner(l));
        EXPECT_FALSE(l.rebuild());
        EXPECT_FALSE(l.checkpoint("export"));
        EXPECT_FALSE(
            l.record_session(query(file_, "SELECT id FROM learners"), prevent_course(), true));
    }
    EXPECT_NE(problems(verify_file()).find("added without the device key"), std::string::npos);
}

TEST_F(FileAttackTest, AForgedEventTheProjectorCouldNotHaveAppliedIsNamed) {
    {
        auto l = open();
        learner_with_completion(l);
    }
    const std::string learner = query(file_, "SELECT id FROM learners");
    // A page view with no page: the projector refuses it, so no table can follow from it.
    forge_event_on_tail(learner, "page-viewed",
                        R"({"type":"page-viewed","event":{"cereal_class_version":1}})");
    const std::string position = query(file_, "SELECT max(position) FROM events");
    const VerifyReport report = verify_file();
    EXPECT_NE(problems(report).find("event " + position + " cannot be replayed"), std::string::npos)
        << problems(report);
}

TEST_F(FileAttackTest, ACompletionRowInsertedWithSqliteIsNotEvidence) {
    auto l = open();
    const std::string learner = add_learner(l);
    ASSERT_TRUE(l.check_evidence()->ok());
    ASSERT_EQ(sqlite3_cli(file_, "INSERT INTO completions VALUES('forged', 2, '" + learner +
                                     "', 'prevent-duty', '2.1.0', '" + std::string(64, 'a') +
                                     "', 1, '2026-01-01T00:00:00Z', NULL, 1.0, 'x')"),
              0);
    auto report = l.check_evidence();
    ASSERT_TRUE(report);
    EXPECT_FALSE(report->ok());
    EXPECT_FALSE(refuse_unless_evidence(l));
}

TEST_F(FileAttackTest, ACompletionRowWithAnEditedScoreIsNotEvidence) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_TRUE(l.check_evidence()->ok()) << problems(*l.check_evidence());
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET valid_until = '2099-01-01T00:00:00Z'"), 0);
    EXPECT_FALSE(l.check_evidence()->ok());
}

TEST_F(FileAttackTest, ACompletionRowMovedToANegativeRowidAndEditedIsNotEvidence) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_TRUE(l.check_evidence()->ok());
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET rowid = -1, score = 1.0"), 0);
    auto report = l.check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("completions table was edited"), std::string::npos)
        << problems(*report);
}

TEST_F(FileAttackTest, AnEditedCompletionInAReadOnlyCopyIsNotEvidence) {
    {
        auto l = open();
        learner_with_completion(l);
    }
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET score = 1.0"), 0);
    OpenOptions read;
    read.read_only = true;
    auto copy = Ledger::open(file_, read);
    ASSERT_TRUE(copy) << copy.error().describe();
    auto report = copy->check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("completions table was edited"), std::string::npos)
        << problems(*report);
}

TEST_F(FileAttackTest, ACertificateRowInsertedWithSqliteIsNotEvidence) {
    auto l = open();
    const std::string learner = learner_with_completion(l);
    const std::string completion = query(file_, "SELECT event_id FROM completions");
    ASSERT_EQ(
        sqlite3_cli(file_, "INSERT INTO certificates VALUES('e-forged', '" + learner + "', '" +
                               completion + "', 'FORGED-CODE', '2026-01-01T00:00:00Z')"),
        0);
    EXPECT_FALSE(l.check_evidence()->ok());
}

TEST_F(FileAttackTest, ADeletedCompletionRowIsNotEvidence) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_EQ(sqlite3_cli(file_, "DELETE FROM completions"), 0);
    EXPECT_FALSE(l.check_evidence()->ok());
}

TEST_F(FileAttackTest, AnOrganisationSettingEditedWithSqliteIsNotEvidence) {
    auto l = open();
    ASSERT_TRUE(l.record_setting("", SettingChanged{"report.due_soon_days", "30"}));
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE settings SET value = '3650'"), 0);
    EXPECT_FALSE(l.check_evidence()->ok());
}

TEST_F(FileAttackTest, AnEventChangedAfterTheLastCheckIsNotEvidence) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_TRUE(l.check_evidence()->ok());
    ASSERT_TRUE(l.checkpoint("export"));  // signs the check up to here
    view_pages(l, query(file_, "SELECT id FROM learners"), 2);
    ASSERT_EQ(sqlite3_cli(file_,
                          "UPDATE events SET time = '2020-01-01T00:00:00Z' WHERE position ="
                          " (SELECT max(position) FROM events)"),
              0);
    EXPECT_FALSE(l.check_evidence()->ok());
}

TEST_F(FileAttackTest, TwoLearnersSwappedInTheTableAreReported) {
    {
        auto l = open();
        add_learner(l, "S1");
        ASSERT_TRUE(l.add_learner(Person{"Ben Ward", "S2", "", "Housing", "Officer"}));
    }
    ASSERT_EQ(sqlite3_cli(file_,
                          "UPDATE learners SET name = CASE name WHEN 'Ben Ward' THEN "
                          "'Amira Khan' ELSE 'Ben Ward' END"),
              0);
    EXPECT_NE(problems(verify_file()).find("learners table was edited"), std::string::npos);
}

TEST_F(FileAttackTest, AChangedTeamIsReported) {
    {
        auto l = open();
        add_learner(l);
    }
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE learners SET team = 'Elsewhere'"), 0);
    EXPECT_FALSE(verify_file().ok());
}

TEST_F(FileAttackTest, AnUndoneErasureIsReported) {
    {
        auto l = open();
        ASSERT_TRUE(l.erase_learner(add_learner(l)));
    }
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE learners SET name = 'Amira Khan', erased_at = NULL"), 0);
    EXPECT_FALSE(verify_file().ok());
}

TEST_F(FileAttackTest, ALearnerRowAddedWithSqliteIsReported) {
    {
        auto l = open();
        add_learner(l);
    }
    ASSERT_EQ(sqlite3_cli(file_,
                          "INSERT INTO learners(id, name, staff_id, email, team, role,"
                          " enrolled_at) VALUES('ghost', 'Ghost', 'G1', '', 'T', 'R',"
                          " '2026-01-01T00:00:00Z')"),
              0);
    EXPECT_NE(problems(verify_file()).find("never enrolled"), std::string::npos);
}

TEST_F(FileAttackTest, AnEmptyFileIsNotALedgerThatVerifies) {
    {
        auto l = open();
        add_learner(l);
    }
    fs::resize_file(file_, 0);
    OpenOptions read;
    read.read_only = true;
    auto l = Ledger::open(file_, read);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("empty"), std::string::npos);
    EXPECT_EQ(fs::file_size(file_), 0u);  // verify wrote nothing
}

TEST_F(FileAttackTest, AnEmptyFileBesideItsKeyIsNotStartedAfresh) {
    {
        auto l = open();
        add_learner(l);
    }
    fs::resize_file(file_, 0);
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("wiped"), std::string::npos);
}

TEST_F(FileAttackTest, DeletingEveryEventHeadAndCheckpointIsReported) {
    {
        auto l = open();
        learner_with_completion(l);
    }
    ASSERT_EQ(sqlite3_cli(file_,
                          "DELETE FROM events; DELETE FROM heads; DELETE FROM checkpoints;"
                          " DELETE FROM learners; DELETE FROM completions;"),
              0);
    EXPECT_NE(problems(verify_file()).find("has no signed head"), std::string::npos);
}

TEST_F(FileAttackTest, AReadOnlyCopyInAReadOnlyFolderVerifiesWithoutWriting) {
    {
        auto l = open();
        learner_with_completion(l);
    }
    const fs::path copy_dir = dir_ / "audit";
    fs::create_directory(copy_dir);
    // A copy as an auditor receives it: the file alone, no key, no -wal or -shm.
    auto l = open();
    ASSERT_TRUE(l.backup(copy_dir / "ledger.db"));
    ::chmod((copy_dir / "ledger.db").c_str(), 0400);
    ::chmod(copy_dir.c_str(), 0555);
    OpenOptions read;
    read.read_only = true;
    auto copy = Ledger::open(copy_dir / "ledger.db", read);
    ASSERT_TRUE(copy) << copy.error().describe();
    auto report = copy->verify();
    ::chmod(copy_dir.c_str(), 0755);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << problems(*report);
    EXPECT_TRUE(copy->learners());
    EXPECT_FALSE(copy->add_learner(sample_person("S9")));
}

TEST_F(FileAttackTest, ARollbackIsReportedAgainstAWitnessKeptOutside) {
    auto l = open();
    const std::string learner = add_learner(l);
    ASSERT_TRUE(l.backup(dir_ / "old.db"));
    fs::copy_file(dir_ / "ledger.db.key", dir_ / "old.db.key");
    fs::copy_file(dir_ / "ledger.db.pub", dir_ / "old.db.pub");
    view_pages(l, learner, 3);
    auto witness = l.checkpoint("witness");
    ASSERT_TRUE(witness);
    // The old copy put back in the ledger's place: it verifies on its own.
    file_ = dir_ / "old.db";
    EXPECT_TRUE(verify_file().ok());
    VerifyOptions with;
    with.witnesses.push_back(Witness{*witness, "witness.json"});
    EXPECT_NE(problems(verify_file(with)).find("rolled back"), std::string::npos);
}

TEST_F(FileAttackTest, AForkIsReportedAgainstAWitnessKeptOutside) {
    auto l = open();
    const std::string learner = add_learner(l);
    ASSERT_TRUE(l.backup(dir_ / "old.db"));
    fs::copy_file(dir_ / "ledger.db.key", dir_ / "old.db.key");
    fs::copy_file(dir_ / "ledger.db.pub", dir_ / "old.db.pub");
    view_pages(l, learner, 3);
    auto witness = l.checkpoint("witness");
    ASSERT_TRUE(witness);
    {
        // The device's own key writes another history on the old copy.
        auto old = Ledger::open(dir_ / "old.db");
        ASSERT_TRUE(old) << old.error().describe();
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(old->record_session(learner, prevent_course(), true));
    }
    file_ = dir_ / "old.db";
    VerifyOptions with;
    with.witnesses.push_back(Witness{*witness, "witness.json"});
    EXPECT_NE(problems(verify_file(with)).find("fork"), std::string::npos);
}

TEST_F(FileAttackTest, AWitnessFileReadsBackAsTheCheckpointItHolds) {
    auto l = open();
    add_learner(l);
    auto c = l.checkpoint("witness");
    ASSERT_TRUE(c);
    std::ofstream(dir_ / "w.json") << witness_json(*c);
    auto read = read_witnesses(dir_ / "w.json");
    ASSERT_TRUE(read) << read.error().describe();
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ(read->front().checkpoint.head_hash, c->head_hash);
    EXPECT_EQ(read->front().checkpoint.signature, c->signature);
}

TEST_F(FileAttackTest, AnErasureNamesTheBackupsThatStillHoldTheDetails) {
    auto l = open();
    const std::string learner = add_learner(l);
    ASSERT_TRUE(l.backup(dir_ / "monday.db"));
    auto erased = l.erase_learner(learner);
    ASSERT_TRUE(erased) << erased.error().describe();
    ASSERT_EQ(erased->backups.size(), 1u);
    EXPECT_NE(erased->backups.front().first.find("monday.db"), std::string::npos);
    EXPECT_TRUE(erased->removed_from_log);
}

}  // namespace
}  // namespace waymark::ledger::testing
