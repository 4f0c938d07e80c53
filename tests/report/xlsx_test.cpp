// The XLSX export, read back as Excel would: the zip's XML parts.
#include <zip.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <regex>

#include "report_fixture.hpp"
#include "waymark/report/status_columns.hpp"
#include "waymark/report/xlsx_export.hpp"

namespace waymark::report::testing {
namespace {

struct ZipDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::string xml_unescape(std::string s) {
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"&lt;", "<"},
                                   {"&gt;", ">"},
                                   {"&quot;", "\""},
                                   {"&apos;", "'"},
                                   {"&amp;", "&"}}) {
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
    }
    return s;
}

// The text of every <t> element in `xml`, joined.
std::string joined_text(std::string_view xml) {
    std::string out;
    for (auto at = xml.find("<t"); at != std::string_view::npos; at = xml.find("<t", at + 1)) {
        const auto open_end = xml.find('>', at);
        if (xml[at + 2] != '>' && xml[at + 2] != ' ')
            continue;  // <tag...> rather than <t>
        out += xml.substr(open_end + 1, xml.find("</t>", open_end) - open_end - 1);
    }
    return xml_unescape(out);
}

int count_of(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

struct Cell {
    std::string value;  // the text, or the number as written
    bool text = false;
    int style = 0;
    double number() const { return std::stod(value); }
};

// A written workbook, read with libzip: its parts and its sheets' cells, with shared
// and inline strings both resolved to text.
class Workbook {
  public:
    explicit Workbook(const std::filesystem::path& file) {
        int error = 0;
        std::unique_ptr<zip_t, ZipDiscard> zip(zip_open(file.c_str(), ZIP_RDONLY, &error));
        if (!zip)
            return;
        for (zip_int64_t i = 0; i < zip_get_num_entries(zip.get(), 0); ++i) {
            zip_stat_t st;
            if (zip_stat_index(zip.get(), i, 0, &st) != 0)
                continue;
            std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(zip.get(), i, 0));
            std::string data(st.size, '\0');
            if (f && zip_fread(f.get(), data.data(), st.size) == zip_int64_t(st.size))
                parts_[st.name] = std::move(data);
        }
        const std::string& sst = part("xl/sharedStrings.xml");
        for (auto at = sst.find("<si>"); at != std::string::npos; at = sst.find("<si>", at + 1))
            shared_.push_back(
                joined_text(std::string_view(sst).substr(at, sst.find("</si>", at) - at)));
    }

    const std::string& part(const std::string& name) const {
        static const std::string none;
        const auto it = parts_.find(name);
        return it == parts_.end() ? none : it->second;
    }
    bool has(const std::string& name) const { return parts_.count(name) == 1; }

    // Sheets in workbook order: Summary is sheet 1, Detail sheet 2.
    std::map<std::string, Cell> cells(int sheet) const {
        const std::string& xml = part("xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
        std::map<std::string, Cell> cells;
        for (auto at = xml.find("<c r=\""); at != std::string::npos;
             at = xml.find("<c r=\"", at + 1)) {
            const auto tag_end = xml.find('>', at);
            const std::string tag = xml.substr(at, tag_end - at);
            const std::string ref = tag.substr(6, tag.find('"', 6) - 6);
            Cell cell;
            std::smatch m;
            if (std::regex_search(tag, m, std::regex(" s=\"([0-9]+)\"")))
                cell.style = std::stoi(m[1]);
            if (xml[tag_end - 1] != '/') {
                const std::string body =
                    xml.substr(tag_end + 1, xml.find("</c>", at) - tag_end - 1);
                const auto v = body.find("<v>");
                const std::string value =
                    v == std::string::npos ? "" : body.substr(v + 3, body.find("</v>") - v - 3);
                if (tag.find("t=\"s\"") != std::string::npos) {
                    cell.text = true;
                    cell.value = shared_.at(std::stoul(value));
                } else if (tag.find("t=\"inlineStr\"") != std::string::npos) {
                    cell.text = true;
                    cell.value = joined_text(body);
                } else {
                    cell.value = value;
                }
            }
            cells[ref] = cell;
        }
        return cells;
    }

    // The number format code of cell style `s`.
    std::string number_format(int s) const {
        const std::string& styles = part("xl/styles.xml");
        std::smatch m;
        const std::string xf = cell_xf(s);
        if (!std::regex_search(xf, m, std::regex("numFmtId=\"([0-9]+)\"")))
            return "";
        std::smatch code;
        const std::regex pattern("<numFmt numFmtId=\"" + m[1].str() + "\" formatCode=\"([^\"]*)\"");
        return std::regex_search(styles, code, pattern) ? code[1].str() : "built-in " + m[1].str();
    }

    bool bold(int s) const {
        std::smatch m;
        const std::string xf = cell_xf(s);
        if (!std::regex_search(xf, m, std::regex("fontId=\"([0-9]+)\"")))
            return false;
        const std::string& styles = part("xl/styles.xml");
        std::size_t at = styles.find("<fonts");
        for (int i = 0; i <= std::stoi(m[1]) && at != std::string::npos; ++i)
            at = styles.find("<font>", at + 1);
        return at != std::string::npos &&
               styles.substr(at, styles.find("</font>", at) - at).find("<b/>") != std::string::npos;
    }

  private:
    // The <xf> element of cell style `s`.
    std::string cell_xf(int s) const {
        const std::string& styles = part("xl/styles.xml");
        std::size_t at = styles.find("<cellXfs");
        for (int i = 0; i <= s && at != std::string::npos; ++i)
            at = styles.find("<xf ", at + 1);
        return at == std::string::npos ? "" : styles.substr(at, styles.find('>', at) - at);
    }

    std::map<std::string, std::string> parts_;
    std::vector<std::string> shared_;
};

// "J" for the column headed "completed_on" on the Detail sheet (`detail`, its cells),
// found by name as a spreadsheet user finds it: the sheet has fewer than 27 columns.
std::string column(const std::map<std::string, Cell>& detail, std::string_view name) {
    for (char letter = 'A'; letter <= 'Z'; ++letter) {
        const auto heading = detail.find(std::string(1, letter) + "1");
        if (heading != detail.end() && heading->second.value == name)
            return std::string(1, letter);
    }
    ADD_FAILURE() << "no column headed " << name;
    return "?";
}

// Excel's serial day number: days since 30 December 1899.
double excel_day(std::chrono::year_month_day day) {
    using namespace std::chrono;
    return double((sys_days(day) - sys_days(year(1899) / December / 30)).count());
}

// Both ways a workbook is built: in memory (shared strings) and streamed (inline).
const XlsxOptions kInMemory{};
const XlsxOptions kStreamed{kXlsxRowLimit, 0};

class XlsxExport : public ReportTest {
  protected:
    // The export information for a fresh checkpoint, generated at a fixed time.
    ExportInfo info(const RowFilter& filter = {}) {
        auto checkpoint = ledger_->checkpoint("export");
        EXPECT_TRUE(checkpoint) << checkpoint.error().describe();
        if (!checkpoint)
            throw std::runtime_error(checkpoint.error().describe());
        ExportInfo i = export_info(*ledger_, *checkpoint, filter);
        i.generated_at = "2026-02-01T09:30:00Z";
        return i;
    }

    Result<void> write(const StatusMatrix& m, const ExportInfo& i,
                       const std::filesystem::path& file, const XlsxOptions& options = {}) {
        auto out = OutputFile::create(file);
        if (!out)
            return out.error();
        if (auto r = write_status_xlsx(m, i, *out, {}, options); !r)
            return r;
        return out->commit();
    }

    Result<void> export_xlsx(const XlsxOptions& options = {}, const RowFilter& filter = {},
                             const std::filesystem::path& file = {}) {
        return write(matrix("2026-02-01T00:00:00Z"), info(filter),
                     file.empty() ? dir_ / "report.xlsx" : file, options);
    }

    Workbook workbook() const { return Workbook(dir_ / "report.xlsx"); }

    // A row for the learner: one page of a course viewed.
    void started(const std::string& learner_id, const std::string& course_id = "prevent-duty") {
        view_page(learner_id, course(course_id), 0, "2026-01-10T10:00:00Z");
    }
};

TEST_F(XlsxExport, HasASummarySheetFollowedByADetailSheet) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    ASSERT_TRUE(export_xlsx());
    const std::string names = workbook().part("xl/workbook.xml");
    const auto summary = names.find("<sheet name=\"Summary\"");
    const auto detail = names.find("<sheet name=\"Detail\"");
    ASSERT_NE(summary, std::string::npos) << names;
    ASSERT_NE(detail, std::string::npos) << names;
    EXPECT_LT(summary, detail);
}

