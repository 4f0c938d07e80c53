// `waymark verify-export` as an auditor uses it: the export is checked against the device
// keys the auditor trusts (--trust, --trust-dir, the trusted-keys folder, --ledger), never
// against the key written in its own .sig.
#include "run_waymark.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/core/keys.hpp"

namespace waymark::cli_testing {
namespace {

class VerifyExport : public GeneratedLedgerTest {
  protected:
    void SetUp() override {
        GeneratedLedgerTest::SetUp();
        crypto_init();
        // No trusted-keys folder of the person running the tests may take part.
        ::setenv("XDG_CONFIG_HOME", path("config").c_str(), 1);
        report("csv", "report.csv");
    }
    void TearDown() override {
        ::unsetenv("XDG_CONFIG_HOME");
        GeneratedLedgerTest::TearDown();
    }
    CommandRun verify_export(const std::string& options) const {
        return waymark("verify-export " + quoted(path("report.csv")) + " " + options);
    }
    std::string trust_device() const { return "--trust " + quoted(path("ledger.db.pub")); }
    std::string device_fingerprint() const {
        auto key = read_public_key(path("ledger.db.pub"));
        EXPECT_TRUE(key);
        return key ? key->fingerprint() : "?";
    }
    // A key pair of someone else's making: NAME.key and NAME.pub in the test folder.
    Ed25519KeyPair other_key(const std::string& name) const {
        const auto pair = Ed25519KeyPair::generate();
        EXPECT_TRUE(write_key_pair(path(name), pair));
        return pair;
    }
    // Replaces report.csv.sig with `lines` (everything before the signature line) signed
    // by `key`, as anyone holding that key could write it.
    void sign_by_hand(std::string lines, const Ed25519SecretKey& key) const {
        write_file(path("report.csv.sig"), lines + "signature: " + to_hex(sign(key, lines)) + "\n");
    }
    std::string signed_lines() const {
        const std::string sig = read_file(path("report.csv.sig"));
        return sig.substr(0, sig.rfind("\nsignature: ") + 1);
    }
    static std::string with_line(std::string text, const std::string& name,
                                 const std::string& value) {
        const auto at = text.find("\n" + name + ": ") + 1;
        return text.replace(at, text.find('\n', at) - at, name + ": " + value);
    }
};

TEST_F(VerifyExport, AnUnchangedExportSignedByTheTrustedDeviceKeyVerifies) {
    const CommandRun v = verify_export(trust_device());
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(contains(v.output, "unchanged since it was signed")) << v.output;
    EXPECT_TRUE(contains(v.output, device_fingerprint())) << v.output;
    EXPECT_TRUE(contains(v.output, "checkpoint signature valid")) << v.output;
}

// The key inside the .sig is never trusted on its own, not even when it is the right one.
TEST_F(VerifyExport, WithNoTrustGivenItFailsShowingTheFingerprintAndWhatToDo) {
    const CommandRun v = verify_export("");
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "signed by key " + device_fingerprint())) << v.output;
    EXPECT_TRUE(contains(v.output, "waymark ledger stats")) << v.output;
    EXPECT_TRUE(contains(v.output, "--trust")) << v.output;
}

// The attack: edit the report, sign it again with one's own key, copy the device id in.
TEST_F(VerifyExport, AnEditedReportSignedAgainWithAnotherKeyFails) {
    std::string bytes = read_file(path("report.csv"));
    bytes.replace(bytes.find(",overdue,"), 9, ",completed,");
    write_file(path("report.csv"), bytes);
    const auto forger = other_key("forger");
    std::string lines = signed_lines();  // the real device id stays in
    lines = with_line(lines, "size", std::to_string(bytes.size()));
    lines = with_line(lines, "sha256", to_hex(sha256(bytes)));
    lines = with_line(lines, "key", to_hex(forger.public_key.bytes));
    // The checkpoint signed again too, by the same key, so that the file is consistent.
    const auto field = [&](const std::string& name) {
        const auto at = lines.find("\n" + name + ": ") + name.size() + 3;
        return lines.substr(at, lines.find('\n', at) - at);
    };
    const std::string checkpoint = "waymark-checkpoint-v1\n" + field("device") + "\n" +
                                   field("checkpoint-seq") + "\n" + field("checkpoint-head") +
                                   "\n" + field("checkpoint-time") + "\n" +
                                   field("checkpoint-reason") + "\n";
    lines = with_line(lines, "checkpoint-signature", to_hex(sign(forger.secret_key, checkpoint)));
    sign_by_hand(lines, forger.secret_key);

    const CommandRun v = verify_export(trust_device());
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "signed by key " + forger.public_key.fingerprint())) << v.output;
    EXPECT_TRUE(contains(v.output, "not trusted")) << v.output;
}

TEST_F(VerifyExport, AnEditedFileFailsEvenWithTheDeviceKeyTrusted) {
    std::string bytes = read_file(path("report.csv"));
    bytes[bytes.size() / 2] ^= 0x01;
    write_file(path("report.csv"), bytes);
    const CommandRun v = verify_export(trust_device());
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "does NOT verify")) << v.output;
}

TEST_F(VerifyExport, AKeyInATrustDirThatIsNotTheDevicesDoesNotMakeItVerify) {
    fs::create_directory(path("keys"));
    other_key("keys/someone-else");
    const CommandRun v = verify_export("--trust-dir " + quoted(path("keys")));
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "signed by key " + device_fingerprint())) << v.output;
}

TEST_F(VerifyExport, TheDeviceKeyInTheTrustedKeysFolderIsTrusted) {
    fs::create_directories(path("config/waymark/trusted-keys"));
    fs::copy_file(path("ledger.db.pub"), path("config/waymark/trusted-keys/device.pub"));
    const CommandRun v = verify_export("");
    EXPECT_EQ(v.exit_code, 0) << v.output;
}

TEST_F(VerifyExport, ACopyOfTheLedgerTrustsItsDeviceKeyAndIsNotChanged) {
    fs::create_directory(path("copy"));
    fs::copy_file(path("ledger.db"), path("copy/ledger.db"));
    const std::string before = read_file(path("copy/ledger.db"));
    const CommandRun v = verify_export("--ledger " + quoted(path("copy/ledger.db")));
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_EQ(read_file(path("copy/ledger.db")), before);
}

TEST_F(VerifyExport, ACopyOfAnotherLedgerDoesNotMakeItVerify) {
    const CommandRun gen = run_program(
        WAYMARK_GEN, "--learners 2 --courses 1 --seed 3 --ledger " + quoted(path("other.db")));
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
    const CommandRun v = verify_export("--ledger " + quoted(path("other.db")));
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "signed by key " + device_fingerprint())) << v.output;
}

TEST_F(VerifyExport, AnOlderVersionOneSignatureStillVerifiesAndSaysItHasNoCheckpointSignature) {
    std::string lines = signed_lines();
    lines.replace(0, lines.find('\n'), "waymark-export-signature-v1");
    lines.erase(lines.find("checkpoint-reason: "));
    auto key = read_secret_key(path("ledger.db.key"));
    ASSERT_TRUE(key);
    sign_by_hand(lines, *key);
    const CommandRun v = verify_export(trust_device());
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(contains(v.output, "older format, no checkpoint signature")) << v.output;
}

TEST_F(VerifyExport, ATrustedKeyFileThatDoesNotExistIsAnErrorNamingIt) {
    const CommandRun v = verify_export("--trust " + quoted(path("missing.pub")));
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "missing.pub")) << v.output;
}

}  // namespace
}  // namespace waymark::cli_testing
