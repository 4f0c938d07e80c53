#include <fstream>
#include <set>

#include "report_fixture.hpp"
#include "waymark/report/csv.hpp"
#include "waymark/report/json_export.hpp"
#include "waymark/report/write_signed_export.hpp"
#include "waymark/report/xlsx_export.hpp"

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
        for (const auto& entry : fs::directory_iterator(dir_.path()))
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

// --- Cancel: a writer whose progress says stop abandons the export --------------------

// The answer Cancel gives: stop.
const ExportProgress kCancelled = [](std::int64_t, std::int64_t) { return false; };

class CancelledExport : public WriteSignedExport {
  protected:
    void SetUp() override {
        WriteSignedExport::SetUp();
        complete(learner("S2"), course(), "2026-01-10T10:00:00Z");  // two rows: S1 and S2
        ASSERT_TRUE(write_signed_export(*ledger_, file_, writing("the earlier report\n")));
        earlier_ = export_and_signature();
        names_ = files_in_folder();
        checkpoints_ = checkpoints();
    }
    // Runs `write` as an export's content on the status as of 1 February 2026.
    Result<report::SignedExport> export_with(
        const std::function<Result<void>(const StatusMatrix&, const ExportInfo&, OutputFile&)>&
            write) {
        const StatusMatrix& m = matrix("2026-02-01");
        return write_signed_export(
            *ledger_, file_, [&](const ledger::Checkpoint& c, OutputFile& out) -> Result<void> {
                return write(m, export_info(*ledger_, c, {}), out);
            });
    }
    // Nothing of the cancelled export is left: the earlier file and .sig as they were, no
    // temporary file, no "export" checkpoint.
    void expect_nothing_written() {
        EXPECT_EQ(export_and_signature(), earlier_);
        EXPECT_EQ(files_in_folder(), names_);
        EXPECT_EQ(checkpoints(), checkpoints_);
    }
    std::pair<std::string, std::string> earlier_;
    std::set<std::string> names_;
    std::int64_t checkpoints_ = 0;
};

TEST_F(CancelledExport, ACsvReportStopsAndLeavesNothingBehind) {
    auto r = export_with([](const StatusMatrix& m, const ExportInfo& info, OutputFile& out) {
        return write_status_csv(m, info.filter, {}, out, kCancelled) ? Result<void>()
                                                                     : export_stopped();
    });
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("cancelled"), std::string::npos) << r.error().message;
    expect_nothing_written();
}

TEST_F(CancelledExport, AJsonReportStopsAndLeavesNothingBehind) {
    auto r = export_with([](const StatusMatrix& m, const ExportInfo& info, OutputFile& out) {
        return write_status_json(m, info, out, kCancelled) ? Result<void>() : export_stopped();
    });
    ASSERT_FALSE(r);
    expect_nothing_written();
}

TEST_F(CancelledExport, AnXlsxReportStopsAndLeavesNothingBehind) {
    auto r = export_with([](const StatusMatrix& m, const ExportInfo& info, OutputFile& out) {
        return write_status_xlsx(m, info, out, kCancelled);
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, export_stopped().code);
    expect_nothing_written();
}

TEST_F(CancelledExport, AProgressThatOnlyWatchesNeverStopsTheReport) {
    std::int64_t last = -1;
    const ExportProgress watching = [&](std::int64_t done, std::int64_t) { last = done; };
    auto r = export_with([&](const StatusMatrix& m, const ExportInfo& info, OutputFile& out) {
        return write_status_csv(m, info.filter, {}, out, watching) ? Result<void>()
                                                                   : export_stopped();
    });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(last, 2);  // told of both rows once they were written
}

}  // namespace
}  // namespace waymark::report::testing
