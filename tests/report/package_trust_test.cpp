// Completions count as trusted only on a package the reader trusts, when they name the
// packages (report --packages), whatever the device recorded.
#include "waymark/report/package_trust.hpp"
#include "../package/fixture_keys.hpp"
#include "report_fixture.hpp"
#include "waymark/package/package.hpp"
#include "waymark/report/csv.hpp"

namespace waymark::report::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kPackages = fs::path(WAYMARK_FIXTURES) / "packages";

class PackageTrust : public ReportTest {
  protected:
    void SetUp() override {
        ReportTest::SetUp();
        packages_ = dir_ / "packages";
        fs::create_directory(packages_);
        auto good = package::open_package(kPackages / "good.wmpkg");
        ASSERT_TRUE(good) << good.error().describe();
        packaged_ = ledger::CourseRef{"prevent-duty", "1.0.0",
                                      to_hex(good->manifest().content_digest), true};
        publisher_.add(package::testing::publisher_key().public_key);
    }
    void add_package(const char* name) { fs::copy_file(kPackages / name, packages_ / name); }
    CompletionTrust trusted_packages() {
        auto t = trust_packages_in(packages_, publisher_);
        EXPECT_TRUE(t) << t.error().describe();
        return t ? t->trust : CompletionTrust{};
    }
    const StatusMatrix& matrix_trusting(const CompletionTrust& trust) {
        StatusOptions options{at("2026-03-01T00:00:00Z"), {}};
        options.trust = trust;
        auto m = StatusMatrix::load(*ledger_, options);
        EXPECT_TRUE(m) << m.error().describe();
        if (!m)
            throw std::runtime_error(m.error().describe());
        return matrices_.emplace_back(std::move(*m));
    }

    fs::path packages_;
    package::TrustStore publisher_;
    ledger::CourseRef packaged_;  // the content of good.wmpkg
};

// The attack: a completion on content no trusted publisher signed, recorded as trusted
// (an old player, a hand-made ledger, a package whose key was trusted by mistake).
TEST_F(PackageTrust, ACompletionOnADigestNoTrustedPackageHasIsUntrusted) {
    add_package("good.wmpkg");
    const auto id = learner("S1");
    ledger::CourseRef other = packaged_;
    other.digest = to_hex(sha256("content no trusted publisher signed"));
    complete(id, other, "2026-01-10T10:00:00Z");
    const auto row = only_row(matrix_trusting(trusted_packages()), id);
    EXPECT_EQ(row.status, Status::untrusted);
    EXPECT_FALSE(row.completed_at);
    EXPECT_TRUE(row.untrusted_completed_at);
}

TEST_F(PackageTrust, ACompletionOnATrustedPackagesDigestCounts) {
    add_package("good.wmpkg");
    const auto id = learner("S1");
    complete(id, packaged_, "2026-01-10T10:00:00Z");
    EXPECT_EQ(only_row(matrix_trusting(trusted_packages()), id).status, Status::completed);
}

// The reader's packages decide: the device may simply not have had the publisher's key.
TEST_F(PackageTrust, ATrustedPackagesDigestCountsEvenWhereTheDeviceRecordedItUntrusted) {
    add_package("good.wmpkg");
    const auto id = learner("S1");
    ledger::CourseRef recorded = packaged_;
    recorded.trusted = false;
    complete(id, recorded, "2026-01-10T10:00:00Z");
    EXPECT_EQ(only_row(matrix_trusting(trusted_packages()), id).status, Status::completed);
}

TEST_F(PackageTrust, WithoutPackagesTheDevicesRecordDecides) {
    const auto id = learner("S1");
    ledger::CourseRef other = packaged_;
    other.digest = to_hex(sha256("content no trusted publisher signed"));
    complete(id, other, "2026-01-10T10:00:00Z");
    EXPECT_EQ(only_row(matrix_trusting(CompletionTrust{}), id).status, Status::completed);
}

// Same content as good.wmpkg, signed by a key nobody trusted: its digest must not count.
TEST_F(PackageTrust, APackageSignedByAnUntrustedKeyIsSkippedNamingItsKey) {
    add_package("good.wmpkg");
    add_package("untrusted-signer.wmpkg");
    std::vector<Error> skipped;
    auto t =
        trust_packages_in(packages_, publisher_, [&](const Error& e) { skipped.push_back(e); });
    ASSERT_TRUE(t) << t.error().describe();
    EXPECT_EQ(t->trusted.size(), 1u);
    ASSERT_EQ(skipped.size(), 1u);
    EXPECT_NE(skipped[0].where.find("untrusted-signer.wmpkg"), std::string::npos);
    EXPECT_NE(skipped[0].message.find(package::testing::stranger_key().public_key.fingerprint()),
              std::string::npos)
        << skipped[0].message;
}

TEST_F(PackageTrust, ADamagedPackageIsSkipped) {
    add_package("good.wmpkg");
    add_package("tampered-file.wmpkg");
    std::vector<Error> skipped;
    auto t =
        trust_packages_in(packages_, publisher_, [&](const Error& e) { skipped.push_back(e); });
    ASSERT_TRUE(t) << t.error().describe();
    EXPECT_EQ(t->trusted.size(), 1u);
    ASSERT_EQ(skipped.size(), 1u);
    EXPECT_NE(skipped[0].describe().find("tampered-file.wmpkg"), std::string::npos);
}

// Else every completion would silently turn untrusted.
TEST_F(PackageTrust, AFolderWithNoTrustedPackageIsRefused) {
    add_package("untrusted-signer.wmpkg");
    auto t = trust_packages_in(packages_, publisher_);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::untrusted);
    EXPECT_NE(t.error().message.find("--trust"), std::string::npos) << t.error().message;
}

TEST_F(PackageTrust, AMissingFolderIsRefusedNamingIt) {
    auto t = trust_packages_in(dir_ / "no-such-folder", publisher_);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::not_found);
    EXPECT_NE(t.error().where.find("no-such-folder"), std::string::npos);
}

TEST_F(PackageTrust, TheHistoryCsvMarksACompletionOnAnUntrustedDigestAsNotTrusted) {
    add_package("good.wmpkg");
    const auto id = learner("S1");
    ledger::CourseRef other = packaged_;
    other.digest = to_hex(sha256("content no trusted publisher signed"));
    complete(id, other, "2026-01-10T10:00:00Z");
    auto out = OutputFile::create(dir_ / "history.csv");
    ASSERT_TRUE(out);
    ASSERT_TRUE(write_completion_history_csv(*ledger_, RowFilter{}, {}, *out, trusted_packages()));
    ASSERT_TRUE(out->commit());
    const std::string csv = slurp(dir_ / "history.csv");
    EXPECT_NE(csv.find(",1.0.0,no,"), std::string::npos) << csv;
}

}  // namespace
}  // namespace waymark::report::testing
