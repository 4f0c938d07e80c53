// `waymark report` as a manager uses it: on a generated organisation's ledger, export,
// filter and verify, and check that a failed export never leaves a file behind or
// replaces a good one.
#include <cctype>
#include <set>

#include "run_waymark.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::cli_testing {
namespace {

using Report = GeneratedLedgerTest;

std::set<std::string> files_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.insert(entry.path().filename().string());
    return names;
}

std::set<std::string> column_values(const CsvTable& csv, const std::string& column) {
    std::set<std::string> values;
    for (std::size_t i = 0; i < csv.size(); ++i)
        values.insert(csv.at(i, column));
    return values;
}

class ReportFormat : public GeneratedLedgerTest,
                     public ::testing::WithParamInterface<const char*> {};

TEST_P(ReportFormat, IsWrittenWithASignatureThatVerifyExportAccepts) {
    const std::string file = std::string("report.") + GetParam();
    const CommandRun r = report(GetParam(), file);
    EXPECT_TRUE(contains(r.output, "signed")) << r.output;
    ASSERT_TRUE(fs::exists(path(file)));
    EXPECT_GT(fs::file_size(path(file)), 0u);
    ASSERT_TRUE(fs::exists(path(file + ".sig")));
    const CommandRun v = waymark("verify-export " + quoted(path(file)) + " --trust " +
                                 quoted(path("ledger.db.pub")));
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(contains(v.output, "unchanged since it was signed")) << v.output;
}

TEST_P(ReportFormat, FailsVerificationWhenOneByteIsChanged) {
    const std::string file = std::string("report.") + GetParam();
    report(GetParam(), file);
    std::string bytes = read_file(path(file));
    ASSERT_GT(bytes.size(), 100u);
    bytes[bytes.size() / 2] ^= 0x01;
    write_file(path(file), bytes);
    const CommandRun v = waymark("verify-export " + quoted(path(file)) + " --trust " +
                                 quoted(path("ledger.db.pub")));
    EXPECT_EQ(v.exit_code, 1) << v.output;
    EXPECT_TRUE(contains(v.output, "does NOT verify")) << v.output;
}

INSTANTIATE_TEST_SUITE_P(CsvJsonAndHtml, ReportFormat, ::testing::Values("csv", "json", "html"));

TEST_F(Report, CsvHasOneRowPerLearnerAndCourse) {
    const CsvTable csv = report_csv();
    const auto learners = column_values(csv, "learner_id");
    EXPECT_EQ(column_values(csv, "course_id"),
              (std::set<std::string>{"course-2", "course-3", "prevent-duty"}));
    EXPECT_EQ(csv.size(), learners.size() * 3);
    EXPECT_GT(learners.size(), 30u);  // 40 generated, a few erased
}

TEST_F(Report, StatusFilterKeepsExactlyTheRowsWithThatStatus) {
    const std::size_t overdue = report_csv().count("status", "overdue");
    ASSERT_GT(overdue, 0u) << "the generated organisation should have overdue staff";
    const CsvTable filtered = report_csv("--status overdue");
    EXPECT_EQ(filtered.size(), overdue);
    EXPECT_EQ(filtered.count("status", "overdue"), overdue);
}

TEST_F(Report, TeamFilterKeepsExactlyThatTeamsRows) {
    const CsvTable all = report_csv();
    ASSERT_GT(all.size(), 0u);
    const std::string team = all.at(0, "team");
    const std::size_t in_team = all.count("team", team);
    ASSERT_LT(in_team, all.size()) << "the generated organisation should have several teams";
    const CsvTable filtered = report_csv("--team " + quoted(team));
    EXPECT_EQ(filtered.size(), in_team);
    EXPECT_EQ(filtered.count("team", team), in_team);
}

TEST_F(Report, CourseFilterKeepsExactlyThatCoursesRows) {
    const CsvTable all = report_csv();
    const CsvTable filtered = report_csv("--course course-2");
    EXPECT_EQ(filtered.size(), all.count("course_id", "course-2"));
    EXPECT_EQ(filtered.count("course_id", "course-2"), filtered.size());
    EXPECT_GT(filtered.size(), 0u);
}

