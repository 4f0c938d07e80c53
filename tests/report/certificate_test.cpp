#include "waymark/report/certificate.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "report_fixture.hpp"

namespace waymark::report::testing {
namespace {

using Certificates = ReportTest;

TEST_F(Certificates, IssuesACertificateForTheLatestTrustedCompletion) {
    const auto a = learner("S1", "Housing", "Practitioner", "Priya Patel");
    setting("organisation.name", "Northshire Safeguarding Partnership");
    setting("course.prevent-duty.title", "Prevent duty awareness");
    complete(a, course(), "2025-01-10T10:00:00Z");
    complete(a, course(), "2026-01-10T10:00:00Z", 12, 0.9);
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert) << cert.error().describe();
    EXPECT_EQ(cert->learner_name, "Priya Patel");
    EXPECT_EQ(cert->course_title, "Prevent duty awareness");
    EXPECT_EQ(format_date(cert->completed_at), "2026-01-10");
    EXPECT_EQ(format_date(*cert->valid_until), "2027-01-10");
    EXPECT_EQ(cert->organisation, "Northshire Safeguarding Partnership");
    EXPECT_EQ(cert->code, certificate_code(cert->completion_event_id));
}

TEST_F(Certificates, RefusesACompletionOnlyOnAnUntrustedPackage) {
    complete(learner("S1"), course("prevent-duty", "2.1.0", false), "2026-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_FALSE(cert);
    EXPECT_EQ(cert.error().code, ErrorCode::untrusted);
}

TEST_F(Certificates, ReportsALearnerWithoutACompletion) {
    learner("S1");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_FALSE(cert);
    EXPECT_EQ(cert.error().code, ErrorCode::not_found);
}

TEST_F(Certificates, VerifiesAnIssuedCodeAsGenuineAndValid) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    auto check = verify_certificate(*ledger_, cert->code, at("2026-06-01T00:00:00Z"));
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->genuine);
    EXPECT_TRUE(check->valid);
}

TEST_F(Certificates, VerifiesAnExpiredCertificateAsGenuineButNotValid) {
    complete(learner("S1"), course(), "2024-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    auto check = verify_certificate(*ledger_, cert->code, at("2026-06-01T00:00:00Z"));
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->genuine);
    EXPECT_FALSE(check->valid);
}

TEST_F(Certificates, RejectsACodeThatWasNeverIssued) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    auto check = verify_certificate(*ledger_, "7KQ2-M9XD-4TJH", utc_now());
    ASSERT_TRUE(check);
    EXPECT_FALSE(check->genuine);
}

TEST_F(Certificates, AcceptsACodeRetypedInLowerCaseWithoutDashes) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    std::string typed;
    for (char c : cert->code)
        if (c != '-')
            typed += static_cast<char>(std::tolower(c));
    auto check = verify_certificate(*ledger_, typed, at("2026-06-01T00:00:00Z"));
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->genuine);
}

TEST_F(Certificates, RecordsTheCertificateOnlyOnceWhenIssuedAgain) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    ASSERT_TRUE(issue_certificate(*ledger_, "S1", "prevent-duty"));
    const auto before = ledger_->stats()->events;
    ASSERT_TRUE(issue_certificate(*ledger_, "S1", "prevent-duty"));
    EXPECT_EQ(ledger_->stats()->events, before);
}

TEST_F(Certificates, DrawsAOnePagePdf) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    auto out = OutputFile::create(dir_ / "cert.pdf");
    ASSERT_TRUE(out);
    ASSERT_TRUE(render_certificate_pdf(*cert, *out));
    ASSERT_TRUE(out->commit());
    const std::string pdf = slurp(dir_ / "cert.pdf");
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_NE(pdf.find("/Count 1"), std::string::npos);
}

TEST_F(Certificates, DrawsTheEmblemFromTheAssetsAtItsFullResolution) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    auto out = OutputFile::create(dir_ / "cert.pdf");
    ASSERT_TRUE(out);
    ASSERT_TRUE(render_certificate_pdf(*cert, *out));
    ASSERT_TRUE(out->commit());
    // A PNG's width and height are the big-endian words at bytes 16 and 20 (its IHDR).
    const std::string png =
        slurp(std::filesystem::path(WAYMARK_SOURCE_DIR) / "assets/certificate/emblem.png");
    ASSERT_GT(png.size(), 24u);
    const auto word = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    const std::string pdf = slurp(dir_ / "cert.pdf");
    EXPECT_NE(pdf.find("/Subtype /Image"), std::string::npos);
    EXPECT_NE(pdf.find("/Width " + std::to_string(word(16))), std::string::npos);
    EXPECT_NE(pdf.find("/Height " + std::to_string(word(20))), std::string::npos);
}

