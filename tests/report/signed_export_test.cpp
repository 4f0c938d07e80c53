#include <fstream>

#include "report_fixture.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/signed_export.hpp"

namespace waymark::report::testing {
namespace {

class SignedExport : public ReportTest {
  protected:
    std::filesystem::path signed_file(const std::string& content) {
        const auto file = dir_ / "report.csv";
        std::ofstream(file, std::ios::binary) << content;
        auto key = device_secret_key(*ledger_);
        EXPECT_TRUE(key) << key.error().describe();
        auto checkpoint = ledger_->checkpoint("export");
        EXPECT_TRUE(checkpoint);
        auto sig = sign_export(file, *ledger_, *checkpoint, *key);
        EXPECT_TRUE(sig) << sig.error().describe();
        return file;
    }
    void change_byte(const std::filesystem::path& file, std::size_t offset) {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(offset));
        char c = 0;
        f.get(c);
        f.seekp(static_cast<std::streamoff>(offset));
        f.put(static_cast<char>(c ^ 1));
    }
    // The device key of this test's ledger: the one an auditor would trust.
    package::TrustStore device_trusted() const {
        package::TrustStore store;
        store.add(ledger_->device_public_key());
        return store;
    }
    Result<ExportVerification> check(const std::filesystem::path& file) const {
        return verify_export(file, device_trusted());
    }
    // Writes `file`.sig by hand: the lines of `text` (up to the signature line) signed
    // with `key`, as someone holding that key could.
    static void write_signature(const std::filesystem::path& file, const std::string& text,
                                const Ed25519SecretKey& key) {
        std::ofstream(signature_path(file), std::ios::binary | std::ios::trunc)
            << text << "signature: " << to_hex(sign(key, text)) << "\n";
    }
    // The signed lines of an existing .sig: everything before "signature:".
    static std::string signed_lines(const std::filesystem::path& file) {
        const std::string text = slurp(signature_path(file));
        return text.substr(0, text.rfind("\nsignature: ") + 1);
    }
    static std::string replace_line(std::string text, const std::string& name,
                                    const std::string& value) {
        const auto at = text.find("\n" + name + ": ") + 1;
        const auto end = text.find('\n', at);
        return text.replace(at, end - at, name + ": " + value);
    }
};

TEST_F(SignedExport, SignsFinishedBytesBeforeTheyReplaceTheExport) {
    const auto file = dir_ / "report.csv";
    std::ofstream(file) << "old report\n";
    auto out = OutputFile::create(file);
    ASSERT_TRUE(out);
    out->write("new report\n");
    ASSERT_TRUE(out->finish());
    auto key = device_secret_key(*ledger_);
    auto checkpoint = ledger_->checkpoint("export");
    ASSERT_TRUE(key && checkpoint);
    auto sig = sign_export(file, *ledger_, *checkpoint, *key, out->temporary_path());
    ASSERT_TRUE(sig) << sig.error().describe();
    EXPECT_EQ(sig->file, "report.csv");
    EXPECT_FALSE(check(file)->ok());  // the old report is still in place
    ASSERT_TRUE(out->commit());
    auto v = check(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok());
}

TEST_F(SignedExport, VerifiesAnUnchangedFileNamingTheDeviceKeyAndCheckpoint) {
    learner("S1");
    const auto file = signed_file("learner_id,status\nabc,completed\n");
    auto v = check(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok());
    EXPECT_EQ(v->signature.key, ledger_->device_public_key());
    EXPECT_GT(v->signature.checkpoint_seq, 0);
}

TEST_F(SignedExport, FailsWhenOneByteOfTheFileChanges) {
    learner("S1");
    const auto file = signed_file("learner_id,status\nabc,completed\n");
    change_byte(file, 20);
    auto v = check(file);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->ok());
}

TEST_F(SignedExport, FailsWhenTheSignatureFileIsEdited) {
    learner("S1");
    const auto file = signed_file("data\n");
    const auto sig = signature_path(file);
    std::string text = slurp(sig);
    const auto at = text.find("checkpoint-seq: ") + 16;
    text[at] = text[at] == '9' ? '8' : '9';
    std::ofstream(sig, std::ios::binary) << text;
    auto v = check(file);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->ok());
}

TEST_F(SignedExport, ReportsAMissingSignatureFile) {
    const auto file = dir_ / "report.csv";
    std::ofstream(file) << "data\n";
    auto v = check(file);
    ASSERT_FALSE(v);
    EXPECT_NE(v.error().message.find("report.csv.sig"), std::string::npos);
}

