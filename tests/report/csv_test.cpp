#include <algorithm>
#include <fstream>

#include "report_fixture.hpp"
#include "waymark/report/csv.hpp"
#include "waymark/report/status_columns.hpp"

namespace waymark::report::testing {
namespace {

// A strict RFC 4180 reader, for checking what a spreadsheet would see.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            if (c == '\r')
                ++i;
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    (void)was_quoted;
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

// The cell of data row `row` (1 is the first after the header) in the column whose
// header is `column`, found by name as a spreadsheet user finds it.
std::string cell(const std::vector<std::vector<std::string>>& rows, std::size_t row,
                 std::string_view column) {
    const auto& header = rows.at(0);
    const auto it = std::find(header.begin(), header.end(), column);
    if (it == header.end()) {
        ADD_FAILURE() << "no column " << column;
        return {};
    }
    return rows.at(row).at(static_cast<std::size_t>(it - header.begin()));
}

std::vector<std::string> fixture_lines(const char* name) {
    std::ifstream in(std::string(WAYMARK_FIXTURES) + "/report/" + name);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

class CsvExport : public ReportTest {
  protected:
    std::string export_csv(const CsvOptions& options = {}, const RowFilter& filter = {}) {
        const auto& m = matrix("2026-02-01T00:00:00Z");
        auto out = OutputFile::create(dir_ / "report.csv");
        EXPECT_TRUE(out);
        write_status_csv(m, filter, options, *out);
        EXPECT_TRUE(out->commit());
        return slurp(dir_ / "report.csv");
    }
};

TEST_F(CsvExport, WritesAHeaderAndOneRowPerLearnerAndCourse) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    learner("S2");
    const auto rows = parse_csv(export_csv());
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& row : rows)
        EXPECT_EQ(row.size(), status_columns().size());
}

TEST_F(CsvExport, NamesEveryStatusColumnInTheHeaderInTheTablesOrder) {
    learner("S1");
    const auto rows = parse_csv(export_csv());
    std::vector<std::string> names;
    for (const StatusColumn& column : status_columns())
        names.emplace_back(column.name);
    EXPECT_EQ(rows.at(0), names);
}

TEST_F(CsvExport, WritesDatesInIso8601AndTheScoreAsAPercentage) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z", 12, 0.875);
    const auto rows = parse_csv(export_csv());
    EXPECT_EQ(cell(rows, 1, "completed_on"), "2026-01-10");
    EXPECT_EQ(cell(rows, 1, "score"), "87.5");
    EXPECT_EQ(cell(rows, 1, "valid_until"), "2027-01-10");
}

TEST_F(CsvExport, RoundTripsHostileNamesThroughAnRfc4180Reader) {
    const auto names = fixture_lines("hostile_names.txt");
    ASSERT_FALSE(names.empty());
    for (std::size_t i = 0; i < names.size(); ++i)
        complete(learner("S" + std::to_string(i), "Housing", "Practitioner", names[i]), course(),
                 "2026-01-10T10:00:00Z");
    const auto rows = parse_csv(export_csv());
    ASSERT_EQ(rows.size(), names.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string name = cell(rows, i + 1, "name");
        if (name.starts_with("'"))
            name.erase(0, 1);
        EXPECT_EQ(name, names[i]);
    }
}

TEST_F(CsvExport, NeverStartsACellWithAFormulaCharacter) {
    const auto names = fixture_lines("hostile_names.txt");
    for (std::size_t i = 0; i < names.size(); ++i)
        learner("S" + std::to_string(i), "+Team", "@Role", names[i]);
    for (const auto& row : parse_csv(export_csv()))
        for (const auto& cell : row)
            EXPECT_TRUE(cell.empty() ||
                        std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos)
                << cell;
}

TEST_F(CsvExport, StartsWithAByteOrderMarkAndUsesCrlfForExcel) {
    learner("S1");
    complete(learner("S2"), course(), "2026-01-10T10:00:00Z");
    const std::string text = export_csv(CsvOptions{true});
    EXPECT_TRUE(text.starts_with("\xEF\xBB\xBF"));
    EXPECT_EQ(text.find("\n"), text.find("\r\n") + 1);
    EXPECT_TRUE(text.ends_with("\r\n"));
}

TEST_F(CsvExport, UsesPlainLfWithoutAByteOrderMarkByDefault) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    const std::string text = export_csv();
    EXPECT_TRUE(text.starts_with("learner_id,"));
    EXPECT_EQ(text.find('\r'), std::string::npos);
}

TEST_F(CsvExport, ExportsOnlyTheRowsTheFilterSelects) {
    complete(learner("S1", "Housing"), course(), "2026-01-10T10:00:00Z");
    learner("S2", "Schools Liaison");
    const auto rows = parse_csv(export_csv({}, RowFilter{"", "Housing", "", {}}));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(cell(rows, 1, "team"), "Housing");
}

TEST_F(CsvExport, ExportsEveryPastCompletionInTheHistory) {
    const auto a = learner("S1");
    complete(a, course(), "2024-01-10T10:00:00Z");
    complete(a, course(), "2025-01-10T10:00:00Z");
    auto out = OutputFile::create(dir_ / "history.csv");
    ASSERT_TRUE(out);
    ASSERT_TRUE(write_completion_history_csv(*ledger_, {}, {}, *out));
    ASSERT_TRUE(out->commit());
    const auto rows = parse_csv(slurp(dir_ / "history.csv"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(cell(rows, 1, "completed_at"), "2024-01-10T10:00:00Z");
    EXPECT_EQ(cell(rows, 2, "completed_at"), "2025-01-10T10:00:00Z");
}

TEST(OutputFileTest, LeavesNothingBehindWhenNotCommitted) {
    const waymark::testing::ScratchFolder dir("output");
    {
        auto out = OutputFile::create(dir / "report.csv");
        ASSERT_TRUE(out);
        out->write("half a report");
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(OutputFileTest, KeepsTheOldFileUntilTheNewOneIsCommitted) {
    const waymark::testing::ScratchFolder dir("output");
    std::ofstream(dir / "report.csv") << "old";
    auto out = OutputFile::create(dir / "report.csv");
    ASSERT_TRUE(out);
    out->write("new");
    EXPECT_EQ(slurp(dir / "report.csv"), "old");
    ASSERT_TRUE(out->commit());
    EXPECT_EQ(slurp(dir / "report.csv"), "new");
}

}  // namespace
}  // namespace waymark::report::testing
