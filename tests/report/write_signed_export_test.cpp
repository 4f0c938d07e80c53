#include <fstream>
#include <set>

#include "report_fixture.hpp"
#include "waymark/report/write_signed_export.hpp"

namespace waymark::report::testing {
namespace {

namespace fs = std::filesystem;

class WriteSignedExport : public ReportTest {
  protected:
    void SetUp() override {
        ReportTest::SetUp();
        learner("S1");
        file_ = dir_ / "report.csv";
    }
    static WriteExportContent writing(std::string bytes) {
        return [bytes](const ledger::Checkpoint&, OutputFile& out) -> Result<void> {
            out.write(bytes);
            return {};
        };
    }
    package::TrustStore device_trusted() const {
        package::TrustStore store;
        store.add(ledger_->device_public_key());
        return store;
    }
    // The export and its signature as they are now, to compare after a failure.
    std::pair<std::string, std::string> export_and_signature() const {
        return {slurp(file_), slurp(signature_path(file_))};
    }
    std::set<std::string> files_in_folder() const {
        std::set<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_))
            names.insert(entry.path().filename().string());
        return names;
    }
    std::int64_t checkpoints() {
        auto stats = ledger_->stats();
        EXPECT_TRUE(stats);
        return stats ? stats->checkpoints : -1;
    }
    fs::path file_;
};

TEST_F(WriteSignedExport, WritesTheContentAndASignatureATrustingAuditorAccepts) {
    auto r = write_signed_export(*ledger_, file_, writing("learner_id\nabc\n"));
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(slurp(file_), "learner_id\nabc\n");
    auto v = verify_export(file_, device_trusted());
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_TRUE(v->ok());
}

TEST_F(WriteSignedExport, GivesTheWriterTheExportCheckpointTheSignatureNames) {
    ledger::Checkpoint seen;
    auto r = write_signed_export(*ledger_, file_,
                                 [&](const ledger::Checkpoint& c, OutputFile& out) -> Result<void> {
                                     seen = c;
                                     out.write("x\n");
                                     return {};
                                 });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(seen.reason, "export");
    EXPECT_EQ(r->signature.checkpoint_seq, seen.seq);
    EXPECT_EQ(r->signature.checkpoint_signature, seen.signature);
}

TEST_F(WriteSignedExport, AWriterThatFailsLeavesTheEarlierExportAndSignatureAsTheyWere) {
    ASSERT_TRUE(write_signed_export(*ledger_, file_, writing("old\n")));
    const auto before = export_and_signature();
    const auto names = files_in_folder();
    auto r = write_signed_export(*ledger_, file_,
                                 [](const ledger::Checkpoint&, OutputFile& out) -> Result<void> {
                                     out.write("half a rep");
                                     return make_error(ErrorCode::limit, "a cell is too long");
                                 });
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("unchanged"), std::string::npos) << r.error().message;
    EXPECT_EQ(export_and_signature(), before);
    EXPECT_EQ(files_in_folder(), names);  // no temporary file left behind
}

// The rename is the last step, after the new .sig is written: if it fails, the earlier
// .sig must come back, or the earlier export no longer verifies.
TEST_F(WriteSignedExport, AnExportThatCannotBeMovedIntoPlacePutsTheEarlierSignatureBack) {
    ASSERT_TRUE(write_signed_export(*ledger_, file_, writing("old\n")));
    const std::string earlier_sig = slurp(signature_path(file_));
    // A folder that is not empty where the export must go: the rename fails.
    fs::remove(file_);
    fs::create_directory(file_);
    std::ofstream(file_ / "keep") << "x";
    auto r = write_signed_export(*ledger_, file_, writing("new\n"));
    ASSERT_FALSE(r);
    EXPECT_EQ(slurp(signature_path(file_)), earlier_sig);
}

TEST_F(WriteSignedExport, AnExportThatCannotBeMovedIntoPlaceLeavesNoSignatureOfItsOwn) {
    fs::create_directory(file_);
    std::ofstream(file_ / "keep") << "x";
    auto r = write_signed_export(*ledger_, file_, writing("new\n"));
    ASSERT_FALSE(r);
    EXPECT_FALSE(fs::exists(signature_path(file_)));
}

TEST_F(WriteSignedExport, WithoutTheDeviceKeyNothingIsWrittenAndNoCheckpointTaken) {
    ASSERT_TRUE(write_signed_export(*ledger_, file_, writing("old\n")));
    const auto before = export_and_signature();
    const std::int64_t checkpoints_before = checkpoints();
    fs::rename(dir_ / "ledger.db.key", dir_ / "moved.key");
    bool wrote = false;
    auto r = write_signed_export(*ledger_, file_,
                                 [&](const ledger::Checkpoint&, OutputFile&) -> Result<void> {
                                     wrote = true;
                                     return {};
                                 });
    ASSERT_FALSE(r);
    EXPECT_FALSE(wrote);
    EXPECT_EQ(export_and_signature(), before);
    EXPECT_EQ(checkpoints(), checkpoints_before);
}

}  // namespace
}  // namespace waymark::report::testing
