// The `waymark learner` and `waymark ledger` commands, run as a manager would.
#include <sys/wait.h>

#include <cstdio>

#include "ledger_fixture.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

struct CliRun {
    int exit_code = 0;
    std::string out;
};

CliRun run(const std::string& args) {
    CliRun r;
    FILE* p = ::popen((std::string(WAYMARK_CLI) + " " + args + " 2>&1").c_str(), "r");
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    r.exit_code = WEXITSTATUS(::pclose(p));
    return r;
}

}  // namespace

TEST_F(LedgerTest, LearnerListStartsEachLineWithTheIdThatShowTakes) {
    const std::string ledger = " --ledger " + file_.string();
    const CliRun added =
        run("learner add --name 'Amira Khan' --staff-id S1 --team Safeguarding"
            " --role Practitioner" +
            ledger);
    ASSERT_EQ(added.exit_code, 0) << added.out;
    const std::string id = added.out.substr(0, added.out.find('\n'));
    const CliRun list = run("learner list" + ledger);
    ASSERT_EQ(list.exit_code, 0);
    const std::string second_line = list.out.substr(list.out.find('\n') + 1);
    EXPECT_EQ(second_line.rfind(id + " ", 0), 0u) << list.out;
    EXPECT_EQ(run("learner show " + id + ledger).exit_code, 0);
}

TEST_F(LedgerTest, LedgerVerifyExitsOneAndNamesTheFirstBadEvent) {
    const std::string ledger = " --ledger " + file_.string();
    ASSERT_EQ(run("learner add --name A --staff-id S1 --team T --role R" + ledger).exit_code, 0);
    ASSERT_EQ(run("learner add --name B --staff-id S2 --team T --role R" + ledger).exit_code, 0);
    EXPECT_EQ(run("ledger verify" + ledger).exit_code, 0);
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE events SET learner_id = 'x' WHERE seq = 2"), 0);
    const CliRun verify = run("ledger verify" + ledger);
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE(verify.out.find("first bad event: 2"), std::string::npos) << verify.out;
}

TEST_F(LedgerTest, LearnerAddWithoutARoleIsAUsageError) {
    EXPECT_EQ(
        run("learner add --name A --staff-id S1 --team T --ledger " + file_.string()).exit_code, 2);
}

TEST_F(LedgerTest, MergeShowsTheKeyOfADeviceSeenForTheFirstTime) {
    const auto other = dir_ / "laptop.db";
    ASSERT_EQ(run("learner add --name A --staff-id S1 --team T --role R --ledger " + other.string())
                  .exit_code,
              0);
    const CliRun stats = run("ledger stats --ledger " + other.string());
    const auto key_at = stats.out.find("(key ");
    ASSERT_NE(key_at, std::string::npos) << stats.out;
    const std::string fingerprint =
        stats.out.substr(key_at + 5, stats.out.find(')', key_at) - key_at - 5);

    ASSERT_EQ(run("learner add --name B --staff-id S2 --team T --role R --ledger " + file_.string())
                  .exit_code,
              0);
    const CliRun merge = run("ledger merge " + other.string() + " --ledger " + file_.string());
    ASSERT_EQ(merge.exit_code, 0) << merge.out;
    EXPECT_NE(merge.out.find("new device"), std::string::npos) << merge.out;
    EXPECT_NE(merge.out.find("key " + fingerprint), std::string::npos) << merge.out;
    const CliRun again = run("ledger merge " + other.string() + " --ledger " + file_.string());
    EXPECT_EQ(again.out.find("new device"), std::string::npos) << again.out;
}

TEST_F(LedgerTest, LearnerAddRefusesAStaffIdWithASpaceNamingTheOptionAndTheFix) {
    const CliRun added =
        run("learner add --name A --staff-id 'wf 1' --team T --role R --ledger " + file_.string());
    EXPECT_EQ(added.exit_code, 2);
    EXPECT_NE(added.out.find("--staff-id: A staff id holds only letters, digits and hyphens: type "
                             "wf-1 instead."),
              std::string::npos)
        << added.out;
    EXPECT_FALSE(std::filesystem::exists(file_)) << "a refused learner created a ledger";
}

TEST_F(LedgerTest, LearnerAddRefusesAStaffIdThatDiffersFromAnotherOnlyByCase) {
    const std::string ledger = " --ledger " + file_.string();
    ASSERT_EQ(run("learner add --name A --staff-id wf-1 --team T --role R" + ledger).exit_code, 0);
    const CliRun again = run("learner add --name B --staff-id WF-1 --team T --role R" + ledger);
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.out.find("already has the staff id WF-1"), std::string::npos) << again.out;
}

TEST_F(LedgerTest, LearnerAddOfATakenStaffIdSpeaksToWhoeverTypesTheCommand) {
    // A manager adding someone else has no list of learners to pick their name from.
    const std::string ledger = " --ledger " + file_.string();
    ASSERT_EQ(run("learner add --name A --staff-id wf-1 --team T --role R" + ledger).exit_code, 0);
    const CliRun again = run("learner add --name B --staff-id WF-1 --team T --role R" + ledger);
    EXPECT_EQ(again.out.find("pick your name"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("check the id on the badge or payslip"), std::string::npos)
        << again.out;
}

TEST_F(LedgerTest, LearnerAddRefusesControlCharactersInAName) {
    // popen's shell (dash) has no $'...': printf makes the escape character.
    const CliRun added =
        run("learner add --name \"$(printf 'A\\033[2J')\" --staff-id S1"
            " --team T --role R --ledger " +
            file_.string());
    EXPECT_EQ(added.exit_code, 2) << added.out;
    EXPECT_NE(added.out.find("--name"), std::string::npos) << added.out;
}

TEST_F(LedgerTest, LearnerPinResetClearsTheLearnersPinByStaffIdInAnyCase) {
    std::string learner;
    {
        Ledger l = open();
        learner = add_learner(l, "WF-1");
        ASSERT_TRUE(l.set_learner_pin(learner, "4829", PassphraseCost::test_minimum));
    }
    const CliRun reset = run("learner pin-reset wf-1 --ledger " + file_.string());
    ASSERT_EQ(reset.exit_code, 0) << reset.out;
    EXPECT_NE(reset.out.find("choose a new one"), std::string::npos) << reset.out;
    Ledger l = open();
    EXPECT_FALSE(l.has_learner_pin(learner).value());
}

TEST_F(LedgerTest, LearnerPinResetOfAnUnknownStaffIdSaysWhereToLook) {
    {
        Ledger l = open();
        add_learner(l, "WF-1");
    }
    const CliRun reset = run("learner pin-reset WF-2 --ledger " + file_.string());
    EXPECT_EQ(reset.exit_code, 1);
    EXPECT_NE(reset.out.find("waymark learner list"), std::string::npos) << reset.out;
}
