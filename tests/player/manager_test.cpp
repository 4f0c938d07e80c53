// The manager area as the player decides it: the passphrase is the ledger's (set by an
// administrator), wrong tries wait, and the dashboard counts who has done what.
#include <gtest/gtest.h>

#include <unistd.h>

#include "journey.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/player/manager.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

constexpr const char* kPassphrase = "correct horse battery";

// A MemoryJournal that counts the passphrases it was asked to check.
struct CountingJournal : MemoryJournal {
    int checks = 0;
    Result<ManagerCheck> check_manager_passphrase(const std::string& passphrase) override {
        ++checks;
        return MemoryJournal::check_manager_passphrase(passphrase);
    }
};

// A player over a journal holding the manager passphrase, on the learners screen.
struct ManagerArea : ::testing::Test {
    CountingJournal journal;
    test::Journey t{journal};
    Player& p() { return t.p(); }

    void SetUp() override {
        journal.set_manager_passphrase(kPassphrase);
        t.add_learner();
        p().sign_out();
    }
    void type(const std::string& passphrase) {
        p().manager_passphrase() = passphrase;
        p().submit_manager_passphrase();
    }
};

}  // namespace

TEST(ManagerAreaWithoutPassphrase, SaysNoneIsSetAndOffersNoWayToSetOne) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_manager();
    ASSERT_EQ(t.p().screen(), Screen::manager_sign_in);
    EXPECT_FALSE(t.p().manager_passphrase_set());
    EXPECT_FALSE(t.p().can_submit_manager_passphrase());
}

TEST(ManagerAreaWithoutPassphrase, IgnoresAPassphraseTypedAnyway) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_manager();
    t.p().manager_passphrase() = "my own passphrase";
    t.p().submit_manager_passphrase();
    EXPECT_EQ(t.p().screen(), Screen::manager_sign_in);
    EXPECT_EQ(t.p().dashboard(), nullptr);
    EXPECT_FALSE(journal.has_manager_passphrase().value());
}

TEST(ManagerAreaWithoutPassphrase, SeesAPassphraseSetWhileThePlayerWasOpen) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_manager();
    t.p().close_manager();
    journal.set_manager_passphrase(kPassphrase);
    t.p().open_manager();
    EXPECT_TRUE(t.p().manager_passphrase_set());
    EXPECT_TRUE(t.p().can_submit_manager_passphrase());
}

TEST(ManagerAreaWithoutPassphrase, IsNotOfferedInAnAuthorsPreview) {
    MemoryJournal journal;
    test::Journey t(journal);
    ASSERT_TRUE(t.p().start_author_preview());
    EXPECT_FALSE(t.p().has_manager_area());
    t.p().open_manager();
    EXPECT_NE(t.p().screen(), Screen::manager_sign_in);
}

TEST_F(ManagerArea, TheRightPassphraseOpensTheDashboardAndLockingGoesBack) {
    p().open_manager();
    type(kPassphrase);
    ASSERT_EQ(p().screen(), Screen::manager);
    ASSERT_NE(p().dashboard(), nullptr);
    p().close_manager();
    EXPECT_EQ(p().screen(), Screen::learners);
    EXPECT_EQ(p().dashboard(), nullptr);
}

TEST_F(ManagerArea, AWrongPassphraseSaysHowLongToWaitAndClearsWhatWasTyped) {
    p().open_manager();
    type("not the passphrase");
    EXPECT_EQ(p().screen(), Screen::manager_sign_in);
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 1 second.");
    EXPECT_TRUE(p().manager_passphrase().empty());
}

TEST_F(ManagerArea, OpenIsDisabledWhileTheWaitRuns) {
    p().open_manager();
    type("not the passphrase");
    EXPECT_FALSE(p().can_submit_manager_passphrase());
    t.now += 1s;
    EXPECT_TRUE(p().can_submit_manager_passphrase());
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again.");
}

