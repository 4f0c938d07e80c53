#include "ledger_fixture.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

class MergeTest : public LedgerTest {
  protected:
    std::filesystem::path other_file() const { return dir_ / "laptop.db"; }

    // A second device's ledger with one learner who read three pages and completed.
    std::string fill_other() {
        auto other = Ledger::open(other_file());
        EXPECT_TRUE(other);
        auto learner = other->add_learner(sample_person("L7"));
        EXPECT_TRUE(learner);
        view_pages(*other, learner->id, 3);
        EXPECT_TRUE(other->record_completion(learner->id, prevent_course(),
                                             CourseCompleted{"a9", 0.85, 12}));
        return learner->id;
    }
};

}  // namespace

TEST_F(MergeTest, ImportsAnotherDevicesEventsAndTheirProjections) {
    auto l = open();
    view_pages(l, add_learner(l), 2);
    const std::string visitor = fill_other();
    auto report = l.merge(other_file());
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->imported, 5);
    EXPECT_EQ(report->learners_added, 1);
    auto c = l.completions(visitor, "prevent-duty");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->size(), 1u);
    auto check = l.verify();
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->ok()) << check->problems.front();
}

TEST_F(MergeTest, NamesADeviceSeenForTheFirstTimeWithItsKey) {
    auto l = open();
    fill_other();
    auto report = l.merge(other_file());
    ASSERT_TRUE(report) << report.error().describe();
    auto other = Ledger::open(other_file());
    ASSERT_TRUE(other);
    ASSERT_EQ(report->new_devices.size(), 1u);
    EXPECT_EQ(report->new_devices[0].id, other->device_id());
    EXPECT_EQ(report->new_devices[0].key, other->device_public_key());
}

TEST_F(MergeTest, NamesNoNewDeviceWhenMergingAgain) {
    auto l = open();
    fill_other();
    ASSERT_TRUE(l.merge(other_file()));
    auto again = l.merge(other_file());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->new_devices.empty());
}

TEST_F(MergeTest, SkipsEventsAlreadyImported) {
    auto l = open();
    fill_other();
    ASSERT_TRUE(l.merge(other_file()));
    auto again = l.merge(other_file());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->imported, 0);
    EXPECT_EQ(again->duplicates, 5);
}

TEST_F(MergeTest, RefusesALedgerWhoseChainDoesNotVerify) {
    auto l = open();
    fill_other();
    ASSERT_EQ(sqlite3_cli(other_file(),
                          "UPDATE events SET time = '2001-01-01T00:00:00Z'"
                          " WHERE seq = 2"),
              0);
    auto report = l.merge(other_file());
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message.find("does not verify"), std::string::npos);
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events"), "0");
}

TEST_F(MergeTest, BringsAnErasureAcrossDevices) {
    std::string id;
    {
        auto l = open();
        id = add_learner(l);
    }
    std::filesystem::copy_file(file_, other_file());
    std::filesystem::copy_file(dir_ / "ledger.db.key", dir_ / "laptop.db.key");
    std::filesystem::copy_file(dir_ / "ledger.db.pub", dir_ / "laptop.db.pub");
    {
        auto copy = Ledger::open(other_file());
        ASSERT_TRUE(copy) << copy.error().describe();
        ASSERT_TRUE(copy->erase_learner(id));
    }
    auto l = open();
    ASSERT_TRUE(l.merge(other_file()));
    auto learner = l.learner(id);
    ASSERT_TRUE(learner);
    EXPECT_TRUE(learner->erased());
}

TEST_F(LedgerTest, BacksUpToAFileThatVerifiesOnItsOwn) {
    auto l = open();
    view_pages(l, add_learner(l), 5);
    const auto copy = dir_ / "backup.db";
    auto r = l.backup(copy);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(query(copy, "SELECT count(*) FROM events"), "6");
    EXPECT_EQ(query(copy, "PRAGMA integrity_check"), "ok");
}

TEST_F(LedgerTest, RefusesToOverwriteAnEarlierBackup) {
    auto l = open();
    const auto copy = dir_ / "backup.db";
    ASSERT_TRUE(l.backup(copy));
    auto again = l.backup(copy);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
}

TEST_F(LedgerTest, ReportsItsSize) {
    auto l = open();
    view_pages(l, add_learner(l), 3);
    auto s = l.stats();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->events, 4);
    EXPECT_EQ(s->learners, 1);
    EXPECT_EQ(s->devices, 1);
    EXPECT_EQ(s->schema_version, kSchemaVersion);
}
