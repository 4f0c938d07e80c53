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
    EXPECT_FALSE(verify_export(file)->ok());  // the old report is still in place
    ASSERT_TRUE(out->commit());
    auto v = verify_export(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok());
}

TEST_F(SignedExport, VerifiesAnUnchangedFileNamingTheDeviceKeyAndCheckpoint) {
    learner("S1");
    const auto file = signed_file("learner_id,status\nabc,completed\n");
    auto v = verify_export(file);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok());
    EXPECT_EQ(v->signature.key, ledger_->device_public_key());
    EXPECT_GT(v->signature.checkpoint_seq, 0);
}

TEST_F(SignedExport, FailsWhenOneByteOfTheFileChanges) {
    learner("S1");
    const auto file = signed_file("learner_id,status\nabc,completed\n");
    change_byte(file, 20);
    auto v = verify_export(file);
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
    auto v = verify_export(file);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->ok());
}

TEST_F(SignedExport, ReportsAMissingSignatureFile) {
    const auto file = dir_ / "report.csv";
    std::ofstream(file) << "data\n";
    auto v = verify_export(file);
    ASSERT_FALSE(v);
    EXPECT_NE(v.error().message.find("report.csv.sig"), std::string::npos);
}

TEST_F(SignedExport, RefusesASignatureFileThatIsNotOne) {
    const auto file = dir_ / "report.csv";
    std::ofstream(file) << "data\n";
    std::ofstream(signature_path(file)) << "-----BEGIN PGP SIGNATURE-----\n";
    auto v = verify_export(file);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::parse);
}

}  // namespace
}  // namespace waymark::report::testing
