#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "journey.hpp"
#include "waymark/core/files.hpp"
#include "waymark/player/manager.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

namespace fs = std::filesystem;

struct Passphrase : ::testing::Test {
    fs::path dir = fs::temp_directory_path() / ("waymark-manager-" + std::to_string(::getpid()));
    fs::path file = dir / "manager.pass";
    void SetUp() override { fs::remove_all(dir); }
    void TearDown() override { fs::remove_all(dir); }
};

}  // namespace

TEST_F(Passphrase, IsNotSetOnANewDevice) {
    EXPECT_FALSE(ManagerPassphrase(file).is_set());
}

TEST_F(Passphrase, RefusesOneShorterThanTenCharacters) {
    auto r = ManagerPassphrase(file).set("short", "short");
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(ManagerPassphrase(file).is_set());
}

TEST_F(Passphrase, RefusesAConfirmationThatDiffers) {
    EXPECT_FALSE(ManagerPassphrase(file).set("correct horse battery", "correct horse batery").ok());
}

TEST_F(Passphrase, StoresOnlyAnArgon2idHashReadableByItsOwner) {
    ASSERT_TRUE(ManagerPassphrase(file).set("correct horse battery", "correct horse battery"));
    const auto text = read_file(file).value();
    EXPECT_EQ(text.rfind("$argon2id$", 0), 0u) << text;
    EXPECT_EQ(text.find("correct horse"), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(Passphrase, AcceptsTheRightPassphraseAndRefusesAWrongOne) {
    ManagerPassphrase gate(file);
    ASSERT_TRUE(gate.set("correct horse battery", "correct horse battery"));
    EXPECT_TRUE(gate.check("correct horse battery").value());
    EXPECT_FALSE(gate.check("Correct horse battery").value());
}

TEST_F(Passphrase, CannotBeSetTwice) {
    ManagerPassphrase gate(file);
    ASSERT_TRUE(gate.set("correct horse battery", "correct horse battery"));
    EXPECT_FALSE(gate.set("another long passphrase", "another long passphrase").ok());
}

TEST_F(Passphrase, ReportsADamagedFileInsteadOfLettingAnyoneIn) {
    fs::create_directories(dir);
    ASSERT_TRUE(write_file_atomic(file, "garbage"));
    auto r = ManagerPassphrase(file).check("garbage");
    EXPECT_TRUE(!r.ok() || !*r);
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

TEST_F(Passphrase, PlayerOpensTheDashboardOnlyWithTheRightPassphrase) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    ASSERT_TRUE(ManagerPassphrase(file).set("correct horse battery", "correct horse battery"));
    PlayerOptions o;
    o.manager_passphrase_file = file;
    Player p({test::sample_course()}, j, o);
    p.open_manager();
    ASSERT_EQ(p.screen(), Screen::manager_sign_in);
    p.manager_passphrase() = "wrong";
    p.submit_manager_passphrase();
    EXPECT_EQ(p.screen(), Screen::manager_sign_in);
    EXPECT_FALSE(p.manager_problem().empty());
    EXPECT_TRUE(p.manager_passphrase().empty());
    p.manager_passphrase() = "correct horse battery";
    p.submit_manager_passphrase();
    ASSERT_EQ(p.screen(), Screen::manager);
    ASSERT_NE(p.dashboard(), nullptr);
    p.close_manager();
    EXPECT_EQ(p.screen(), Screen::learners);
    EXPECT_EQ(p.dashboard(), nullptr);
}
