// LRS credentials come only from files their owner alone can read.
#include <sys/stat.h>

#include <fstream>

#include "waymark/xapi/credentials.hpp"
#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

class CredentialsFile : public XapiTest {
  protected:
    std::filesystem::path write(const std::string& name, const std::string& text, mode_t mode) {
        const auto path = dir_ / name;
        std::ofstream(path) << text;
        ::chmod(path.c_str(), mode);
        return path;
    }
};

TEST_F(CredentialsFile, ReadsTheUserAndPasswordOfAPrivateFile) {
    auto c = read_credentials_file(
        write("lrs.json", R"({"user": "key-1", "password": "s3cret"})", 0600));
    ASSERT_TRUE(c) << c.error().describe();
    EXPECT_EQ(c->user, "key-1");
    EXPECT_EQ(c->password, "s3cret");
}

TEST_F(CredentialsFile, RefusesAFileOthersCanReadAndSaysHowToFixIt) {
    const auto path = write("lrs.json", R"({"user": "key-1", "password": "s3cret"})", 0644);
    auto c = read_credentials_file(path);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::untrusted);
    EXPECT_NE(c.error().message.find("0644"), std::string::npos);
    EXPECT_NE(c.error().message.find("chmod 600 " + path.string()), std::string::npos);
}

TEST_F(CredentialsFile, RefusesAFileItsGroupCanWrite) {
    auto c = read_credentials_file(
        write("lrs.json", R"({"user": "key-1", "password": "s3cret"})", 0620));
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::untrusted);
}

TEST_F(CredentialsFile, NamesTheMissingFieldWithItsLine) {
    auto c = read_credentials_file(write("lrs.json", "{\n  \"user\": \"key-1\"\n}\n", 0600));
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("\"password\""), std::string::npos);
    EXPECT_TRUE(c.error().where.ends_with("lrs.json:1")) << c.error().where;
}

TEST_F(CredentialsFile, ReportsMalformedJsonWithItsPosition) {
    auto c = read_credentials_file(write("lrs.json", "{\"user\": ", 0600));
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::parse);
    EXPECT_NE(c.error().where.find("lrs.json:1:"), std::string::npos);
}

TEST_F(CredentialsFile, ReportsAMissingFileAsNotFound) {
    auto c = read_credentials_file(dir_ / "none.json");
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::not_found);
}

TEST_F(CredentialsFile, ReadsTheFirstLineOfAPasswordFile) {
    auto p = read_password_file(write("password", "s3cret\r\nignored\n", 0600));
    ASSERT_TRUE(p) << p.error().describe();
    EXPECT_EQ(*p, "s3cret");
}

TEST_F(CredentialsFile, RefusesAPasswordFileOthersCanRead) {
    auto p = read_password_file(write("password", "s3cret\n", 0640));
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, ErrorCode::untrusted);
}

TEST_F(CredentialsFile, RefusesAnEmptyPassword) {
    auto p = read_password_file(write("password", "\nsecond line\n", 0600));
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace waymark::xapi::testing
