// A team's certificates in one PDF: who is in it, in what order, and what is recorded.
#include <cstdio>
#include <memory>
#include <regex>
#include <set>

#include "report_fixture.hpp"
#include "waymark/report/certificate.hpp"

namespace waymark::report::testing {
namespace {

namespace fs = std::filesystem;

// What pdfinfo (poppler-utils, tools/bootstrap.sh) says of a PDF, one "Key: value" a line.
std::string pdf_info(const fs::path& pdf) {
    struct Closer {
        void operator()(std::FILE* f) const { ::pclose(f); }
    };
    std::unique_ptr<std::FILE, Closer> run(
        ::popen(("pdfinfo '" + pdf.string() + "'").c_str(), "r"));
    std::string text;
    char buffer[4096];
    while (run && std::fgets(buffer, sizeof buffer, run.get()))
        text += buffer;
    return text;
}

std::string info_line(const std::string& info, const std::string& key) {
    std::smatch found;
    if (!std::regex_search(info, found, std::regex("(^|\n)" + key + ":\\s*([^\n]*)")))
        return {};
    return found[2];
}

int pages(const fs::path& pdf) {
    const std::string count = info_line(pdf_info(pdf), "Pages");
    return count.empty() ? -1 : std::stoi(count);
}

class CertificateFile : public ReportTest {
  protected:
    // Housing: Priya and Ben completed, Cara did not start; Youth: Dan completed.
    void SetUp() override {
        ReportTest::SetUp();
        setting("course.prevent-duty.title", "Prevent duty awareness");
        const auto priya = learner("S1", "Housing", "Practitioner", "Priya Patel");
        const auto ben = learner("S2", "Housing", "Practitioner", "Ben Okafor");
        learner("S3", "Housing", "Practitioner", "Cara Diaz");
        const auto dan = learner("S4", "Youth", "Practitioner", "Dan Reid");
        complete(priya, course(), "2026-01-10T10:00:00Z");
        complete(ben, course(), "2026-01-11T10:00:00Z");
        complete(dan, course(), "2026-01-12T10:00:00Z");
    }
    CertificateList housing() {
        return certificates_for(matrix("2026-02-01"), RowFilter{"prevent-duty", "Housing", "", {}});
    }
    std::int64_t events() { return ledger_->stats()->events; }
    std::set<std::string> files_in_folder() const {
        std::set<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_.path()))
            names.insert(entry.path().filename().string());
        return names;
    }
};

TEST_F(CertificateFile, ListsTheTeamsLearnersWithACurrentCompletionAndCountsTheRest) {
    const auto list = housing();
    ASSERT_EQ(list.wanted.size(), 2u);
    EXPECT_EQ(list.skipped, 1);  // Cara has not started
}

TEST_F(CertificateFile, OrdersTheCertificatesByTeamThenName) {
    const auto list = certificates_for(matrix("2026-02-01"), RowFilter{});
    std::vector<std::string> staff_ids;
    for (const auto& w : list.wanted)
        staff_ids.push_back(w.staff_id);
    // Housing: Ben Okafor, Priya Patel; then Youth: Dan Reid.
    EXPECT_EQ(staff_ids, (std::vector<std::string>{"S2", "S1", "S4"}));
}

TEST_F(CertificateFile, HasOnePagePerCertifiedLearner) {
    const fs::path pdf = dir_ / "housing.pdf";
    auto saved = save_certificates_pdf(*ledger_, housing().wanted, pdf);
    ASSERT_TRUE(saved) << saved.error().describe();
    EXPECT_EQ(saved->size(), 2u);
    EXPECT_EQ(pages(pdf), 2);
}

TEST_F(CertificateFile, PrintsTheLearnersInTheOrderGiven) {
    const fs::path pdf = dir_ / "housing.pdf";
    auto saved = save_certificates_pdf(*ledger_, housing().wanted, pdf);
    ASSERT_TRUE(saved) << saved.error().describe();
    ASSERT_EQ(std::system(
                  ("pdftotext '" + pdf.string() + "' '" + (dir_ / "text").string() + "'").c_str()),
              0);
    const std::string text = slurp(dir_ / "text");
    const auto ben = text.find("Ben Okafor"), priya = text.find("Priya Patel");
    ASSERT_NE(ben, std::string::npos) << text;
    ASSERT_NE(priya, std::string::npos) << text;
    EXPECT_LT(ben, priya);
    EXPECT_EQ(text.find("Cara Diaz"), std::string::npos);
}

TEST_F(CertificateFile, IsTitledWithTheCourseAndHowManyLearners) {
    const fs::path pdf = dir_ / "housing.pdf";
    ASSERT_TRUE(save_certificates_pdf(*ledger_, housing().wanted, pdf));
    EXPECT_EQ(info_line(pdf_info(pdf), "Title"),
              "Certificates: Prevent duty awareness, 2 learners");
}

