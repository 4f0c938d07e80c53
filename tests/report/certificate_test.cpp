#include "waymark/report/certificate.hpp"
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

TEST(CertificateCode, IsTwelveCrockfordCharactersInThreeGroups) {
    const std::string code = certificate_code("3b1f6c1e-0000-4000-8000-000000000001");
    ASSERT_EQ(code.size(), 14u);
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    EXPECT_EQ(normalise_certificate_code(code), code);
    EXPECT_NE(code, certificate_code("3b1f6c1e-0000-4000-8000-000000000002"));
}

}  // namespace
}  // namespace waymark::report::testing
