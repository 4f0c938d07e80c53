// The digest of the evidence rows that each head signs (rows_digest.hpp): it follows every
// write, and an edit made outside Waymark is never taken into a later signature.
#include <gtest/gtest.h>

#include <string>

#include "head.hpp"
#include "ledger_fixture.hpp"
#include "rows_digest.hpp"

namespace waymark::ledger::testing {
namespace {

Sha256Digest row(char c) {
    Sha256Digest d{};
    d.fill(static_cast<std::uint8_t>(c));
    return d;
}

TEST(RowsDigestTest, AddingThenRemovingARowLeavesTheDigestAsItWas) {
    RowsDigest d;
    d.add(row('a'));
    const RowsDigest before = d;
    d.add(row('b'));
    EXPECT_NE(d, before);
    d.remove(row('b'));
    EXPECT_EQ(d, before);
}

TEST(RowsDigestTest, TheOrderInWhichRowsAreAddedDoesNotMatter) {
    RowsDigest one, two;
    one.add(row('a'));
    one.add(row('b'));
    two.add(row('b'));
    two.add(row('a'));
    EXPECT_EQ(one, two);
    EXPECT_EQ(one.fingerprint(), two.fingerprint());
}

TEST(RowsDigestTest, ARowAddedTwiceCountsTwice) {
    RowsDigest once, twice;
    once.add(row('a'));
    twice.add(row('a'));
    twice.add(row('a'));
    EXPECT_NE(once, twice);
}

TEST(RowsDigestTest, ReadsBackFromItsBytesAndRefusesAnyOtherLength) {
    RowsDigest d;
    d.add(row('a'));
    const std::string bytes = d.bytes();
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    EXPECT_EQ(RowsDigest::from_bytes(std::span(data, bytes.size())), d);
    EXPECT_FALSE(RowsDigest::from_bytes(std::span(data, bytes.size() - 1)));
}

class EvidenceDigestTest : public LedgerTest {
  protected:
    // The digest of the rows as stored, and the one this device's head signs.
    std::pair<RowsDigest, std::optional<RowsDigest>> digests() {
        auto db = Database::open_read_only(file_);
        EXPECT_TRUE(db) << db.error().describe();
        auto rows = digest_of_rows(*db, RowRange{}, true);
        EXPECT_TRUE(rows) << rows.error().describe();
        auto device = query(file_, "SELECT value FROM meta WHERE key = 'device_id'");
        auto head = read_signed_head(*db, device);
        EXPECT_TRUE(head && *head) << "no signed head";
        return {*rows, head && *head ? (*head)->rows : std::nullopt};
    }

    void expect_signed_digest_is_the_rows(const char* after) {
        const auto [rows, signed_rows] = digests();
        ASSERT_TRUE(signed_rows) << after;
        EXPECT_EQ(rows, *signed_rows) << "after " << after;
    }

    std::string learner_with_completion(Ledger& l) {
        const std::string id = add_learner(l);
        auto c = l.record_completion(id, prevent_course(), CourseCompleted{"a1", 0.9, 24});
        EXPECT_TRUE(c) << c.error().describe();
        return id;
    }

    static std::string problems(const VerifyReport& r) {
        std::string all;
        for (const auto& p : r.problems)
            all += p + "\n";
        return all;
    }
};

TEST_F(EvidenceDigestTest, EveryKindOfWriteKeepsTheSignedDigestEqualToTheRowsAsStored) {
    auto l = open();
    expect_signed_digest_is_the_rows("creating the ledger");
    const std::string amira = add_learner(l, "S1");
    expect_signed_digest_is_the_rows("adding a learner");
    auto completed = l.record_completion(amira, prevent_course(), CourseCompleted{"a1", 0.9, 24});
    ASSERT_TRUE(completed) << completed.error().describe();
    expect_signed_digest_is_the_rows("a completion");
    ASSERT_TRUE(l.record_certificate(amira, prevent_course(),
                                     CertificateIssued{completed->id, "WM-ABCD-EFGH"}));
    expect_signed_digest_is_the_rows("a certificate");
    ASSERT_TRUE(l.record_setting("", SettingChanged{"report.due_soon_days", "30"}));
    ASSERT_TRUE(l.record_setting("", SettingChanged{"report.due_soon_days", "45"}));
    ASSERT_TRUE(l.record_setting(amira, SettingChanged{"text_size", "150"}));
    expect_signed_digest_is_the_rows("settings");
    const std::string ben = add_learner(l, "S2");
    ASSERT_TRUE(l.erase_learner(ben));
    expect_signed_digest_is_the_rows("an erasure");
    ASSERT_TRUE(l.in_one_transaction([&]() -> Result<void> {
        add_learner(l, "S3");
        if (auto r = l.record_setting("", SettingChanged{"report.due_soon_days", "60"}); !r)
            return r.error();
        return {};
    }));
    expect_signed_digest_is_the_rows("one transaction of several writes");
    ASSERT_TRUE(l.rebuild());
    expect_signed_digest_is_the_rows("a rebuild");
    auto report = l.check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << problems(*report);
}

TEST_F(EvidenceDigestTest, AWriteThatFailsLeavesTheSignedDigestAsItWas) {
    auto l = open();
    add_learner(l, "S1");
    const auto before = digests().second;
    EXPECT_FALSE(l.in_one_transaction([&]() -> Result<void> {
        add_learner(l, "S2");
        return make_error(ErrorCode::usage, "changed my mind");
    }));
    EXPECT_EQ(digests().second, before);
    add_learner(l, "S3");
    expect_signed_digest_is_the_rows("a write after one that was undone");
}

TEST_F(EvidenceDigestTest, ARowEditedWithSqliteIsNotTakenIntoTheNextSignature) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET score = 1.0"), 0);
    add_learner(l, "S2");  // an ordinary write signs a new head
    auto report = l.check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("completions table was edited"), std::string::npos)
        << problems(*report);
}