TEST_F(Report, FiltersCombineSoEveryRowMatchesAllOfThem) {
    const CsvTable all = report_csv();
    const std::string team = all.at(0, "team");
    std::size_t expected = 0;
    for (std::size_t i = 0; i < all.size(); ++i)
        expected += all.at(i, "team") == team && all.at(i, "course_id") == "prevent-duty" &&
                    all.at(i, "status") == "completed";
    const CsvTable filtered =
        report_csv("--team " + quoted(team) + " --course prevent-duty --status completed");
    EXPECT_EQ(filtered.size(), expected);
}

TEST_F(Report, UnknownTeamIsAUsageErrorNamingTheTeamsThereAre) {
    const auto teams = column_values(report_csv(), "team");
    const CommandRun r = on_ledger("report --format csv -o " + quoted(path("team.csv")) +
                                   " --team 'Finance Office'");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "Finance Office")) << r.output;
    for (const auto& team : teams)
        EXPECT_TRUE(contains(r.output, team)) << team << "\n" << r.output;
    EXPECT_FALSE(fs::exists(path("team.csv")));
}

TEST_F(Report, UnknownCourseIsAUsageErrorNamingTheCoursesThereAre) {
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("course.csv")) + " --course fire-safty");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    for (const char* course : {"fire-safty", "prevent-duty", "course-2", "course-3"})
        EXPECT_TRUE(contains(r.output, course)) << course << "\n" << r.output;
    EXPECT_FALSE(fs::exists(path("course.csv")));
}

TEST_F(Report, UnknownStatusIsAUsageErrorListingTheStatuses) {
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("s.csv")) + " --status late");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "due-soon")) << r.output;
    EXPECT_FALSE(fs::exists(path("s.csv")));
}

TEST_F(Report, MalformedAsOfDateIsAUsageErrorShowingTheFormat) {
    for (const char* date : {"2026-13-45", "yesterday", "01/09/2026"}) {
        const CommandRun r = on_ledger("report --format csv -o " + quoted(path("asof.csv")) +
                                       " --as-of " + quoted(date));
        EXPECT_EQ(r.exit_code, 2) << date << "\n" << r.output;
        EXPECT_TRUE(contains(r.output, "YYYY-MM-DD")) << date << "\n" << r.output;
    }
    EXPECT_FALSE(fs::exists(path("asof.csv")));
}

TEST_F(Report, AsOfAnEarlierDayShowsFewerCompletions) {
    const std::size_t now = report_csv().count("status", "not-started");
    const std::size_t earlier = report_csv("--as-of 2025-01-01").count("status", "not-started");
    EXPECT_GT(earlier, now);
}

TEST_F(Report, HistoryIsRefusedWithJsonOrHtml) {
    for (const char* format : {"json", "html"}) {
        const CommandRun r = on_ledger("report --history --format " + std::string(format) + " -o " +
                                       quoted(path("history.out")));
        EXPECT_EQ(r.exit_code, 2) << format << "\n" << r.output;
        EXPECT_TRUE(contains(r.output, "csv")) << r.output;
    }
    EXPECT_FALSE(fs::exists(path("history.out")));
}

TEST_F(Report, HistoryCsvListsEveryCompletionNotOnlyTheLatest) {
    const CsvTable status = report_csv();
    const std::size_t latest = status.size() - status.count("completed_on", "");
    report("csv", "history.csv", "--history");
    const CsvTable history(read_file(path("history.csv")));
    EXPECT_TRUE(history.has_column("completion_event_id"));
    EXPECT_GE(history.size(), latest);
    EXPECT_GT(history.size(), 0u);
    EXPECT_EQ(waymark("verify-export " + quoted(path("history.csv")) + " --trust " +
                      quoted(path("ledger.db.pub")))
                  .exit_code,
              0);
}

TEST_F(Report, ExportToAFolderThatDoesNotExistFailsClearlyAndLeavesNothingBehind) {
    const auto before = files_in(dir_.path());
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("no-such-folder/report.csv")));
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "no-such-folder")) << r.output;
    EXPECT_FALSE(fs::exists(path("no-such-folder")));
    EXPECT_EQ(files_in(dir_.path()), before);
}

