// `waymark manager passphrase` as an administrator uses it: the passphrase comes from a
// file only its owner can read, or is typed on a terminal; never from anywhere else.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_program.hpp"
#include "scratch_folder.hpp"

namespace waymark::cli_testing {
namespace {

constexpr const char* kPassphrase = "correct horse battery staple";

class ManagerPassphraseCommand : public ::testing::Test {
  protected:
    void SetUp() override { ::unsetenv("WAYMARK_LEDGER"); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // The passphrase on the first line of a file with these permissions.
    std::string passphrase_file(fs::perms mode, const std::string& text = kPassphrase) const {
        const fs::path file = dir_ / "manager-passphrase.txt";
        write_file(file, text + "\nthe second line is not part of it\n");
        fs::permissions(file, mode, fs::perm_options::replace);
        return file.string();
    }

    // Stdin from /dev/null: never a terminal, however the tests are run.
    CommandRun set_from(const std::string& file) const {
        return waymark("manager passphrase --ledger " + quoted(path("ledger.db")) +
                       " --passphrase-file " + quoted(file) + " </dev/null");
    }

    bool ledger_has_passphrase_event() const {
        const CommandRun r = waymark("ledger stats --ledger " + quoted(path("ledger.db")));
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return contains(r.output, "manager-passphrase-set");
    }

    const waymark::testing::ScratchFolder dir_{"cli-manager"};
};

}  // namespace

TEST_F(ManagerPassphraseCommand, AFileOthersCanReadIsRefusedWithTheFix) {
    const std::string file = passphrase_file(fs::perms::owner_read | fs::perms::owner_write |
                                             fs::perms::group_read | fs::perms::others_read);
    const CommandRun r = set_from(file);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "chmod 600 " + file)) << r.output;
    EXPECT_TRUE(contains(r.output, "0644")) << r.output;
    EXPECT_FALSE(ledger_has_passphrase_event());
}

TEST_F(ManagerPassphraseCommand, AFileOnlyItsOwnerCanReadSetsThePassphrase) {
    const CommandRun r = set_from(passphrase_file(fs::perms::owner_read | fs::perms::owner_write));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "the manager passphrase was set (ledger " + path("ledger.db")))
        << r.output;
    EXPECT_TRUE(ledger_has_passphrase_event());
}

TEST_F(ManagerPassphraseCommand, NeverPrintsThePassphrase) {
    const CommandRun r = set_from(passphrase_file(fs::perms::owner_read | fs::perms::owner_write));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(contains(r.output, "horse")) << r.output;
    EXPECT_FALSE(contains(r.output, "second line")) << r.output;
}

TEST_F(ManagerPassphraseCommand, ReplacingAPassphraseIsAllowedAndSaysSo) {
    const std::string file = passphrase_file(fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_EQ(set_from(file).exit_code, 0);
    const CommandRun r = set_from(file);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "replaces the one set before")) << r.output;
}

TEST_F(ManagerPassphraseCommand, AShortPassphraseInTheFileIsRefused) {
    const CommandRun r =
        set_from(passphrase_file(fs::perms::owner_read | fs::perms::owner_write, "too short"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "at least 10 characters")) << r.output;
    EXPECT_FALSE(ledger_has_passphrase_event());
}

TEST_F(ManagerPassphraseCommand, ASymbolicLinkToThePassphraseFileIsRefused) {
    const std::string file = passphrase_file(fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(file, dir_ / "link.txt");
    const CommandRun r = set_from(path("link.txt"));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "symbolic link")) << r.output;
}

// --- the organisation's name, asked for at set-up -----------------------------------

TEST_F(ManagerPassphraseCommand, TheOrganisationGivenIsRecordedAsTheCertificatesIssuer) {
    const std::string file = passphrase_file(fs::perms::owner_read | fs::perms::owner_write);
    const CommandRun r =
        waymark("manager passphrase --ledger " + quoted(path("ledger.db")) + " --passphrase-file " +
                quoted(file) + " --organisation 'Northshire Safeguarding Partnership' </dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "certificates will name Northshire Safeguarding Partnership"))
        << r.output;
    const CommandRun show = waymark("settings show --ledger " + quoted(path("ledger.db")));
    EXPECT_TRUE(contains(show.output, "organisation.name = Northshire Safeguarding Partnership\n"))
        << show.output;
}

TEST_F(ManagerPassphraseCommand, WithNoOrganisationRecordedItSaysHowToRecordOne) {
    const CommandRun r = set_from(passphrase_file(fs::perms::owner_read | fs::perms::owner_write));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "certificates will not say who issued them")) << r.output;
    EXPECT_TRUE(contains(r.output, "waymark settings set organisation.name")) << r.output;
}

TEST_F(ManagerPassphraseCommand, AnOrganisationAlreadyRecordedIsLeftAsItIs) {
    const std::string file = passphrase_file(fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_EQ(
        waymark("manager passphrase --ledger " + quoted(path("ledger.db")) + " --passphrase-file " +
                quoted(file) + " --organisation 'Northshire' </dev/null")
            .exit_code,
        0);
    const CommandRun r = set_from(file);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(contains(r.output, "certificates will")) << r.output;
    const CommandRun show = waymark("settings show --ledger " + quoted(path("ledger.db")));
    EXPECT_TRUE(contains(show.output, "organisation.name = Northshire\n")) << show.output;
}

TEST_F(ManagerPassphraseCommand, WithNoTerminalAndNoFileItIsAUsageError) {
    const CommandRun r =
        waymark("manager passphrase --ledger " + quoted(path("ledger.db")) + " </dev/null");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "--passphrase-file")) << r.output;
    EXPECT_FALSE(fs::exists(path("ledger.db"))) << "nothing is created for a usage error";
}

}  // namespace waymark::cli_testing
