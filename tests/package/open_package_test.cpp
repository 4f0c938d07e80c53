#include <gtest/gtest.h>

#include "fixture_keys.hpp"
#include "test_support.hpp"
#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"

namespace waymark::package {
namespace {

using namespace testing;

// Opens a fixture that must be refused and returns the refusal.
Error refusal(const std::string& name, const OpenLimits& limits = {}) {
    auto package = open_package(fixture(name), limits);
    if (package) {
        ADD_FAILURE() << name << " opened but should have been refused";
        return {};
    }
    EXPECT_EQ(package.error().where, fixture(name).string());
    return package.error();
}

bool mentions(const Error& e, const std::string& text) {
    return e.message.find(text) != std::string::npos;
}

TEST(OpenPackage, OpensTheGoodFixtureSignedByThePublisher) {
    auto package = open_package(fixture("good.wmpkg"));
    ASSERT_TRUE(package) << package.error().describe();
    EXPECT_EQ(package->signer(), publisher_key().public_key);
    EXPECT_EQ(package->manifest().course, sample_summary());
    ASSERT_NE(package->file("modules/02-contest.md"), nullptr);
    EXPECT_EQ(*package->file("modules/02-contest.md"),
              *read_file(sample_source() / "modules/02-contest.md"));
}

TEST(OpenPackage, KeepsTheExactSignedManifestBytes) {
    auto package = open_package(fixture("good.wmpkg"));
    ASSERT_TRUE(package) << package.error().describe();
    EXPECT_EQ(package->manifest_bytes(), to_canonical_json(package->manifest()));
    EXPECT_TRUE(verify(
        package->signer(), package->manifest_bytes(),
        parse_signature_file(
            format_signature_file({publisher_key().public_key,
                                   sign(publisher_key().secret_key, package->manifest_bytes())}))
            ->signature));
}

TEST(OpenPackage, ReturnsNoFileForAPathNotInThePackage) {
    auto package = open_package(fixture("good.wmpkg"));
    ASSERT_TRUE(package) << package.error().describe();
    EXPECT_EQ(package->file("modules/03-missing.md"), nullptr);
    EXPECT_EQ(package->file("manifest.json"), nullptr);
}

TEST(OpenPackage, OpensFromMemoryAndNamesThePackageInErrors) {
    const auto bytes = read_file(fixture("good.wmpkg"));
    EXPECT_TRUE(open_package_bytes(*bytes));
    auto refused = open_package_bytes(*read_file(fixture("dotdot-path.wmpkg")), {}, "course.wmpkg");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().describe(),
              "course.wmpkg: entry \"../evil.md\" has a \"..\" path component; this package is "
              "unsafe and was not opened");
}

TEST(OpenPackage, ReportsAMissingFile) {
    auto package = open_package(fixture("no-such-package.wmpkg"));
    ASSERT_FALSE(package);
    EXPECT_EQ(package.error().code, ErrorCode::not_found);
}

TEST(OpenPackage, RefusesADotDotPathComponent) {
    const Error e = refusal("dotdot-path.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_TRUE(mentions(e, "entry \"../evil.md\" has a \"..\" path component")) << e.message;
}

TEST(OpenPackage, RefusesAnAbsolutePath) {
    const Error e = refusal("absolute-path.wmpkg");
    EXPECT_TRUE(mentions(e, "\"/tmp/evil.md\" is an absolute path")) << e.message;
}

TEST(OpenPackage, RefusesABackslashInAPath) {
    const Error e = refusal("backslash-path.wmpkg");
    EXPECT_TRUE(mentions(e, R"("modules\\evil.md" contains a backslash)")) << e.message;
}

TEST(OpenPackage, RefusesASymbolicLink) {
    const Error e = refusal("symlink.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_TRUE(mentions(e, "\"modules/passwd.md\" is a symbolic link")) << e.message;
}

TEST(OpenPackage, RefusesADirectoryEntry) {
    const Error e = refusal("directory-entry.wmpkg");
    EXPECT_TRUE(mentions(e, "\"modules/\" is a folder")) << e.message;
}

TEST(OpenPackage, RefusesADuplicateEntryName) {
    const Error e = refusal("duplicate-name.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_TRUE(mentions(e, "\"course.json\" appears twice")) << e.message;
}