TEST_F(Report, FailedExportLeavesTheExistingReportAndItsSignatureAsTheyWere) {
    report("csv", "report.csv");
    const std::string report_bytes = read_file(path("report.csv"));
    const std::string sig_bytes = read_file(path("report.csv.sig"));
    // Without the device key nothing can be signed, so the export must fail.
    fs::rename(path("ledger.db.key"), path("moved.key"));
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("report.csv")) + " --as-of 2025-01-01");
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_EQ(read_file(path("report.csv")), report_bytes);
    EXPECT_EQ(read_file(path("report.csv.sig")), sig_bytes);
    EXPECT_EQ(waymark("verify-export " + quoted(path("report.csv")) + " --trust " +
                      quoted(path("ledger.db.pub")))
                  .exit_code,
              0);
}

TEST_F(Report, ASignatureThatCannotBeWrittenLeavesTheExistingReportAsItWas) {
    report("csv", "report.csv");
    const std::string report_bytes = read_file(path("report.csv"));
    // A folder where the new .sig must go: the signature is the part that fails.
    fs::remove(path("report.csv.sig"));
    fs::create_directory(path("report.csv.sig"));
    const auto before = files_in(dir_.path());
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("report.csv")) + " --as-of 2025-01-01");
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "report.csv.sig")) << r.output;
    EXPECT_EQ(read_file(path("report.csv")), report_bytes);
    EXPECT_EQ(files_in(dir_.path()), before);
}

TEST_F(Report, AnExportIsNotWrittenWhenAFilterIsRejected) {
    report("csv", "report.csv");
    const std::string before = read_file(path("report.csv"));
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("report.csv")) + " --team Nobody");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(read_file(path("report.csv")), before);
}

TEST_F(Report, MissingLedgerIsAnErrorNamingTheFile) {
    const CommandRun r = waymark("report --format csv -o " + quoted(path("r.csv")) + " --ledger " +
                                 quoted(path("nowhere.db")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "nowhere.db")) << r.output;
    EXPECT_FALSE(fs::exists(path("nowhere.db")));
    EXPECT_FALSE(fs::exists(path("r.csv")));
}

// --- standard output: for a look or a pipe, unsigned, and said so ------------------

TEST_F(Report, WithoutAnOutputFileWritesTheReportToStandardOutputAndSaysItIsUnsigned) {
    const CsvTable signed_report = report_csv();
    const CommandRun r =
        on_ledger_to_file("report --format csv --as-of " + kGeneratedOn, "stdout.csv");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "not signed")) << r.output;
    EXPECT_TRUE(contains(r.output, "-o FILE")) << r.output;
    const CsvTable shown(read_file(path("stdout.csv")));
    EXPECT_EQ(shown.size(), signed_report.size());
    EXPECT_EQ(column_values(shown, "learner_id"), column_values(signed_report, "learner_id"));
    EXPECT_FALSE(fs::exists(path("stdout.csv.sig")));
}

TEST_F(Report, DashAsTheOutputFileMeansStandardOutputAndWritesNoFiles) {
    const auto before = files_in(dir_.path());
    const CommandRun r =
        on_ledger_to_file("report --format json -o - --as-of " + kGeneratedOn, "stdout.json");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "not signed")) << r.output;
    EXPECT_TRUE(read_file(path("stdout.json")).starts_with("{\"schema\":\"waymark-report\""));
    auto after = files_in(dir_.path());
    after.erase("stdout.json");
    EXPECT_EQ(after, before);  // no "-", no "-.sig", no spool left behind
}

TEST_F(Report, AnXlsxWorkbookOnStandardOutputIsWhole) {
    const CommandRun r =
        on_ledger_to_file("report --format xlsx --as-of " + kGeneratedOn, "stdout.xlsx");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    const std::string bytes = read_file(path("stdout.xlsx"));
    EXPECT_TRUE(bytes.starts_with("PK")) << bytes.substr(0, 16);
}

