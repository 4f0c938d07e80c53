#include "waymark/core/keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "scratch_folder.hpp"
#include "waymark/core/files.hpp"

using namespace waymark;
namespace fs = std::filesystem;
using waymark::testing::ScratchFolder;

TEST(KeyFiles, RoundTripAKeyPair) {
    const ScratchFolder folder("keys");
    const fs::path name = folder / "publisher";
    const auto pair = Ed25519KeyPair::generate();
    ASSERT_TRUE(write_key_pair(name, pair));
    auto sk = read_secret_key(name.string() + ".key");
    auto pk = read_public_key(name.string() + ".pub");
    ASSERT_TRUE(sk) << sk.error().describe();
    ASSERT_TRUE(pk) << pk.error().describe();
    EXPECT_EQ(sk->bytes, pair.secret_key.bytes);
    EXPECT_EQ(*pk, pair.public_key);
}

TEST(KeyFiles, WritesTheSecretKeyReadableOnlyByItsOwner) {
    const ScratchFolder folder("keys");
    const fs::path name = folder / "publisher";
    ASSERT_TRUE(write_key_pair(name, Ed25519KeyPair::generate()));
    struct stat st {};
    ASSERT_EQ(::stat((name.string() + ".key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(KeyFiles, RefusesToOverwriteAnExistingKey) {
    const ScratchFolder folder("keys");
    const fs::path name = folder / "publisher";
    ASSERT_TRUE(write_key_pair(name, Ed25519KeyPair::generate()));
    EXPECT_FALSE(write_key_pair(name, Ed25519KeyPair::generate()));
}

TEST(KeyFiles, RefusesASecretKeyOthersCanRead) {
    const ScratchFolder folder("keys");
    const fs::path name = folder / "publisher";
    ASSERT_TRUE(write_key_pair(name, Ed25519KeyPair::generate()));
    fs::permissions(name.string() + ".key", fs::perms::group_read, fs::perm_options::add);
    auto sk = read_secret_key(name.string() + ".key");
    ASSERT_FALSE(sk);
    EXPECT_NE(sk.error().message.find("chmod 600"), std::string::npos);
}

TEST(KeyFiles, DetectsADamagedSecretKey) {
    const ScratchFolder folder("keys");
    const fs::path name = folder / "publisher";
    ASSERT_TRUE(write_key_pair(name, Ed25519KeyPair::generate()));
    auto text = read_file(name.string() + ".key");
    ASSERT_TRUE(text);
    std::string damaged = *text;
    damaged[35] = damaged[35] == '0' ? '1' : '0';  // a digit of the seed
    ASSERT_TRUE(write_file_atomic(name.string() + ".key", damaged, 0600));
    EXPECT_FALSE(read_secret_key(name.string() + ".key"));
}

TEST(KeyFiles, RefusesAPublicKeyFileGivenAsSecret) {
    const ScratchFolder folder("keys");
    const fs::path name = folder / "publisher";
    ASSERT_TRUE(write_key_pair(name, Ed25519KeyPair::generate()));
    fs::permissions(name.string() + ".pub", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    auto sk = read_secret_key(name.string() + ".pub");
    ASSERT_FALSE(sk);
    EXPECT_NE(sk.error().message.find("not a Waymark key file"), std::string::npos);
}
