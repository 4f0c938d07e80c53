#include "ledger_fixture.hpp"
#include "waymark/core/files.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

TEST_F(LedgerTest, AddsALearnerWithAPseudonymousIdAndAnEnrolmentEvent) {
    auto l = open();
    auto learner = l.add_learner(sample_person());
    ASSERT_TRUE(learner) << learner.error().describe();
    EXPECT_EQ(learner->id.size(), 36u);
    EXPECT_EQ(query(file_, "SELECT type FROM events"), "learner-enrolled");
    EXPECT_EQ(query(file_, "SELECT learner_id FROM events"), learner->id);
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events WHERE payload LIKE '%Amira%'"), "0");
}

TEST_F(LedgerTest, RefusesALearnerWithoutATeam) {
    auto l = open();
    Person p = sample_person();
    p.team = "  ";
    auto learner = l.add_learner(p);
    ASSERT_FALSE(learner);
    EXPECT_NE(learner.error().message.find("team: Enter a team"), std::string::npos);
}

TEST_F(LedgerTest, RefusesAnEmailAddressWithoutADomain) {
    auto l = open();
    Person p = sample_person();
    p.email = "amira@";
    EXPECT_FALSE(l.add_learner(p));
}

TEST_F(LedgerTest, RefusesASecondLearnerWithTheSameStaffId) {
    auto l = open();
    add_learner(l, "S1");
    auto again = l.add_learner(sample_person("S1"));
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("already has the staff id"), std::string::npos);
}

TEST_F(LedgerTest, ListsLearnersInEnrolmentOrder) {
    auto l = open();
    const std::string a = add_learner(l, "S1"), b = add_learner(l, "S2");
    auto all = l.learners();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].id, a);
    EXPECT_EQ((*all)[1].id, b);
}

TEST_F(LedgerTest, ListsLearnersEnrolledOnAWholeSecondBeforeThoseLaterInThatSecond) {
    // "10:00:00Z" sorts after "10:00:00.400Z" as text; as times it comes first.
    UtcTime now = at("2026-11-25T10:00:00Z");
    OpenOptions options;
    options.clock = [&now] { return now; };
    auto l = Ledger::open(file_, options);
    ASSERT_TRUE(l) << l.error().describe();
    const std::string first = add_learner(*l, "S1");
    now = at("2026-11-25T10:00:00.400Z");
    const std::string second = add_learner(*l, "S2");
    auto all = l->learners();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].enrolled_at, "2026-11-25T10:00:00Z");
    EXPECT_EQ((*all)[0].id, first);
    EXPECT_EQ((*all)[1].id, second);
}

TEST_F(LedgerTest, ErasureRemovesThePersonAndKeepsTheChainVerifying) {
    auto l = open();
    const std::string id = add_learner(l);
    view_pages(l, id, 3);
    ASSERT_TRUE(l.erase_learner(id));
    auto learner = l.learner(id);
    ASSERT_TRUE(learner);
    EXPECT_TRUE(learner->erased());
    EXPECT_EQ(learner->person.name, "");
    EXPECT_EQ(learner->person.staff_id, "");
    EXPECT_EQ(learner->person.email, "");
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok());
    EXPECT_EQ(query(file_, "SELECT type FROM events ORDER BY position DESC"), "learner-erased");
}

TEST_F(LedgerTest, ErasureLeavesNoTraceOfTheNameInTheFile) {
    {
        auto l = open();
        const std::string id = add_learner(l);
        ASSERT_TRUE(l.erase_learner(id));
    }
    auto bytes = read_file(file_);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->find("Amira Khan"), std::string::npos);
    EXPECT_EQ(bytes->find("amira.khan@example.org"), std::string::npos);
}

TEST_F(LedgerTest, AnErasureInsideOneTransactionEmptiesTheLogWhenItCommits) {
    auto l = open();
    const std::string id = add_learner(l);
    auto r = l.in_one_transaction([&]() -> Result<void> {
        auto erased = l.erase_learner(id);
        if (!erased)
            return erased.error();
        EXPECT_FALSE(erased->removed_from_log);  // not yet: the transaction is still open
        return {};
    });
    ASSERT_TRUE(r) << r.error().describe();
    // Read while the ledger is still open: closing it would empty the log anyway.
    auto log = read_file(file_.string() + "-wal");
    ASSERT_TRUE(log);
    EXPECT_EQ(log->find("Amira Khan"), std::string::npos);
}

TEST_F(LedgerTest, RecordsNothingMoreForAnErasedLearner) {
    auto l = open();
    const std::string id = add_learner(l);
    ASSERT_TRUE(l.erase_learner(id));
    EXPECT_FALSE(l.record_session(id, prevent_course(), true));
    EXPECT_FALSE(l.erase_learner(id));
}

TEST_F(LedgerTest, SaysWhichLearnerIsUnknown) {
    auto l = open();
    auto learner = l.learner("nobody");
    ASSERT_FALSE(learner);
    EXPECT_EQ(learner.error().code, ErrorCode::not_found);
    EXPECT_NE(learner.error().message.find("nobody"), std::string::npos);
}