TEST_F(SignedExport, RefusesASignatureFileThatIsNotOne) {
    const auto file = dir_ / "report.csv";
    std::ofstream(file) << "data\n";
    std::ofstream(signature_path(file)) << "-----BEGIN PGP SIGNATURE-----\n";
    auto v = check(file);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::parse);
}

// --- the key is the auditor's to trust, not the .sig's -------------------------------

// The attack: edit the report, sign it again with a key of one's own making and copy
// the real device id into the .sig. The file matches its .sig; only trust catches it.
TEST_F(SignedExport, AnEditedReportSignedAgainWithAnotherKeyIsNotTrusted) {
    learner("S1");
    const auto file = signed_file("learner_id,status\nabc,overdue\n");
    const std::string device_id = ledger_->device_id();
    std::ofstream(file, std::ios::binary | std::ios::trunc) << "learner_id,status\nabc,completed\n";
    const auto forger = Ed25519KeyPair::generate();
    std::string text = signed_lines(file);
    text = replace_line(text, "size", std::to_string(std::filesystem::file_size(file)));
    text = replace_line(text, "sha256", to_hex(sha256(slurp(file))));
    text = replace_line(text, "key", to_hex(forger.public_key.bytes));
    text = replace_line(text, "device", device_id);
    write_signature(file, text, forger.secret_key);

    auto v = check(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_FALSE(v->key_trusted);
    EXPECT_FALSE(v->ok());
    EXPECT_EQ(v->signature.key, forger.public_key);  // so the auditor can be shown it
}

TEST_F(SignedExport, NothingIsTrustedWhenNoKeyIsGiven) {
    learner("S1");
    const auto file = signed_file("data\n");
    auto v = verify_export(file, package::TrustStore{});
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->intact());
    EXPECT_FALSE(v->ok());
}

// --- the checkpoint's own signature ----------------------------------------------------

TEST_F(SignedExport, CarriesTheCheckpointAsTheLedgerSignedIt) {
    learner("S1");
    const auto file = dir_ / "report.csv";
    std::ofstream(file) << "data\n";
    auto key = device_secret_key(*ledger_);
    auto checkpoint = ledger_->checkpoint("export");
    ASSERT_TRUE(key && checkpoint);
    ASSERT_TRUE(sign_export(file, *ledger_, *checkpoint, *key));
    const std::string text = slurp(signature_path(file));
    EXPECT_EQ(text.substr(0, text.find('\n')), "waymark-export-signature-v2");
    EXPECT_NE(text.find("\ncheckpoint-reason: export\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\ncheckpoint-signature: " + to_hex(checkpoint->signature) + "\n"),
              std::string::npos)
        << text;
    auto v = check(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok());
    EXPECT_EQ(v->signature.checkpoint_signature, checkpoint->signature);
}

// A .sig whose outer signature is good but whose checkpoint the ledger never signed.
TEST_F(SignedExport, FailsWhenTheCheckpointSignatureDoesNotMatchTheCheckpoint) {
    learner("S1");
    const auto file = signed_file("data\n");
    std::string text = signed_lines(file);
    text = replace_line(text, "checkpoint-time", "2020-01-01T00:00:00.000Z");
    auto key = device_secret_key(*ledger_);
    ASSERT_TRUE(key);
    write_signature(file, text, *key);
    auto v = check(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_FALSE(v->ok());
    ASSERT_EQ(v->problems.size(), 1u);
    EXPECT_NE(v->problems[0].find("checkpoint"), std::string::npos) << v->problems[0];
}

TEST_F(SignedExport, StillVerifiesAVersionOneSignature) {
    learner("S1");
    const auto file = signed_file("data\n");
    std::string text = signed_lines(file);
    text.replace(0, text.find('\n'), "waymark-export-signature-v1");
    text.erase(text.find("checkpoint-reason: "));  // v1 ends with checkpoint-time
    auto key = device_secret_key(*ledger_);
    ASSERT_TRUE(key);
    write_signature(file, text, *key);
    auto v = check(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok()) << (v->problems.empty() ? "" : v->problems[0]);
    EXPECT_EQ(v->signature.format, 1);
}

TEST_F(SignedExport, RefusesAVersionTwoSignatureWithoutItsCheckpointSignature) {
    learner("S1");
    const auto file = signed_file("data\n");
    std::string text = signed_lines(file);
    text.erase(text.find("checkpoint-reason: "));
    auto key = device_secret_key(*ledger_);
    ASSERT_TRUE(key);
    write_signature(file, text, *key);
    auto v = check(file);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::parse);
}

}  // namespace
}  // namespace waymark::report::testing