TEST_F(XlsxExport, FreezesTheDetailHeaderAndFiltersEveryRow) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    started(learner("S2"));
    ASSERT_TRUE(export_xlsx());
    const std::string sheet = workbook().part("xl/worksheets/sheet2.xml");
    EXPECT_TRUE(
        std::regex_search(sheet, std::regex("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"")))
        << sheet.substr(0, 600);
    const std::string last_column(1, char('A' + status_columns().size() - 1));
    EXPECT_NE(sheet.find("<autoFilter ref=\"A1:" + last_column + "3\"/>"), std::string::npos)
        << sheet.substr(0, 600);
}

TEST_F(XlsxExport, WritesTheStatusCsvColumnsAsABoldDetailHeader) {
    for (const auto& options : {kInMemory, kStreamed}) {
        ASSERT_TRUE(export_xlsx(options));
        const Workbook book = workbook();
        auto cells = book.cells(2);
        const auto columns = status_columns();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Cell& cell = cells[std::string(1, char('A' + i)) + "1"];
            EXPECT_EQ(cell.value, columns[i].name);
            EXPECT_TRUE(cell.text);
            EXPECT_TRUE(book.bold(cell.style)) << columns[i].name;
        }
    }
}

TEST_F(XlsxExport, DrawsACompletionChartByCourseAndByTeam) {
    complete(learner("S1", "Housing"), course(), "2026-01-10T10:00:00Z");
    started(learner("S2", "Schools Liaison"));
    ASSERT_TRUE(export_xlsx());
    const Workbook book = workbook();
    ASSERT_TRUE(book.has("xl/charts/chart1.xml"));
    ASSERT_TRUE(book.has("xl/charts/chart2.xml"));
    const std::string& by_course = book.part("xl/charts/chart1.xml");
    EXPECT_NE(by_course.find("Compliance by course"), std::string::npos);
    EXPECT_NE(by_course.find("<c:f>Summary!$A$"), std::string::npos);
    EXPECT_NE(book.part("xl/charts/chart2.xml").find("Compliance by team"), std::string::npos);
    EXPECT_NE(book.part("xl/worksheets/_rels/sheet1.xml.rels").find("drawing"), std::string::npos);
}

TEST_F(XlsxExport, ChartsOfASmallWorkbookCarryTheirData) {
    complete(learner("S1", "Housing"), course(), "2026-01-10T10:00:00Z");
    ASSERT_TRUE(export_xlsx());
    const std::string chart = workbook().part("xl/charts/chart1.xml");
    EXPECT_NE(chart.find("<c:strCache>"), std::string::npos) << chart;
    EXPECT_NE(chart.find("<c:numCache>"), std::string::npos) << chart;
}

TEST_F(XlsxExport, StreamsALargeWorkbookWithInlineStrings) {
    started(learner("S1"));
    started(learner("S2"));
    ASSERT_TRUE(export_xlsx(XlsxOptions{kXlsxRowLimit, 1}));
    const Workbook book = workbook();
    EXPECT_FALSE(book.has("xl/sharedStrings.xml"));
    EXPECT_NE(book.part("xl/worksheets/sheet2.xml").find("t=\"inlineStr\""), std::string::npos);
}

TEST_F(XlsxExport, WritesCompletionDatesAsRealDates) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    ASSERT_TRUE(export_xlsx());
    using namespace std::chrono;
    const Workbook book = workbook();
    auto cells = book.cells(2);
    const Cell cell = cells[column(cells, "completed_on") + "2"];
    ASSERT_FALSE(cell.text);
    EXPECT_EQ(cell.number(), excel_day(year(2026) / January / 10));
    const std::string format = book.number_format(cell.style);
    EXPECT_NE(format.find("yyyy"), std::string::npos) << format;
    EXPECT_NE(format.find("dd"), std::string::npos) << format;
}