TEST_F(Report, AReaderThatStopsEarlyLeavesNoSpoolBehind) {
    fs::create_directory(path("tmp"));
    ::setenv("TMPDIR", path("tmp").c_str(), 1);
    // `true` reads nothing and exits at once: the first write ends waymark with SIGPIPE.
    run_program(WAYMARK_CLI, "report --format html" + ledger_option() + " | true");
    ::unsetenv("TMPDIR");
    EXPECT_TRUE(fs::is_empty(path("tmp")));
}

TEST_F(Report, ARefusedReportPrintsNothingOnStandardOutput) {
    const CommandRun r = on_ledger_to_file("report --format csv --team Nobody", "stdout.csv");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(read_file(path("stdout.csv")), "");
}

// --- refusals that must leave the ledger and the folder as they were ----------------

// A checkpoint records that an export happened; an export that fails at once has none.
TEST_F(Report, FailedExportAddsNoCheckpointToTheLedger) {
    const std::string before = on_ledger("ledger stats").output;
    const CommandRun r =
        on_ledger("report --format csv -o " + quoted(path("no-such-folder/report.csv")));
    ASSERT_NE(r.exit_code, 0) << r.output;
    const std::string after = on_ledger("ledger stats").output;
    const auto checkpoints = [](const std::string& stats) {
        return stats.substr(stats.find("checkpoints"), stats.find('\n', stats.find("checkpoints")) -
                                                           stats.find("checkpoints"));
    };
    EXPECT_EQ(checkpoints(after), checkpoints(before));
}

// The summary line of a history export must not claim the status matrix's row count.
TEST_F(Report, HistorySummarySaysEveryCompletionNotTheStatusRowCount) {
    const CommandRun r = report("csv", "history.csv", "--history");
    EXPECT_TRUE(contains(r.output, "(csv, every completion recorded)")) << r.output;
}

TEST_F(Report, HistoryRefusesAnAsOfDayItCannotApply) {
    const CommandRun r = on_ledger("report --format csv --history --as-of 2025-06-01 -o " +
                                   quoted(path("history.csv")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "--as-of")) << r.output;
    EXPECT_FALSE(fs::exists(path("history.csv")));
}

