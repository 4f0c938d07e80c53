// `waymark report --format xlsx` on a generated organisation's ledger: a signed workbook
// with as many detail rows as the CSV, and nothing written when the export is refused.
#include <zip.h>

#include <memory>

#include "run_waymark.hpp"

namespace waymark::cli_testing {
namespace {

using XlsxReport = GeneratedLedgerTest;

// One part of a zip file, or "" when it is missing.
std::string zip_part(const fs::path& file, const char* name) {
    int error = 0;
    const auto discard = [](zip_t* z) { zip_discard(z); };
    std::unique_ptr<zip_t, decltype(discard)> zip(zip_open(file.c_str(), ZIP_RDONLY, &error),
                                                  discard);
    zip_stat_t st;
    if (!zip || zip_stat(zip.get(), name, 0, &st) != 0)
        return "";
    const auto close = [](zip_file_t* f) { zip_fclose(f); };
    std::unique_ptr<zip_file_t, decltype(close)> f(zip_fopen(zip.get(), name, 0), close);
    std::string data(st.size, '\0');
    if (!f || zip_fread(f.get(), data.data(), st.size) != zip_int64_t(st.size))
        return "";
    return data;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

TEST_F(XlsxReport, IsAWorkbookWithASignatureThatVerifyExportAccepts) {
    const CommandRun r = report("xlsx", "report.xlsx");
    EXPECT_TRUE(contains(r.output, "(xlsx, ")) << r.output;
    ASSERT_TRUE(fs::exists(path("report.xlsx")));
    EXPECT_TRUE(read_file(path("report.xlsx")).starts_with("PK\x03\x04"));
    EXPECT_TRUE(contains(zip_part(path("report.xlsx"), "xl/workbook.xml"), "name=\"Detail\""));
    const CommandRun v = waymark("verify-export " + quoted(path("report.xlsx")) + " --trust " +
                                 quoted(path("ledger.db.pub")));
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(contains(v.output, "unchanged since it was signed")) << v.output;
}

TEST_F(XlsxReport, HasOneDetailRowPerCsvRowWithTheSameFilter) {
    const CsvTable csv = report_csv("--status overdue");
    ASSERT_GT(csv.size(), 0u) << "the generated organisation should have overdue staff";
    report("xlsx", "overdue.xlsx", "--status overdue");
    const std::string detail = zip_part(path("overdue.xlsx"), "xl/worksheets/sheet2.xml");
    EXPECT_EQ(count_of(detail, "<row "), csv.size() + 1);
}

TEST_F(XlsxReport, AnUnknownTeamIsAUsageErrorAndWritesNoWorkbook) {
    const CommandRun r =
        on_ledger("report --format xlsx -o " + quoted(path("report.xlsx")) + " --team Nowhere");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, "Nowhere")) << r.output;
    EXPECT_FALSE(fs::exists(path("report.xlsx")));
    EXPECT_FALSE(fs::exists(path("report.xlsx.sig")));
}

TEST_F(XlsxReport, IsListedAmongTheFormatsInTheHelp) {
    const CommandRun r = waymark("report --help");
    EXPECT_TRUE(contains(r.output, "csv, xlsx, json or html")) << r.output;
}

}  // namespace
}  // namespace waymark::cli_testing
