// `waymark certificate --team ... --course ... -o FILE.pdf` as a manager uses it, on a
// ledger made by waymark-gen: the file holds the people `waymark report` lists as holding
// a current completion, and says how many it left out.
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "run_waymark.hpp"

namespace waymark::cli_testing {
namespace {

// The page count pdfinfo (poppler-utils, tools/bootstrap.sh) gives; -1 when it cannot.
int pdf_pages(const std::string& pdf) {
    const CommandRun r = run_program("/usr/bin/pdfinfo", quoted(pdf));
    const auto at = r.output.find("Pages:");
    return at == std::string::npos ? -1 : std::atoi(r.output.c_str() + at + 6);
}

class CertificateCli : public GeneratedLedgerTest {
  protected:
    // Today's status report (certificates are for today, not the generated day).
    CsvTable report_now(const std::string& filter) const {
        const CommandRun r =
            on_ledger("report --format csv -o " + quoted(path("now.csv")) + " " + filter);
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return CsvTable(read_file(path("now.csv")));
    }
    static std::size_t current(const CsvTable& t) {
        return t.count("status", "completed") + t.count("status", "due-soon");
    }
    // The staff id of someone who has completed prevent-duty; "" (and a failure) if none.
    std::string someone_who_completed() const {
        const CsvTable all = report_now("--course prevent-duty");
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all.at(i, "status") == "completed")
                return all.at(i, "staff_id");
        ADD_FAILURE() << "nobody in the generated ledger has completed prevent-duty";
        return {};
    }
    // A team with at least one certificate to print today.
    std::string team_with_a_completion() const {
        const CsvTable all = report_now("--course prevent-duty");
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all.at(i, "status") == "completed" || all.at(i, "status") == "due-soon")
                return all.at(i, "team");
        ADD_FAILURE() << "nobody in the generated ledger has a current completion";
        return {};
    }
    // A team with a certificate to print today on prevent-duty and someone left out.
    std::string team_with_someone_left_out() const {
        const CsvTable all = report_now("--course prevent-duty");
        std::map<std::string, std::pair<int, int>> current_and_not;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const bool now =
                all.at(i, "status") == "completed" || all.at(i, "status") == "due-soon";
            ++(now ? current_and_not[all.at(i, "team")].first
                   : current_and_not[all.at(i, "team")].second);
        }
        for (const auto& [team, counts] : current_and_not)
            if (counts.first > 0 && counts.second > 0)
                return team;
        ADD_FAILURE() << "no team in the generated ledger has both";
        return {};
    }
    // The organisation gives prevent-duty a title, as `waymark settings` does.
    void give_prevent_duty_a_title() const {
        const CommandRun r = on_ledger("settings set course.prevent-duty.title \"Prevent duty\"");
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }
};