TEST_F(EvidenceDigestTest, ADigestRecomputedOverEditedRowsAndWrittenIntoTheHeadBreaksItsSignature) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET score = 1.0"), 0);
    // The digest is public arithmetic: anyone can recompute it over the rows they edited.
    const std::string forged = digests().first.bytes();
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(forged.data());
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE heads SET rows_digest = X'" +
                                     to_hex(std::span(bytes, forged.size())) + "'"),
              0);
    auto report = l.check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("bad signature"), std::string::npos) << problems(*report);
}

TEST_F(EvidenceDigestTest, AHeadWithADamagedDigestIsNotEvidence) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE heads SET rows_digest = X'00'"), 0);
    auto report = l.check_evidence();
    EXPECT_FALSE(report && report->ok());
    EXPECT_FALSE(refuse_unless_evidence(l));
}

TEST_F(EvidenceDigestTest, ATriggerPlantedInTheFileIsReportedAndNoWriteRunsIt) {
    auto l = open();
    learner_with_completion(l);
    // Were a write to run it, the digest would take in the score it sets.
    ASSERT_EQ(sqlite3_cli(file_,
                          "CREATE TRIGGER raise AFTER INSERT ON learners BEGIN "
                          "UPDATE completions SET score = 1.0; END"),
              0);
    auto added = l.add_learner(sample_person("S2"));
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find("trigger named \"raise\""), std::string::npos)
        << added.error().message;
    EXPECT_EQ(query(file_, "SELECT score FROM completions"), "0.9");
    auto report = l.check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("trigger named \"raise\""), std::string::npos)
        << problems(*report);
}

TEST_F(EvidenceDigestTest, AReadOnlyCopyChecksItsRowsAgainstTheSignedDigest) {
    {
        auto l = open();
        learner_with_completion(l);
    }
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE learners SET team = 'Finance'"), 0);
    OpenOptions read;
    read.read_only = true;
    auto l = Ledger::open(file_, read);
    ASSERT_TRUE(l) << l.error().describe();
    auto report = l->check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("learners table was edited"), std::string::npos)
        << problems(*report);
}

TEST_F(EvidenceDigestTest, AFullVerifySaysTheRowsAreNotTheOnesSigned) {
    {
        auto l = open();
        learner_with_completion(l);
    }
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET attempt_id = 'other'"), 0);
    OpenOptions read;
    read.read_only = true;
    auto l = Ledger::open(file_, read);
    ASSERT_TRUE(l) << l.error().describe();
    auto report = l->verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_NE(problems(*report).find("not the rows this device signed"), std::string::npos)
        << problems(*report);
}

TEST_F(EvidenceDigestTest, ARebuildMendsEditedRowsAndSignsThemAgain) {
    auto l = open();
    learner_with_completion(l);
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET score = 1.0"), 0);
    ASSERT_FALSE(l.check_evidence()->ok());
    ASSERT_TRUE(l.rebuild());
    EXPECT_EQ(query(file_, "SELECT score FROM completions"), "0.9");
    auto report = l.check_evidence();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << problems(*report);
}

}  // namespace
}  // namespace waymark::ledger::testing