TEST_F(XlsxExport, WritesScoresAndProgressAsPercentageNumbers) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z", 12, 0.875);
    const auto reader = learner("S2");
    view_page(reader, course(), 0, "2026-01-10T10:00:00Z");
    view_page(reader, course(), 1, "2026-01-10T10:05:00Z");
    ASSERT_TRUE(export_xlsx());
    const Workbook book = workbook();
    auto cells = book.cells(2);
    const Cell score = cells[column(cells, "score") + "2"];
    ASSERT_FALSE(score.text);
    EXPECT_DOUBLE_EQ(score.number(), 0.875);
    EXPECT_NE(book.number_format(score.style).find('%'), std::string::npos);
    // Two of four pages viewed.
    const Cell percent = cells[column(cells, "percent") + "3"];
    ASSERT_FALSE(percent.text);
    EXPECT_DOUBLE_EQ(percent.number(), 0.5);
    EXPECT_NE(book.number_format(percent.style).find('%'), std::string::npos);
}

TEST_F(XlsxExport, HasOneDetailRowPerCsvRowForTheSameFilter) {
    complete(learner("S1", "Housing"), course(), "2026-01-10T10:00:00Z");
    complete(learner("S2", "Housing"), course("channel"), "2025-01-10T10:00:00Z");
    started(learner("S3", "Schools Liaison"));
    const RowFilter filter{"", "Housing", "", {}};
    auto csv = OutputFile::create(dir_ / "report.csv");
    ASSERT_TRUE(csv);
    write_status_csv(matrix("2026-02-01T00:00:00Z"), filter, {}, *csv);
    ASSERT_TRUE(csv->commit());
    const int csv_rows = count_of(slurp(dir_ / "report.csv"), "\n") - 1;
    EXPECT_EQ(csv_rows, 4);
    for (const auto& options : {kInMemory, kStreamed}) {
        ASSERT_TRUE(export_xlsx(options, filter));
        EXPECT_EQ(count_of(workbook().part("xl/worksheets/sheet2.xml"), "<row ") - 1, csv_rows);
    }
}

