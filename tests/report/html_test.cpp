#include <cstdlib>
#include <regex>

#include "report_fixture.hpp"
#include "waymark/report/csv.hpp"
#include "waymark/report/html_export.hpp"

namespace waymark::report::testing {
namespace {

class HtmlExport : public ReportTest {
  protected:
    void SetUp() override {
        ReportTest::SetUp();
        const auto a = learner("S1", "Housing");
        // Overdue, so the name is listed on the page.
        const auto b =
            learner("S2", "Schools Liaison", "Practitioner", "Jo <script>alert(1)</script>");
        const auto c = learner("S3", "Housing");
        complete(a, course(), "2026-01-10T10:00:00Z");
        complete(b, course(), "2024-01-10T10:00:00Z");
        complete(c, course("prevent-duty", "2.1.0", false), "2026-01-10T10:00:00Z");
        view_page(c, course("channel"), 0, "2026-01-10T10:00:00Z");
        const auto& m = matrix("2026-02-01T00:00:00Z");
        auto checkpoint = ledger_->checkpoint("export");
        ASSERT_TRUE(checkpoint);
        auto html = OutputFile::create(dir_ / "report.html");
        ASSERT_TRUE(html);
        write_status_html(m, export_info(*ledger_, *checkpoint, {}), *html);
        ASSERT_TRUE(html->commit());
        auto csv = OutputFile::create(dir_ / "report.csv");
        ASSERT_TRUE(csv);
        write_status_csv(m, {}, {}, *csv);
        ASSERT_TRUE(csv->commit());
    }

    // Renders the page in headless Chromium; the DOM it built goes to dom.html and its
    // log (console messages included) to chromium.log.
    bool render() {
        if (std::system("command -v chromium >/dev/null 2>&1") != 0)
            return false;
        const std::string profile = (dir_ / "profile").string();
        const std::string command =
            "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic "
            "--no-first-run --disable-background-networking --disable-component-update "
            "--disable-sync --user-data-dir='" +
            profile + "' --enable-logging=stderr --v=0 --dump-dom 'file://" +
            (dir_ / "report.html").string() + "' >'" + (dir_ / "dom.html").string() + "' 2>'" +
            (dir_ / "chromium.log").string() + "'";
        return std::system(command.c_str()) == 0;
    }

    std::map<std::string, int> csv_status_counts() {
        std::map<std::string, int> counts;
        std::istringstream in(slurp(dir_ / "report.csv"));
        std::string line;
        std::getline(in, line);
        for (; std::getline(in, line);) {
            // No field before "status" contains a comma or quote in this fixture.
            std::size_t at = 0;
            for (int i = 0; i < 7; ++i)
                at = line.find(',', at) + 1;
            ++counts[line.substr(at, line.find(',', at) - at)];
        }
        return counts;
    }
};

TEST_F(HtmlExport, RendersInChromiumWithoutConsoleErrors) {
    if (std::system("command -v chromium >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "chromium is not installed; run tools/bootstrap.sh";
    ASSERT_TRUE(render());
    const std::string dom = slurp(dir_ / "dom.html");
    EXPECT_NE(dom.find("<svg id=\"chart-course\""), std::string::npos);
    EXPECT_NE(dom.find("<svg id=\"chart-team\""), std::string::npos);
    const std::string log = slurp(dir_ / "chromium.log");
    EXPECT_EQ(log.find("CONSOLE"), std::string::npos) << log;
    EXPECT_EQ(log.find("Refused to"), std::string::npos) << log;
}

TEST_F(HtmlExport, ShowsTheSameStatusCountsAsTheCsvOnceRendered) {
    if (std::system("command -v chromium >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "chromium is not installed; run tools/bootstrap.sh";
    ASSERT_TRUE(render());
    const std::string dom = slurp(dir_ / "dom.html");
    const auto expected = csv_status_counts();
    int total = 0;
    for (int s = 0; s < kStatusCount; ++s) {
        const std::string name = to_string(static_cast<Status>(s));
        const std::regex tile("data-status=\"" + name + "\" data-count=\"([0-9]+)\"");
        std::smatch m;
        ASSERT_TRUE(std::regex_search(dom, m, tile)) << name;
        const auto it = expected.find(name);
        EXPECT_EQ(std::stoi(m[1]), it == expected.end() ? 0 : it->second) << name;
        total += std::stoi(m[1]);
    }
    EXPECT_EQ(total, 6);
}

TEST_F(HtmlExport, FetchesNothingFromOutsideTheFile) {
    const std::string html = slurp(dir_ / "report.html");
    for (const char* external :
         {"<script", "<link", "src=\"http", "href=\"http", "@import", "url("})
        EXPECT_EQ(html.find(external), std::string::npos) << external;
}

TEST_F(HtmlExport, EscapesNamesSoTheyCannotInjectMarkup) {
    const std::string html = slurp(dir_ / "report.html");
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(HtmlExport, ListsOverdueStaffWithTheirDueDate) {
    const std::string html = slurp(dir_ / "report.html");
    EXPECT_NE(html.find("data-list=\"overdue\" data-count=\"1\""), std::string::npos);
    EXPECT_NE(html.find("10 January 2025"), std::string::npos);  // in words, for people
}

}  // namespace
}  // namespace waymark::report::testing
