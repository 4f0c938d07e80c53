#include "waymark/package/trust.hpp"

#include <gtest/gtest.h>

#include "fixture_keys.hpp"
#include "test_support.hpp"
#include "waymark/core/files.hpp"
#include "waymark/core/keys.hpp"
#include "waymark/package/package.hpp"

namespace waymark::package {
namespace {

using namespace testing;

TEST(TrustStore, TrustsOnlyTheKeysAddedToIt) {
    TrustStore store;
    store.add(publisher_key().public_key);
    EXPECT_TRUE(store.trusts(publisher_key().public_key));
    EXPECT_FALSE(store.trusts(stranger_key().public_key));
}

TEST(TrustStore, AddsAKeyFile) {
    TempDir tmp;
    const auto pair = Ed25519KeyPair::generate();
    ASSERT_TRUE(write_key_pair(tmp / "publisher", pair));
    TrustStore store;
    ASSERT_TRUE(store.add_key_file(tmp / "publisher.pub"));
    EXPECT_TRUE(store.trusts(pair.public_key));
}

TEST(TrustStore, RefusesASecretKeyFileAsAPublicKey) {
    TempDir tmp;
    ASSERT_TRUE(write_key_pair(tmp / "publisher", Ed25519KeyPair::generate()));
    TrustStore store;
    EXPECT_FALSE(store.add_key_file(tmp / "publisher.key"));
    EXPECT_TRUE(store.keys().empty());
}

TEST(TrustStore, AddsEveryPubFileInAFolderAndNothingElse) {
    TempDir tmp;
    const auto a = Ed25519KeyPair::generate();
    const auto b = Ed25519KeyPair::generate();
    ASSERT_TRUE(write_key_pair(tmp / "a", a));
    ASSERT_TRUE(write_key_pair(tmp / "b", b));
    ASSERT_TRUE(write_file_atomic(tmp / "notes.txt", "not a key"));
    TrustStore store;
    ASSERT_TRUE(store.add_directory(tmp.path()));
    EXPECT_EQ(store.keys().size(), 2u);
    EXPECT_TRUE(store.trusts(a.public_key));
    EXPECT_TRUE(store.trusts(b.public_key));
}

TEST(TrustStore, ReportsADamagedPubFileInAFolder) {
    TempDir tmp;
    ASSERT_TRUE(write_file_atomic(tmp / "broken.pub", "waymark-ed25519-public-key-v1\nzz\n"));
    TrustStore store;
    auto r = store.add_directory(tmp.path());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().where.find("broken.pub"), std::string::npos);
}

TEST(TrustStore, ReportsAMissingFolder) {
    TempDir tmp;
    TrustStore store;
    auto r = store.add_directory(tmp / "no-such-folder");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
}

TEST(PackageTrust, IsTrustedWhenTheStoreHoldsTheSigner) {
    auto package = open_package(fixture("good.wmpkg"));
    ASSERT_TRUE(package) << package.error().describe();
    TrustStore store;
    store.add(publisher_key().public_key);
    EXPECT_EQ(package->trust(store), Trust::trusted);
}

TEST(PackageTrust, OpensAValidPackageByAnUntrustedKeyForPreview) {
    auto package = open_package(fixture("untrusted-signer.wmpkg"));
    ASSERT_TRUE(package) << package.error().describe();
    TrustStore store;
    store.add(publisher_key().public_key);
    EXPECT_EQ(package->signer(), stranger_key().public_key);
    EXPECT_EQ(package->trust(store), Trust::untrusted_key);
    EXPECT_FALSE(package->trusted_by(store));
}

TEST(OpenTrustedPackage, OpensAPackageByATrustedKey) {
    TrustStore store;
    store.add(publisher_key().public_key);
    auto package = open_trusted_package(fixture("good.wmpkg"), store);
    EXPECT_TRUE(package) << package.error().describe();
}

TEST(OpenTrustedPackage, RefusesAnIntactPackageByAnUntrustedKeyNamingItsFingerprint) {
    TrustStore store;
    store.add(publisher_key().public_key);
    auto package = open_trusted_package(fixture("untrusted-signer.wmpkg"), store);
    ASSERT_FALSE(package);
    EXPECT_EQ(package.error().code, ErrorCode::untrusted);
    EXPECT_NE(package.error().message.find(stranger_key().public_key.fingerprint()),
              std::string::npos);
}

TEST(OpenTrustedPackage, ReportsTamperingBeforeTrust) {
    TrustStore store;
    store.add(publisher_key().public_key);
    auto package = open_trusted_package(fixture("tampered-file.wmpkg"), store);
    ASSERT_FALSE(package);
    EXPECT_EQ(package.error().code, ErrorCode::verification);
}

}  // namespace
}  // namespace waymark::package
