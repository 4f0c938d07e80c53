// The manager area's exports as a manager uses them: certificates in one file, and
// Cancel, which leaves nothing behind.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "scratch_folder.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/player/manager.hpp"
#include "waymark/report/signed_export.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

std::string bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The page count pdfinfo (poppler-utils, tools/bootstrap.sh) gives; -1 when it cannot.
int pdf_pages(const fs::path& pdf) {
    struct Closer {
        void operator()(std::FILE* f) const { ::pclose(f); }
    };
    std::unique_ptr<std::FILE, Closer> run(
        ::popen(("pdfinfo '" + pdf.string() + "'").c_str(), "r"));
    char line[512];
    while (run && std::fgets(line, sizeof line, run.get()))
        if (std::string_view(line).starts_with("Pages:"))
            return std::atoi(line + 6);
    return -1;
}

// A ledger in which Ann Lee (Early help) and Cara Diaz (Youth team) completed Prevent
// duty, and Bob Hart (Early help) has not.
struct ManagerExports : ::testing::Test {
    // Declared before the ledger, so the ledger closes before its folder goes.
    const waymark::testing::ScratchFolder dir{"manager-export"};
    std::optional<ledger::Ledger> ledger;
    UtcTime as_of = *parse_iso8601("2026-03-02T09:00:00Z");

    void SetUp() override {
        crypto_init();
        ledger.emplace(ledger::Ledger::open(dir / "ledger.db").value());
        const ledger::CourseRef prevent{"prevent-duty", "2.1.0", to_hex(sha256("prevent-duty")),
                                        true};
        const auto add = [&](const char* name, const char* staff, const char* team) {
            return ledger->add_learner(ledger::Person{name, staff, "", team, "Worker"}).value().id;
        };
        const auto ann = add("Ann Lee", "A-1", "Early help");
        add("Bob Hart", "B-2", "Early help");
        const auto cara = add("Cara Diaz", "C-3", "Youth team");
        for (const auto& who : {ann, cara})
            ASSERT_TRUE(ledger->record_completion(
                who, prevent, ledger::CourseCompleted{"attempt-" + who, 0.9, 12},
                *parse_iso8601("2026-02-10T10:00:00Z")));
    }
    void TearDown() override { ledger.reset(); }
    ExportRequest request(ExportKind kind, report::RowFilter filter = {}) {
        return ExportRequest{kind, dir / "exports", std::move(filter), as_of, {}};
    }
    static void wait_for(const ManagerExport& e) {
        while (!e.finished())
            std::this_thread::sleep_for(5ms);
    }
    ExportOutcome run(const ExportRequest& r) {
        ManagerExport e(dir / "ledger.db", r);
        wait_for(e);
        return e.outcome();
    }
    // Starts the export while the test holds the ledger's write lock, so that it waits
    // where it would first write, and presses Cancel before letting go.
    std::unique_ptr<ManagerExport> start_then_cancel(const ExportRequest& r) {
        std::unique_ptr<ManagerExport> e;
        auto other = ledger::Ledger::open(dir / "ledger.db").value();
        EXPECT_TRUE(other.in_one_transaction([&]() -> Result<void> {
            e = std::make_unique<ManagerExport>(dir / "ledger.db", r);
            std::this_thread::sleep_for(50ms);  // long enough to reach the lock
            e->cancel();
            return {};
        }));
        wait_for(*e);
        return e;
    }
    std::int64_t events() { return ledger->stats().value().events; }
    std::int64_t checkpoints() { return ledger->stats().value().checkpoints; }
};

}  // namespace

TEST_F(ManagerExports, OneFileOfCertificatesHasAPageForEachLearnerWithACurrentCompletion) {
    const auto outcome = run(request(ExportKind::certificates_in_one_file));
    ASSERT_FALSE(outcome.error) << outcome.error->describe();
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename(), "waymark-certificates-2026-03-02.pdf");
    EXPECT_EQ(pdf_pages(outcome.files[0]), 2);
    EXPECT_EQ(outcome.certificates, 2);
    EXPECT_EQ(outcome.skipped, 1);  // Bob has nothing to certify
}

TEST_F(ManagerExports, OneFileForATeamIsNamedLikeTheTeamsReportsAndHoldsOnlyThatTeam) {
    const auto outcome =
        run(request(ExportKind::certificates_in_one_file, {"", "Early help", "", {}}));
    ASSERT_FALSE(outcome.error) << outcome.error->describe();
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename(), "waymark-certificates-2026-03-02-early-help.pdf");
    EXPECT_EQ(pdf_pages(outcome.files[0]), 1);
}

TEST_F(ManagerExports, OneFileSaysHowManyCertificatesItHoldsAndWhere) {
    ManagerExport e(dir / "ledger.db", request(ExportKind::certificates_in_one_file));
    wait_for(e);
    const std::string said = e.message();
    EXPECT_NE(said.find("Wrote 2 certificates"), std::string::npos) << said;
    EXPECT_NE(said.find(e.outcome().files.at(0).string()), std::string::npos) << said;
    EXPECT_NE(said.find("1 row listed had no current completion"), std::string::npos) << said;
}

TEST_F(ManagerExports, OneFileWhereNobodyListedHasCompletedWritesNothing) {
    const auto none = run(request(ExportKind::certificates_in_one_file,
                                  {"", "Early help", "", report::Status::not_started}));
    EXPECT_FALSE(none.error);
    EXPECT_TRUE(none.files.empty());
    EXPECT_EQ(none.skipped, 1);
    EXPECT_TRUE(fs::is_empty(dir / "exports"));
}

TEST_F(ManagerExports, CancellingOneFileOfCertificatesLeavesNoFileAndRecordsNoCertificate) {
    const auto before = events();
    const auto e = start_then_cancel(request(ExportKind::certificates_in_one_file));
    EXPECT_TRUE(e->outcome().cancelled);
    EXPECT_FALSE(e->outcome().error);
    EXPECT_EQ(e->message(), "Cancelled. Nothing was written.");
    EXPECT_TRUE(fs::is_empty(dir / "exports"));
    EXPECT_EQ(events(), before);
}

TEST_F(ManagerExports, CancellingAReportLeavesTheEarlierOneItsSignatureAndNoNewCheckpoint) {
    const auto first = run(request(ExportKind::csv));
    ASSERT_EQ(first.files.size(), 1u);
    const fs::path file = first.files[0];
    const std::string report = bytes_of(file);
    const std::string signature = bytes_of(report::signature_path(file));
    const auto checkpoints_before = checkpoints();
    const auto e = start_then_cancel(request(ExportKind::csv));
    EXPECT_TRUE(e->outcome().cancelled);
    EXPECT_EQ(bytes_of(file), report);
    EXPECT_EQ(bytes_of(report::signature_path(file)), signature);
    EXPECT_EQ(checkpoints(), checkpoints_before);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir / "exports"), fs::directory_iterator()), 2);
}