TEST_F(Report, HistoryRefusesAStatusFilterItCannotApply) {
    const CommandRun r = on_ledger("report --format csv --history --status overdue -o " +
                                   quoted(path("history.csv")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_FALSE(fs::exists(path("history.csv")));
}

TEST_F(Report, ExcelWithAFormatOtherThanCsvIsAUsageError) {
    const CommandRun r =
        on_ledger("report --format json --excel -o " + quoted(path("report.json")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "--excel")) << r.output;
    EXPECT_FALSE(fs::exists(path("report.json")));
}

// --- --packages: the course packages the reader trusts decide what counts -------------

// The bundled sample course packed and signed by a publisher key made for the test:
// packages/course.wmpkg and publisher.pub in the test's folder.
class ReportPackages : public GeneratedLedgerTest {
  protected:
    void SetUp() override {
        GeneratedLedgerTest::SetUp();
        // No trusted-keys folder of the person running the tests may take part.
        ::setenv("XDG_CONFIG_HOME", path("config").c_str(), 1);
        fs::create_directory(path("packages"));
        const CommandRun key = waymark("keygen --out " + quoted(path("publisher")));
        ASSERT_EQ(key.exit_code, 0) << key.output;
        const CommandRun pack =
            waymark("pack " + quoted(std::string(WAYMARK_SOURCE_DIR) + "/courses/waymark-sample") +
                    " --key " + quoted(path("publisher.key")) + " -o " +
                    quoted(path("packages/course.wmpkg")));
        ASSERT_EQ(pack.exit_code, 0) << pack.output;
        const CommandRun inspect = waymark("inspect " + quoted(path("packages/course.wmpkg")));
        const auto at = inspect.output.find("content digest:");
        ASSERT_NE(at, std::string::npos) << inspect.output;
        digest_ = inspect.output.substr(inspect.output.find_first_not_of(' ', at + 15), 64);
    }
    void TearDown() override {
        ::unsetenv("XDG_CONFIG_HOME");
        GeneratedLedgerTest::TearDown();
    }
    std::string packages_options() const {
        return " --packages " + quoted(path("packages")) + " --trust " +
               quoted(path("publisher.pub"));
    }
    std::string digest_;  // of packages/course.wmpkg
};

// waymark-gen records made-up digests that no package has: with the real packages named,
// not one of its completions counts, however the device recorded them.
TEST_F(ReportPackages, CompletionsOnContentNoTrustedPackageHasAllShowAsUntrusted) {
    const CsvTable before = report_csv();
    std::size_t with_completion = 0;
    for (std::size_t i = 0; i < before.size(); ++i)
        with_completion += !before.at(i, "completed_on").empty() ||
                           !before.at(i, "untrusted_completed_on").empty();
    ASSERT_GT(before.count("status", "completed"), 0u);

    const CommandRun r = report("csv", "report.csv", packages_options());
    EXPECT_TRUE(contains(r.output, "only completions on the 1 package")) << r.output;
    const CsvTable after(read_file(path("report.csv")));
    EXPECT_EQ(after.count("status", "completed"), 0u);
    EXPECT_EQ(after.count("status", "due-soon"), 0u);
    // Overdue now only means never completed by the first due date (enrolment plus 30
    // days on prevent-duty): no completion of theirs counts.
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (after.at(i, "status") == "overdue") {
            EXPECT_TRUE(after.at(i, "completed_on").empty()) << i;
        }
    }
    EXPECT_EQ(after.count("status", "untrusted"), with_completion);
}

TEST_F(ReportPackages, ACompletionOnATrustedPackageCountsAndOneOnOtherContentDoesNot) {
    {
        auto l = ledger::Ledger::open(path("own.db"));
        ASSERT_TRUE(l) << l.error().describe();
        // The sample course is for author preview unless the organisation offers it.
        ASSERT_TRUE(l->record_setting("", {"course.waymark-sample.offered", "yes"}));
        const ledger::CourseRef packaged{"waymark-sample", "1.0.0", digest_, true};
        ledger::CourseRef other = packaged;
        other.digest = std::string(64, 'a');
        for (const auto& [staff, course] : {std::pair{"S1", packaged}, std::pair{"S2", other}}) {
            auto learner = l->add_learner(
                ledger::Person{"Name " + std::string(staff), staff, "", "Team", "Role"});
            ASSERT_TRUE(learner) << learner.error().describe();
            auto c = l->record_completion(learner->id, course,
                                          ledger::CourseCompleted{"attempt", 0.9, 12},
                                          *parse_iso8601("2026-08-01T10:00:00Z"));
            ASSERT_TRUE(c) << c.error().describe();
        }
    }
    const CommandRun r =
        waymark("report --format csv -o " + quoted(path("own.csv")) +
                " --as-of 2026-09-01 --ledger " + quoted(path("own.db")) + packages_options());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const CsvTable csv(read_file(path("own.csv")));
    ASSERT_EQ(csv.size(), 2u);
    EXPECT_EQ(csv.at(0, "staff_id"), "S1");
    EXPECT_EQ(csv.at(0, "status"), "completed");
    EXPECT_EQ(csv.at(1, "staff_id"), "S2");
    EXPECT_EQ(csv.at(1, "status"), "untrusted");
}

TEST_F(ReportPackages, APackagesFolderWithNoTrustedPackageIsRefusedAndWritesNothing) {
    const CommandRun r = on_ledger("report --format csv -o " + quoted(path("r.csv")) +
                                   " --packages " + quoted(path("packages")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "course.wmpkg")) << r.output;
    EXPECT_TRUE(contains(r.output, "--trust")) << r.output;
    EXPECT_FALSE(fs::exists(path("r.csv")));
}

TEST_F(ReportPackages, TrustWithoutPackagesIsAUsageError) {
    const CommandRun r = on_ledger("report --format csv -o " + quoted(path("r.csv")) + " --trust " +
                                   quoted(path("publisher.pub")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "--packages")) << r.output;
    EXPECT_FALSE(fs::exists(path("r.csv")));
}

}  // namespace
}  // namespace waymark::cli_testing