TEST(OpenPackage, RefusesAnEntryNotListedInTheManifest) {
    const Error e = refusal("unlisted-entry.wmpkg");
    EXPECT_TRUE(mentions(e, "\"modules/extra.md\" is not listed in manifest.json")) << e.message;
}

TEST(OpenPackage, RefusesAListedFileThatIsMissing) {
    const Error e = refusal("missing-file.wmpkg");
    EXPECT_TRUE(mentions(e, "lists \"assets/logo.svg\" but the package does not contain it"))
        << e.message;
}

TEST(OpenPackage, RefusesAFileChangedAfterSigning) {
    const Error e = refusal("tampered-file.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::verification);
    EXPECT_TRUE(mentions(e, "\"modules/01-introduction.md\" does not match its SHA-256"))
        << e.message;
}

TEST(OpenPackage, RefusesAFileShorterThanListed) {
    const Error e = refusal("truncated-file.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::verification);
    EXPECT_TRUE(mentions(e, "\"course.json\" has")) << e.message;
}

TEST(OpenPackage, RefusesAManifestChangedAfterSigning) {
    const Error e = refusal("tampered-manifest.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::verification);
    EXPECT_TRUE(mentions(e, "signature in manifest.sig does not match")) << e.message;
}

TEST(OpenPackage, RefusesASignatureMadeByAnotherKeyThanItNames) {
    const Error e = refusal("wrong-signer.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::verification);
}

TEST(OpenPackage, RefusesAPackageWithoutManifest) {
    const Error e = refusal("missing-manifest.wmpkg");
    EXPECT_TRUE(mentions(e, "no manifest.json")) << e.message;
}

TEST(OpenPackage, RefusesAPackageWithoutSignature) {
    const Error e = refusal("missing-signature.wmpkg");
    EXPECT_TRUE(mentions(e, "no manifest.sig")) << e.message;
}

TEST(OpenPackage, RefusesAMalformedSignatureFile) {
    const Error e = refusal("malformed-signature.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::parse);
    EXPECT_TRUE(mentions(e, "manifest.sig is malformed")) << e.message;
}

TEST(OpenPackage, RefusesASignedButMalformedManifest) {
    const Error e = refusal("malformed-manifest.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::parse);
    EXPECT_TRUE(mentions(e, "manifest.json is malformed: manifest.json:1:")) << e.message;
}

TEST(OpenPackage, RefusesASignedManifestNotInCanonicalForm) {
    const Error e = refusal("noncanonical-manifest.wmpkg");
    EXPECT_TRUE(mentions(e, "canonical form")) << e.message;
}

TEST(OpenPackage, RefusesAnEncryptedEntry) {
    if (!std::filesystem::exists(fixture("encrypted-entry.wmpkg")))
        GTEST_SKIP() << "this libzip could not write an encrypted fixture";
    const Error e = refusal("encrypted-entry.wmpkg");
    EXPECT_TRUE(mentions(e, "\"modules/01-introduction.md\" is encrypted")) << e.message;
}

TEST(OpenPackage, RefusesACompressionMethodOtherThanDeflate) {
    if (!std::filesystem::exists(fixture("bzip2-method.wmpkg")))
        GTEST_SKIP() << "this libzip could not write a bzip2 fixture";
    const Error e = refusal("bzip2-method.wmpkg");
    EXPECT_TRUE(mentions(e, "compression method 12")) << e.message;
}

TEST(OpenPackage, RefusesAnEntryWhoseCompressedDataIsGarbled) {
    const Error e = refusal("corrupt-deflate.wmpkg");
    EXPECT_TRUE(e.code == ErrorCode::parse || e.code == ErrorCode::verification)
        << to_string(e.code);
    EXPECT_TRUE(mentions(e, "entry \"modules/02-contest.md\"")) << e.message;
}

TEST(OpenPackage, RefusesATruncatedZip) {
    EXPECT_EQ(refusal("truncated-zip.wmpkg").code, ErrorCode::parse);
}

TEST(OpenPackage, RefusesAFileThatIsNotAZip) {
    const Error e = refusal("not-a-zip.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::parse);
    EXPECT_TRUE(mentions(e, "not a Waymark package")) << e.message;
}

TEST(OpenPackage, RefusesAnEmptyFile) {
    const Error e = refusal("empty.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::parse);
    EXPECT_TRUE(mentions(e, "is empty")) << e.message;
}

TEST(OpenLimits, OpensAPackageWithinTheEntryLimit) {
    EXPECT_TRUE(open_package(fixture("forty-files.wmpkg"), {.max_entries = 42}));
}

TEST(OpenLimits, RefusesMoreEntriesThanTheLimit) {
    const Error e = refusal("forty-files.wmpkg", {.max_entries = 41});
    EXPECT_EQ(e.code, ErrorCode::limit);
    EXPECT_TRUE(mentions(e, "42 entries, more than the limit of 41")) << e.message;
}

TEST(OpenLimits, RefusesAnEntryInflatingBeyondTheRatio) {
    const Error e = refusal("ratio-bomb.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::limit);
    EXPECT_TRUE(mentions(e, "\"assets/zeros.bin\" inflates to more than 200 times")) << e.message;
}

TEST(OpenLimits, OpensTheSameEntryWhenTheRatioLimitAllowsIt) {
    EXPECT_TRUE(open_package(fixture("ratio-bomb.wmpkg"), {.max_ratio = 5000}));
}

TEST(OpenLimits, ExemptsEntriesBelowTheRatioThreshold) {
    EXPECT_TRUE(open_package(fixture("ratio-bomb.wmpkg"), {.ratio_min_bytes = 8u << 20}));
}

TEST(OpenLimits, CountsInflatedBytesRatherThanTrustingTheZipHeader) {
    // The zip headers claim 1000 bytes, below the ratio threshold; the data inflates to 4 MiB.
    const Error e = refusal("lying-header-bomb.wmpkg");
    EXPECT_EQ(e.code, ErrorCode::limit);
    EXPECT_TRUE(mentions(e, "\"assets/zeros.bin\" inflates to more than")) << e.message;
}

TEST(OpenLimits, RefusesMoreBytesInAllThanTheLimit) {
    const Error e =
        refusal("three-mib.wmpkg", {.max_total_bytes = 2u << 20, .ratio_min_bytes = 1u << 30});
    EXPECT_EQ(e.code, ErrorCode::limit);
    EXPECT_TRUE(mentions(e, "more than the limit of 2097152")) << e.message;
}

TEST(OpenLimits, OpensThePackageWhenTheTotalIsWithinTheLimit) {
    EXPECT_TRUE(open_package(fixture("three-mib.wmpkg"),
                             {.max_total_bytes = 4u << 20, .ratio_min_bytes = 1u << 30}));
}

TEST(OpenLimits, CountsTheManifestTowardsTheTotal) {
    // good.wmpkg's files are about 600 bytes; its manifest alone is over 1000.
    const Error e = refusal("good.wmpkg", {.max_total_bytes = 1200});
    EXPECT_EQ(e.code, ErrorCode::limit);
}

// six-mib*.wmpkg hold six 1 MiB files of zeros: enough to be checked on several threads.
constexpr OpenLimits kZerosAllowed{.max_ratio = 1e6};

TEST(OpenPackage, ReturnsEveryFileOfALargePackageIntact) {
    auto package = open_package(fixture("six-mib.wmpkg"), kZerosAllowed);
    ASSERT_TRUE(package) << package.error().describe();
    ASSERT_EQ(package->files().size(), 6u);
    for (const auto& [path, data] : package->files()) {
        EXPECT_EQ(data.size(), 1u << 20) << path;
        EXPECT_EQ(data.find_first_not_of('\0'), std::string::npos) << path;
    }
}

TEST(OpenPackage, ReportsTheFirstTamperedFileInManifestOrderEveryTime) {
    for (int attempt = 0; attempt < 10; ++attempt) {
        const Error e = refusal("six-mib-two-tampered.wmpkg", kZerosAllowed);
        ASSERT_TRUE(mentions(e, "entry \"big/2.bin\" does not match")) << e.message;
    }
}

}  // namespace
}  // namespace waymark::package