TEST_F(CertificateCli, ATeamsFileHasAPageForEachLearnerTheReportShowsAsCurrent) {
    const std::string team = team_with_a_completion();
    const std::string filter = "--team " + quoted(team) + " --course prevent-duty";
    const CsvTable listed = report_now(filter);
    const CommandRun r = on_ledger("certificate " + filter + " -o " + quoted(path("team.pdf")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(pdf_pages(path("team.pdf")), static_cast<int>(current(listed)));
    EXPECT_TRUE(contains(r.output, std::to_string(current(listed)) + " certificate")) << r.output;
    const std::size_t left_out = listed.size() - current(listed);
    if (left_out > 0) {
        EXPECT_TRUE(contains(r.output, std::to_string(left_out) + " learner")) << r.output;
    }
}

TEST_F(CertificateCli, AllWritesEveryCurrentCompletionInOneFile) {
    const CsvTable listed = report_now("");
    const CommandRun r = on_ledger("certificate --all -o " + quoted(path("all.pdf")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(pdf_pages(path("all.pdf")), static_cast<int>(current(listed)));
}

TEST_F(CertificateCli, TheSingleLearnerFormStillWritesOnePage) {
    const std::string staff_id = someone_who_completed();
    ASSERT_FALSE(staff_id.empty());
    const CommandRun r = on_ledger("certificate " + cli_testing::quoted(staff_id) +
                                   " prevent-duty -o " + quoted(path("one.pdf")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(pdf_pages(path("one.pdf")), 1);
}

TEST_F(CertificateCli, VerifyWorksOnAnAuditorsReadOnlyCopyOfTheLedger) {
    const std::string staff_id = someone_who_completed();
    ASSERT_FALSE(staff_id.empty());
    const CommandRun issued = on_ledger("certificate " + cli_testing::quoted(staff_id) +
                                        " prevent-duty -o " + quoted(path("one.pdf")));
    ASSERT_EQ(issued.exit_code, 0) << issued.output;
    const auto at = issued.output.find("certificate code ");
    ASSERT_NE(at, std::string::npos) << issued.output;
    const std::string code = issued.output.substr(at + 17, 14);
    const CommandRun r = on_read_only_copy("certificate verify " + code);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "genuine and valid")) << r.output;
}

TEST_F(CertificateCli, AnUnknownTeamIsAUsageErrorThatNamesTheTeamsThereAre) {
    const std::string team = team_with_a_completion();
    const CommandRun r =
        on_ledger("certificate --team \"No such team\" -o " + quoted(path("team.pdf")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, team)) << r.output;
    EXPECT_FALSE(fs::exists(path("team.pdf")));
}

TEST_F(CertificateCli, ALearnerAndATeamTogetherIsAUsageError) {
    const CommandRun r = on_ledger("certificate S1 --team Housing --course prevent-duty -o " +
                                   quoted(path("x.pdf")));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_FALSE(fs::exists(path("x.pdf")));
}

TEST_F(CertificateCli, ATeamWithoutAFileToWriteIsAUsageErrorThatShowsHow) {
    const CommandRun r = on_ledger("certificate --team Housing --course prevent-duty");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "-o ")) << r.output;
}

TEST_F(CertificateCli, WritingATeamsFileTwiceRecordsNoNewCertificates) {
    // The "events" line of `waymark ledger stats`: how many events, first to last.
    const auto events = [&] {
        const std::string out = on_ledger("ledger stats").output;
        const auto at = out.find("events ");
        return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
    };
    const std::string filter =
        "--team " + quoted(team_with_a_completion()) + " --course prevent-duty";
    ASSERT_EQ(on_ledger("certificate " + filter + " -o " + quoted(path("a.pdf"))).exit_code, 0);
    const std::string before = events();
    ASSERT_FALSE(before.empty());
    ASSERT_EQ(on_ledger("certificate " + filter + " -o " + quoted(path("b.pdf"))).exit_code, 0);
    EXPECT_EQ(events(), before);
}

// The certificates print the course's title, so the counts beside them name it too; the
// id stays where the manager types it.
TEST_F(CertificateCli, ThoseLeftOutAreCountedByTheCoursesTitleAndTheCommandKeepsItsId) {
    ASSERT_NO_FATAL_FAILURE(give_prevent_duty_a_title());
    const std::string team = team_with_someone_left_out();
    const CommandRun r = on_ledger("certificate --team " + quoted(team) +
                                   " --course prevent-duty -o " + quoted(path("team.pdf")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "not completed Prevent duty (")) << r.output;
    EXPECT_FALSE(contains(r.output, "not completed prevent-duty")) << r.output;
    EXPECT_TRUE(contains(r.output, "--course prevent-duty' shows")) << r.output;
}

TEST_F(CertificateCli, ATeamWithNothingToCertifyIsToldSoByTheCoursesTitle) {
    ASSERT_NO_FATAL_FAILURE(give_prevent_duty_a_title());
    const CommandRun added = on_ledger(
        "learner add --name \"Dee Quinn\" --staff-id Q-1 --team \"New starters\" --role Worker");
    ASSERT_EQ(added.exit_code, 0) << added.output;
    const CommandRun r = on_ledger("certificate --team \"New starters\" --course prevent-duty -o " +
                                   quoted(path("team.pdf")));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output, "a current completion of Prevent duty to certify")) << r.output;
    EXPECT_TRUE(contains(r.output, "--course prevent-duty' shows")) << r.output;
    EXPECT_FALSE(fs::exists(path("team.pdf")));
}

}  // namespace
}  // namespace waymark::cli_testing
