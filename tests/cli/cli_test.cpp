// End-to-end tests of the `waymark` program: run it as a trainer would and check what it
// prints, the files it writes and its exit code.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "run_program.hpp"
#include "scratch_folder.hpp"

namespace waymark::cli_testing {
namespace {

const std::string kSample = std::string(WAYMARK_SOURCE_DIR) + "/courses/waymark-sample";
const std::string kBroken = std::string(WAYMARK_FIXTURES) + "/courses/broken";

class Cli : public ::testing::Test {
  protected:
    void SetUp() override {
        // No trusted keys from the real home.
        ::setenv("XDG_CONFIG_HOME", dir_.path().c_str(), 1);
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // A key pair NAME.key / NAME.pub in the test's folder.
    void keygen(const std::string& name) {
        const CommandRun r = waymark("keygen --out " + quoted(path(name)));
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    // Packs the sample course with NAME.key into OUT.
    void pack_sample(const std::string& key, const std::string& out) {
        const CommandRun r = waymark("pack " + quoted(kSample) + " --key " +
                                     quoted(path(key + ".key")) + " -o " + quoted(path(out)));
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    std::string read(const std::string& name) const {
        std::ifstream in(path(name), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    const waymark::testing::ScratchFolder dir_{"cli"};
};

}  // namespace

TEST_F(Cli, CheckPassesTheSampleCourseWithNoWarnings) {
    const CommandRun r = waymark("check " + quoted(kSample));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("0 errors, 0 warnings"), std::string::npos) << r.output;
}

TEST_F(Cli, CheckReportsEveryProblemWithFileLineAndColumnAndExitsOne) {
    const CommandRun r = waymark("check " + quoted(kBroken));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(kBroken + "/course.json:18:5: error: unknown key \"pasmark\" in the "
                                      "assessment (did you mean \"pass_mark\"?)"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find(kBroken + "/modules/01-only.md:5"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("image \"assets/fourp.png\" not found"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("contact \"nobody\""), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("has no correct answer"), std::string::npos) << r.output;
}

TEST_F(Cli, CheckOfAFolderThatDoesNotExistIsAUsageError) {
    const CommandRun r = waymark("check " + quoted(path("nowhere")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("not a folder"), std::string::npos) << r.output;
}

TEST_F(Cli, AnUnknownCommandIsAUsageError) {
    const CommandRun r = waymark("chekc " + quoted(kSample));
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

// Usage errors name the word that is not known where it was typed, suggest the nearest
// known one, and point to the help of the command the person was in. CLI11's own words
// were "A subcommand is required" for each of these, and the top level's help.
TEST_F(Cli, AMistypedCommandIsNamedWithTheNearestCommand) {
    const CommandRun r = waymark("chekc " + quoted(kSample));
    EXPECT_NE(r.output.find("'chekc' is not a command; did you mean 'check'?"), std::string::npos)
        << r.output;
}

TEST_F(Cli, AMistypedCommandOfAGroupListsTheGroupsCommands) {
    const CommandRun r = waymark("ledger verfy --ledger " + quoted(path("l.db")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("waymark ledger: 'verfy' is not a command; did you mean 'verify'?"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("run 'waymark ledger --help'"), std::string::npos) << r.output;
}

TEST_F(Cli, TheWordsOfACommandInTheWrongOrderSuggestTheCommand) {
    const CommandRun r = waymark("learner reset-pin S1001");
    EXPECT_NE(r.output.find("did you mean 'pin-reset'?"), std::string::npos) << r.output;
}

TEST_F(Cli, AGroupWithoutACommandListsItsCommands) {
    const CommandRun r = waymark("learner");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("name one of its commands: add, list, show, pin-reset or erase"),
              std::string::npos)
        << r.output;
}

// "--formt csv" read as --format missing: the message now names what was typed.
TEST_F(Cli, AMistypedOptionIsNamedNotTheOptionItWasMeantToBe) {
    const CommandRun r = waymark("report --formt csv --ledger " + quoted(path("l.db")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("waymark report: '--formt' is not an option; did you mean '--format'?"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("Run 'waymark report --help' for its options."), std::string::npos)
        << r.output;
}

TEST_F(Cli, AWordFarFromEveryCommandGetsNoSuggestion) {
    const CommandRun r = waymark("learner photograph");
    EXPECT_NE(r.output.find("'photograph' is not a command\n"), std::string::npos) << r.output;
}

// What is typed is printed back: a word holding a terminal escape is shown, not obeyed.
TEST_F(Cli, AnUnknownWordIsPrintedWithoutItsControlCharacters) {
    const CommandRun r = waymark("learner \"$(printf '\\033]0;owned\\007')\"");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(r.output.find('\033'), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("is not a command"), std::string::npos) << r.output;
}

// CLI11 quotes an unexpected argument in its own message, which was printed as it was.
TEST_F(Cli, AnUnexpectedArgumentIsPrintedWithoutItsControlCharacters) {
    const CommandRun r = waymark("ledger verify --ledger " + quoted(path("l.db")) +
                                 " \"$(printf '\\033]0;owned\\007')\"");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(r.output.find('\033'), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("not expected"), std::string::npos) << r.output;
}

TEST_F(Cli, VersionIsTheProjectVersion) {
    const CommandRun r = waymark("--version");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output, std::string("waymark ") + WAYMARK_VERSION + "\n");
}

// One --ledger option: every command on a ledger describes it with the same words.
TEST_F(Cli, EveryCommandOnALedgerDescribesTheLedgerOptionAlike) {
    const std::string help = waymark("report --help").output;
    const auto at = help.find("--ledger");
    ASSERT_NE(at, std::string::npos) << help;
    const std::string line = help.substr(at, help.find('\n', at) - at);
    for (const char* command :
         {"learner add", "learner list", "learner show", "learner erase", "ledger verify",
          "ledger witness", "ledger rebuild", "ledger backup", "ledger merge", "ledger stats",
          "settings show", "settings set", "settings unset", "certificate", "certificate verify",
          "manager passphrase", "sync", "xapi export"}) {
        const std::string other = waymark(std::string(command) + " --help").output;
        EXPECT_TRUE(contains(other, line)) << command << ":\n" << other;
    }
}

TEST_F(Cli, KeygenWritesASecretKeyOnlyItsOwnerCanRead) {
    keygen("publisher");
    struct stat st {};
    ASSERT_EQ(::stat(path("publisher.key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_TRUE(fs::exists(path("publisher.pub")));
}

TEST_F(Cli, KeygenRefusesToOverwriteAKey) {
    keygen("publisher");
    const CommandRun r = waymark("keygen --out " + quoted(path("publisher")));
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("already exists"), std::string::npos) << r.output;
}

TEST_F(Cli, PackedSampleVerifiesAgainstItsPublisherKey) {
    keygen("publisher");
    pack_sample("publisher", "sample.wmpkg");
    const CommandRun r = waymark("verify " + quoted(path("sample.wmpkg")) + " --trust " +
                                 quoted(path("publisher.pub")));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("trusted"), std::string::npos) << r.output;
}

TEST_F(Cli, VerifyFailsWhenNoTrustedKeySignedThePackage) {
    keygen("publisher");
    keygen("stranger");
    pack_sample("publisher", "sample.wmpkg");
    CommandRun r = waymark("verify " + quoted(path("sample.wmpkg")) + " --trust " +
                           quoted(path("stranger.pub")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("not trusted"), std::string::npos) << r.output;
    r = waymark("verify " + quoted(path("sample.wmpkg")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("no trusted keys were given"), std::string::npos) << r.output;
}

TEST_F(Cli, VerifyTrustsKeysInATrustDirectory) {
    keygen("publisher");
    pack_sample("publisher", "sample.wmpkg");
    fs::create_directories(dir_ / "trusted");
    fs::copy_file(path("publisher.pub"), dir_ / "trusted" / "publisher.pub");
    const CommandRun r = waymark("verify " + quoted(path("sample.wmpkg")) + " --trust-dir " +
                                 quoted(path("trusted")));
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(Cli, PackingTheSameFolderTwiceGivesIdenticalFiles) {
    keygen("publisher");
    pack_sample("publisher", "a.wmpkg");
    pack_sample("publisher", "b.wmpkg");
    EXPECT_EQ(read("a.wmpkg"), read("b.wmpkg"));
    EXPECT_FALSE(read("a.wmpkg").empty());
}

TEST_F(Cli, PackRefusesACourseWithErrorsAndWritesNothing) {
    keygen("publisher");
    const CommandRun r =
        waymark("pack " + quoted(kBroken) + " --key " + quoted(path("publisher.key")) + " -o " +
                quoted(path("broken.wmpkg")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("not packed"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(path("broken.wmpkg")));
}

TEST_F(Cli, PackRefusesASecretKeyOthersCanRead) {
    keygen("publisher");
    fs::permissions(path("publisher.key"), fs::perms::others_read, fs::perm_options::add);
    const CommandRun r =
        waymark("pack " + quoted(kSample) + " --key " + quoted(path("publisher.key")) + " -o " +
                quoted(path("sample.wmpkg")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("chmod 600"), std::string::npos) << r.output;
}

TEST_F(Cli, InspectShowsWhatThePackageHolds) {
    keygen("publisher");
    pack_sample("publisher", "sample.wmpkg");
    const CommandRun r = waymark("inspect " + quoted(path("sample.wmpkg")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const char* expected :
         {"Waymark sample course", "1.0.0", "Waymark", "not trusted", "1. Writing pages",
          "2. Writing questions", "11 in the assessment bank", "5 knowledge checks",
          "estimated time:  10 minutes", "content digest:"})
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
}

TEST_F(Cli, VerifyRefusesATamperedPackageNamingTheEntry) {
    keygen("publisher");
    pack_sample("publisher", "sample.wmpkg");
    // Flip one byte of the image's data, found through its zip local file header
    // ("PK\3\4", 26 bytes of fields, name length, extra length, name, extra, data).
    std::string bytes = read("sample.wmpkg");
    const std::string name = "assets/signpost.png";
    std::size_t header = std::string::npos;
    for (auto at = bytes.find(name); at != std::string::npos; at = bytes.find(name, at + 1))
        if (at >= 30 && bytes.compare(at - 30, 4, "PK\x03\x04") == 0)
            header = at - 30;
    ASSERT_NE(header, std::string::npos);
    const auto u16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at])) |
               static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
    };
    const std::size_t data = header + 30 + u16(header + 26) + u16(header + 28);
    bytes[data + 20] ^= 0x01;
    std::ofstream(path("tampered.wmpkg"), std::ios::binary) << bytes;
    const CommandRun r = waymark("verify " + quoted(path("tampered.wmpkg")) + " --trust " +
                                 quoted(path("publisher.pub")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("assets/signpost.png"), std::string::npos) << r.output;
}

TEST_F(Cli, GiftListPrintsOneLinePerQuestionWithItsType) {
    const CommandRun r =
        waymark("gift import " + quoted(std::string(WAYMARK_FIXTURES) + "/gift/true_false.gift") +
                " --list 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.substr(0, r.output.find('\n')), "1\ttrue-false\tPrevent duty");
}

TEST_F(Cli, GiftImportWritesNothingWhenAQuestionHasAnError) {
    const CommandRun r =
        waymark("gift import " + quoted(std::string(WAYMARK_FIXTURES) + "/gift/errors.gift") +
                " -o " + quoted(path("bank.json")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("errors.gift:5: error:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("errors.gift:9: error:"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(path("bank.json")));
}

TEST_F(Cli, GiftImportKeepsTheGoodQuestionsWithKeepGoingButStillExitsOne) {
    const CommandRun r =
        waymark("gift import " + quoted(std::string(WAYMARK_FIXTURES) + "/gift/errors.gift") +
                " -o " + quoted(path("bank.json")) + " --keep-going");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(read("bank.json").find("\"waymark-bank\""), std::string::npos);
}

TEST_F(Cli, GiftExportWarnsAboutTypesGiftCannotExpress) {
    const CommandRun r = waymark("gift export " + quoted(kSample + "/questions/final.json") +
                                 " -o " + quoted(path("final.gift")));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"sample-trust\" is a scenario question"), std::string::npos)
        << r.output;
    EXPECT_NE(read("final.gift").find("What starts a new page"), std::string::npos);
}

TEST_F(Cli, GiftRoundTripThroughJsonGivesTheSameGift) {
    const std::string source = std::string(WAYMARK_FIXTURES) + "/gift/moodle_export.gift";
    ASSERT_EQ(waymark("gift import " + quoted(source) + " -o " + quoted(path("a.json"))).exit_code,
              0);
    ASSERT_EQ(waymark("gift export " + quoted(path("a.json")) + " -o " + quoted(path("a.gift")))
                  .exit_code,
              0);
    ASSERT_EQ(waymark("gift import " + quoted(path("a.gift")) + " -o " + quoted(path("b.json")))
                  .exit_code,
              0);
    EXPECT_EQ(read("a.json"), read("b.json"));
}

}  // namespace waymark::cli_testing