// The emblem (an image and its transparency) is stored as often for three pages as for one.
TEST_F(CertificateFile, HoldsTheEmblemOnceHoweverManyPages) {
    const auto images = [](const fs::path& pdf) {
        const std::string bytes = slurp(pdf);
        std::size_t n = 0;
        for (auto at = bytes.find("/Subtype /Image"); at != std::string::npos;
             at = bytes.find("/Subtype /Image", at + 1))
            ++n;
        return n;
    };
    const auto everyone = certificates_for(matrix("2026-02-01"), {}).wanted;
    ASSERT_EQ(everyone.size(), 3u);
    ASSERT_TRUE(save_certificates_pdf(*ledger_, everyone, dir_ / "everyone.pdf"));
    ASSERT_TRUE(save_certificates_pdf(*ledger_, {everyone.front()}, dir_ / "one.pdf"));
    EXPECT_GT(images(dir_ / "one.pdf"), 0u);
    EXPECT_EQ(images(dir_ / "everyone.pdf"), images(dir_ / "one.pdf"));
}

TEST_F(CertificateFile, RecordsEachCertificateOnceEvenWhenWrittenTwice) {
    const auto before = events();
    ASSERT_TRUE(save_certificates_pdf(*ledger_, housing().wanted, dir_ / "a.pdf"));
    EXPECT_EQ(events(), before + 2);
    ASSERT_TRUE(save_certificates_pdf(*ledger_, housing().wanted, dir_ / "b.pdf"));
    EXPECT_EQ(events(), before + 2);
}

TEST_F(CertificateFile, GivesEachPageTheCodeVerifyAccepts) {
    auto saved = save_certificates_pdf(*ledger_, housing().wanted, dir_ / "housing.pdf");
    ASSERT_TRUE(saved);
    for (const auto& c : *saved) {
        auto check = verify_certificate(*ledger_, c.code, at("2026-02-01T00:00:00Z"));
        ASSERT_TRUE(check);
        EXPECT_TRUE(check->genuine) << c.learner_name;
    }
}

TEST_F(CertificateFile, ALearnerWithoutACompletionRecordsNoneOfTheCertificatesAndWritesNothing) {
    auto wanted = housing().wanted;
    wanted.push_back({"S3", "prevent-duty"});  // Cara: nothing to certify
    const auto before = events();
    auto saved = save_certificates_pdf(*ledger_, wanted, dir_ / "housing.pdf");
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, ErrorCode::not_found);
    EXPECT_NE(saved.error().message.find("Cara Diaz"), std::string::npos);
    EXPECT_EQ(events(), before);
    EXPECT_FALSE(fs::exists(dir_ / "housing.pdf"));
}

TEST_F(CertificateFile, StoppedWhileDrawingLeavesTheEarlierFileAndNoTemporaryOne) {
    const fs::path pdf = dir_ / "housing.pdf";
    ASSERT_TRUE(save_certificates_pdf(*ledger_, housing().wanted, pdf));
    const std::string earlier = slurp(pdf);
    const auto names = files_in_folder();
    // Stops after the first page is drawn.
    const ExportProgress stop_after_a_page = [](std::int64_t done, std::int64_t) {
        return done < 1;
    };
    auto saved = save_certificates_pdf(*ledger_, housing().wanted, pdf, {}, stop_after_a_page);
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().message, export_stopped().message);
    EXPECT_EQ(slurp(pdf), earlier);
    EXPECT_EQ(files_in_folder(), names);
}

TEST_F(CertificateFile, StoppedWhileIssuingRecordsNoCertificate) {
    const auto before = events();
    const ExportProgress stop = [](std::int64_t, std::int64_t) { return false; };
    auto saved = save_certificates_pdf(*ledger_, housing().wanted, dir_ / "housing.pdf", {}, stop);
    ASSERT_FALSE(saved);
    EXPECT_EQ(events(), before);
    EXPECT_FALSE(fs::exists(dir_ / "housing.pdf"));
}

TEST_F(CertificateFile, RefusesAnEmptyList) {
    auto saved = save_certificates_pdf(*ledger_, {}, dir_ / "nobody.pdf");
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, ErrorCode::usage);
    EXPECT_FALSE(fs::exists(dir_ / "nobody.pdf"));
}

TEST_F(CertificateFile, NamesAnUntitledCourseByTheTitleGiven) {
    complete(learner("S5", "Parks", "Warden", "Eve Moss"), course("first-aid"),
             "2026-01-12T10:00:00Z");
    auto saved = save_certificates_pdf(*ledger_, {{"S5", "first-aid"}}, dir_ / "eve.pdf",
                                       {{"first-aid", "First aid at work"}});
    ASSERT_TRUE(saved) << saved.error().describe();
    EXPECT_EQ(saved->front().course_title, "First aid at work");
}

}  // namespace
}  // namespace waymark::report::testing