// pdftotext (poppler-utils, tools/bootstrap.sh) gives each drawn word with its box.
TEST_F(Certificates, ALongOrganisationNameWrapsInsteadOfRunningIntoTheVerificationCode) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    cert->organisation = "Westmorland and Furness safeguarding partnership for children";
    auto out = OutputFile::create(dir_ / "cert.pdf");
    ASSERT_TRUE(out);
    ASSERT_TRUE(render_certificate_pdf(*cert, *out));
    ASSERT_TRUE(out->commit());
    const auto words = dir_ / "words.html";
    ASSERT_EQ(std::system(("pdftotext -bbox '" + (dir_ / "cert.pdf").string() + "' '" +
                           words.string() + "'")
                              .c_str()),
              0);
    const std::string html = slurp(words);
    // The details and the code share a band of the page: from the code's label down.
    double code_column = 0, band_top = 0;
    struct Word {
        double x_min, x_max, y_min;
    };
    std::vector<Word> words_drawn;
    for (std::size_t at = html.find("<word "); at != std::string::npos;
         at = html.find("<word ", at + 1)) {
        const auto number = [&](const char* attribute) {
            const auto from = html.find(attribute, at) + std::strlen(attribute);
            return std::stod(html.substr(from, 20));
        };
        const Word word{number("xMin=\""), number("xMax=\""), number("yMin=\"")};
        if (html.compare(html.find('>', at) + 1, 12, "Verification") == 0) {
            code_column = word.x_min;
            band_top = word.y_min - 1;
        }
        words_drawn.push_back(word);
    }
    ASSERT_GT(code_column, 0) << html;
    EXPECT_NE(html.find(">children<"), std::string::npos) << "the name lost words:\n" << html;
    for (const auto& w : words_drawn) {
        if (w.y_min >= band_top && w.y_min < band_top + 120) {
            // pdftotext rounds a box's edge by a few hundredths of a point.
            EXPECT_TRUE(w.x_min >= code_column - 0.5 || w.x_max < code_column)
                << "a word from " << w.x_min << " to " << w.x_max
                << " crosses the code's column at " << code_column;
        }
    }
}

TEST(CertificateCode, IsTwelveCrockfordCharactersInThreeGroups) {
    const std::string code = certificate_code("3b1f6c1e-0000-4000-8000-000000000001");
    ASSERT_EQ(code.size(), 14u);
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    EXPECT_EQ(normalise_certificate_code(code), code);
    EXPECT_NE(code, certificate_code("3b1f6c1e-0000-4000-8000-000000000002"));
}

// The words pdftotext reads from a certificate drawn for `cert`.
std::string drawn_text(const std::filesystem::path& dir, const CertificateData& cert) {
    auto out = OutputFile::create(dir / "words.pdf");
    EXPECT_TRUE(out);
    EXPECT_TRUE(render_certificate_pdf(cert, *out));
    EXPECT_TRUE(out->commit());
    const auto text = dir / "words.txt";
    EXPECT_EQ(std::system(
                  ("pdftotext -raw '" + (dir / "words.pdf").string() + "' '" + text.string() + "'")
                      .c_str()),
              0);
    return slurp(text);
}

TEST_F(Certificates, PrintsDatesInWords) {
    complete(learner("S1"), course(), "2026-01-12T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    const std::string text = drawn_text(dir_.path(), *cert);
    EXPECT_NE(text.find("12 January 2026"), std::string::npos) << text;
    EXPECT_NE(text.find("12 January 2027"), std::string::npos) << text;
    EXPECT_EQ(text.find("2026-01-12"), std::string::npos) << text;
}

TEST_F(Certificates, PrintsNoPlaceholderWhenTheOrganisationIsNotRecorded) {
    complete(learner("S1"), course(), "2026-01-12T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    const std::string text = drawn_text(dir_.path(), *cert);
    EXPECT_EQ(text.find("not recorded"), std::string::npos) << text;
    EXPECT_EQ(text.find("Issued by"), std::string::npos) << text;
}

TEST_F(Certificates, SaysWhoToAskToCheckItWithoutNamingACommand) {
    setting("organisation.name", "Northshire Council");
    complete(learner("S1"), course(), "2026-01-12T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    EXPECT_EQ(verification_line(*cert),
              "To check that this certificate is genuine and still valid, ask Northshire "
              "Council's training team to look up this code in their training records.");
    const std::string text = drawn_text(dir_.path(), *cert);
    EXPECT_NE(text.find("Northshire"), std::string::npos) << text;
    EXPECT_EQ(text.find("waymark certificate verify"), std::string::npos) << text;
}

TEST_F(Certificates, NamesTheCourseByTheTitleRecordedWithIt) {
    setting("course.prevent-duty.title", "Prevent duty training");
    complete(learner("S1"), course(), "2026-01-12T10:00:00Z");
    auto cert = issue_certificate(*ledger_, "S1", "prevent-duty");
    ASSERT_TRUE(cert);
    const std::string text = drawn_text(dir_.path(), *cert);
    EXPECT_NE(text.find("Prevent duty training"), std::string::npos) << text;
}

}  // namespace
}  // namespace waymark::report::testing