TEST_F(XlsxExport, SummaryCountsMatchTheDetailStatuses) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    complete(learner("S2"), course(), "2024-01-10T10:00:00Z");
    complete(learner("S3"), course(), "2025-02-10T10:00:00Z");
    started(learner("S4"));
    for (const auto& options : {kInMemory, kStreamed}) {
        ASSERT_TRUE(export_xlsx(options));
        const Workbook book = workbook();
        auto summary = book.cells(1);
        std::map<std::string, int> detail;
        const auto cells = book.cells(2);
        const std::string status = column(cells, "status");
        for (const auto& [ref, cell] : cells)
            if (ref.starts_with(status) && ref != status + "1")
                ++detail[cell.value];
        for (const auto& [label, status] : {std::pair{"Completed", "completed"},
                                            {"Due soon", "due-soon"},
                                            {"Overdue", "overdue"},
                                            {"In progress", "in-progress"}}) {
            int row = 1;
            while (row < 100 && summary["A" + std::to_string(row)].value != label)
                ++row;
            const Cell count = summary["B" + std::to_string(row)];
            ASSERT_FALSE(count.text) << label << ": " << count.value;
            EXPECT_EQ(count.number(), detail[status]) << label;
            EXPECT_EQ(count.number(), 1) << label;
        }
    }
}

TEST_F(XlsxExport, NamesTheOrganisationAndLedgerCheckpointOnTheSummary) {
    setting("organisation.name", "Westmorland and Furness");
    started(learner("S1"));
    ASSERT_TRUE(export_xlsx());
    const Workbook book = workbook();
    std::string text;
    for (const auto& [ref, cell] : book.cells(1))
        text += cell.value + "\n";
    EXPECT_NE(text.find("Westmorland and Furness"), std::string::npos) << text;
    EXPECT_NE(text.find(ledger_->device_public_key().fingerprint()), std::string::npos) << text;
    EXPECT_NE(text.find("waymark verify-export report.xlsx"), std::string::npos) << text;
    EXPECT_NE(book.part("docProps/core.xml").find("<dc:creator>Waymark</dc:creator>"),
              std::string::npos);
}