TEST_F(ManagerArea, APassphraseSubmittedDuringTheWaitIsNotChecked) {
    p().open_manager();
    type("not the passphrase");
    ASSERT_EQ(journal.checks, 1);
    type(kPassphrase);
    EXPECT_EQ(journal.checks, 1);
    EXPECT_EQ(p().screen(), Screen::manager_sign_in);
}

TEST_F(ManagerArea, TheWaitCountsDownAndGrowsWithEachWrongPassphrase) {
    p().open_manager();
    type("wrong one");
    t.now += 1s;
    type("wrong two");
    t.now += 2s;
    type("wrong three");
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 4 seconds.");
    t.now += 1500ms;
    EXPECT_EQ(p().manager_wait(), 3s);
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 3 seconds.");
}

TEST_F(ManagerArea, ClosingAndReopeningTheAreaDoesNotEndTheWait) {
    p().open_manager();
    type("not the passphrase");
    p().close_manager();
    p().open_manager();
    EXPECT_FALSE(p().can_submit_manager_passphrase());
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 1 second.");
}

// The ledger keeps the count: a player started after wrong tries in another one (or
// before a restart) learns of the wait from the ledger, which does not check the try.
TEST(ManagerAreaOnTheLedger, AWaitLeftFromAnEarlierPlayerIsShownAndTheTryIsNotChecked) {
    char pattern[] = "/tmp/waymark-player-manager-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    const fs::path dir = pattern;
    UtcTime now = *parse_iso8601("2026-03-02T09:00:00Z");
    ledger::OpenOptions options;
    options.clock = [&now] { return now; };
    {
        auto l = ledger::Ledger::open(dir / "ledger.db", options).value();
        ASSERT_TRUE(l.set_manager_passphrase(kPassphrase));
        for (int i = 0; i < 3; ++i)
            now += l.check_manager_passphrase("a wrong guess").value().wait;
        ASSERT_EQ(l.check_manager_passphrase("a wrong guess").value().wait, 8s);
    }
    now += 2s;
    LedgerJournal journal(ledger::Ledger::open(dir / "ledger.db", options).value());
    PlayerOptions o;
    o.clock = [&now] { return now; };
    Player p({test::sample_course()}, journal, o);
    p.open_manager();
    ASSERT_TRUE(p.manager_passphrase_set());
    p.manager_passphrase() = kPassphrase;
    p.submit_manager_passphrase();
    EXPECT_EQ(p.screen(), Screen::manager_sign_in);
    EXPECT_EQ(p.manager_problem(),
              "Too many wrong passphrases on this device. Try again in 6 seconds.");
    EXPECT_FALSE(p.can_submit_manager_passphrase());
    now += 6s;
    p.manager_passphrase() = kPassphrase;
    p.submit_manager_passphrase();
    EXPECT_EQ(p.screen(), Screen::manager);
    fs::remove_all(dir);
}

TEST(Dashboard, CountsEachTeamOnEachCourse) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner("Ann", "A-1");
    t.read_every_page();
    t.p().start_assessment();
    t.sit(true);
    t.p().sign_out();
    t.add_learner("Bob", "B-1");
    auto board = build_dashboard(j, t.p().learners(), t.p().library(), t.now);
    ASSERT_TRUE(board.ok());
    ASSERT_EQ(board->rows.size(), 1u);  // one team, one course
    EXPECT_EQ(board->rows[0].learners, 2);
    EXPECT_EQ(board->rows[0].completed, 1);
    EXPECT_EQ(board->rows[0].not_started, 1);
    EXPECT_TRUE(board->overdue.empty());
}

TEST(Dashboard, ListsOverdueLearnersMostOverdueFirst) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner("Ann", "A-1");
    t.read_every_page();
    t.p().start_assessment();
    t.sit(true);
    // The sample's refresher is 12 months.
    const auto later = add_months(t.now, 13);
    auto board = build_dashboard(j, t.p().learners(), t.p().library(), later);
    ASSERT_EQ(board->overdue.size(), 1u);
    EXPECT_EQ(board->overdue[0].name, "Ann");
    EXPECT_GT(board->overdue[0].days, 27);
}