TEST_F(XlsxExport, StoresHostileNamesAsTextNeverAsFormulas) {
    std::ifstream in(std::string(WAYMARK_FIXTURES) + "/report/hostile_names.txt");
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);)
        names.push_back(line);
    ASSERT_FALSE(names.empty());
    for (std::size_t i = 0; i < names.size(); ++i)
        started(learner("S" + std::to_string(i), "Housing", "Practitioner", names[i]));
    for (const auto& options : {kInMemory, kStreamed}) {
        ASSERT_TRUE(export_xlsx(options));
        const Workbook book = workbook();
        EXPECT_EQ(book.part("xl/worksheets/sheet2.xml").find("<f>"), std::string::npos);
        auto cells = book.cells(2);
        for (std::size_t i = 0; i < names.size(); ++i) {
            const Cell& cell = cells[column(cells, "name") + std::to_string(i + 2)];
            EXPECT_TRUE(cell.text) << names[i];
            EXPECT_EQ(cell.value, names[i]);
        }
    }
}

TEST_F(XlsxExport, ReplacesInvalidUtf8SoTheWorkbookStaysReadable) {
    started(learner("S1", "Housing", "Practitioner", "Jo \xff Bloggs"));
    ASSERT_TRUE(export_xlsx());
    auto cells = workbook().cells(2);
    EXPECT_EQ(cells[column(cells, "name") + "2"].value, "Jo \xEF\xBF\xBD Bloggs");
}

TEST_F(XlsxExport, RefusesMoreRowsThanASheetHoldsAndLeavesNoFile) {
    started(learner("S1"));
    started(learner("S2"));
    started(learner("S3"));
    const auto out = dir_ / "out";
    std::filesystem::create_directory(out);
    const auto r = export_xlsx(XlsxOptions{2, kXlsxInMemoryRows}, {}, out / "report.xlsx");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::usage);
    EXPECT_NE(r.error().message.find("3 rows"), std::string::npos) << r.error().describe();
    EXPECT_NE(r.error().message.find("--format csv"), std::string::npos) << r.error().describe();
    EXPECT_TRUE(std::filesystem::is_empty(out));
}

TEST_F(XlsxExport, AFailureHalfWayLeavesNoFileBehind) {
    started(learner("S1"));
    started(learner("S2"), "channel");
    setting("course.channel.title", std::string(40000, 'x'));
    for (const auto& options : {kInMemory, kStreamed}) {
        const auto out = dir_ / "out";
        std::filesystem::create_directory(out);
        const auto r = export_xlsx(options, {}, out / "report.xlsx");
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::invalid);
        EXPECT_NE(r.error().message.find("32,767"), std::string::npos) << r.error().describe();
        EXPECT_TRUE(std::filesystem::is_empty(out));
    }
}

TEST_F(XlsxExport, LeavesOnlyTheWorkbookInTheOutputFolder) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    for (const auto& options : {kInMemory, kStreamed}) {
        const auto out = dir_ / "out";
        std::filesystem::remove_all(out);
        std::filesystem::create_directory(out);
        ASSERT_TRUE(export_xlsx(options, {}, out / "report.xlsx"));
        std::vector<std::string> files;
        for (const auto& entry : std::filesystem::directory_iterator(out))
            files.push_back(entry.path().filename().string());
        EXPECT_EQ(files, std::vector<std::string>{"report.xlsx"});
    }
}

TEST_F(XlsxExport, WritesTheSameBytesForTheSameExport) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    started(learner("S2"));
    const auto& m = matrix("2026-02-01T00:00:00Z");
    const ExportInfo i = info();
    // The same name in two folders: the Summary names the file.
    for (const char* folder : {"a", "b"}) {
        std::filesystem::create_directory(dir_ / folder);
        ASSERT_TRUE(write(m, i, dir_ / folder / "report.xlsx"));
    }
    const std::string a = slurp(dir_ / "a" / "report.xlsx");
    EXPECT_FALSE(a.empty());
    EXPECT_TRUE(a == slurp(dir_ / "b" / "report.xlsx"));
}

}  // namespace
}  // namespace waymark::report::testing
