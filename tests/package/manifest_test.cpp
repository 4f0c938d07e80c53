#include "waymark/package/manifest.hpp"

#include <gtest/gtest.h>

#include "fixture_keys.hpp"

namespace waymark::package {
namespace {

using testing::sample_summary;

Manifest sample_manifest() {
    Manifest m;
    m.course = sample_summary();
    m.files = {{"assets/logo.svg", 3, sha256("abc")}, {"course.json", 2, sha256("{}")}};
    m.content_digest = content_digest(m.files);
    return m;
}

TEST(ContentDigest, IsSha256OfPathSizeAndHexDigestLines) {
    const std::vector<FileEntry> files = {{"a.md", 3, sha256("abc")}, {"b/c.md", 0, sha256("")}};
    std::string lines;
    lines += std::string("a.md") + '\0' + "3" + '\0' + to_hex(sha256("abc")) + "\n";
    lines += std::string("b/c.md") + '\0' + "0" + '\0' + to_hex(sha256("")) + "\n";
    EXPECT_EQ(content_digest(files), sha256(lines));
}

TEST(ContentDigest, ChangesWhenAnyFileDigestChanges) {
    std::vector<FileEntry> files = {{"a.md", 3, sha256("abc")}};
    const auto before = content_digest(files);
    files[0].sha256 = sha256("abd");
    EXPECT_NE(content_digest(files), before);
}

TEST(CanonicalManifest, ParsesBackToTheSameManifest) {
    const Manifest m = sample_manifest();
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    EXPECT_EQ(*parsed, m);
}

TEST(CanonicalManifest, WritesKeysInTheDocumentedOrder) {
    const std::string json = to_canonical_json(sample_manifest());
    const char* keys[] = {"\"format_version\"",   "\"course\"",   "\"id\"",
                          "\"version\"",          "\"title\"",    "\"summary\"",
                          "\"publisher\"",        "\"language\"", "\"estimated_minutes\"",
                          "\"reading_minutes\"",  "\"modules\"",  "\"assessment_questions\"",
                          "\"knowledge_checks\"", "\"files\"",    "\"content_digest\""};
    std::size_t last = 0;
    for (const char* key : keys) {
        const auto at = json.find(key);
        ASSERT_NE(at, std::string::npos) << key;
        EXPECT_GT(at, last) << key << " is out of order";
        last = at;
    }
    EXPECT_EQ(json.back(), '\n');
}

TEST(CanonicalManifest, EscapesQuotesBackslashesAndControlCharactersOnly) {
    Manifest m = sample_manifest();
    m.course.title = "Say \"hi\"\\ \x01 caf\xC3\xA9\n";
    const std::string json = to_canonical_json(m);
    EXPECT_NE(json.find(R"("Say \"hi\"\\ \u0001 caf)"
                        "\xC3\xA9"
                        R"(\n")"),
              std::string::npos)
        << json;
    auto parsed = parse_manifest(json, "manifest.json");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    EXPECT_EQ(parsed->course.title, m.course.title);
}

TEST(CanonicalManifest, WritesEmptyListsAsEmptyArrays) {
    Manifest m;
    m.content_digest = content_digest(m.files);
    const std::string json = to_canonical_json(m);
    EXPECT_NE(json.find("\"modules\": [],"), std::string::npos);
    EXPECT_NE(json.find("\"files\": [],"), std::string::npos);
    auto parsed = parse_manifest(json, "manifest.json");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    EXPECT_EQ(*parsed, m);
}

TEST(ParseManifest, RefusesReformattedJson) {
    std::string json = to_canonical_json(sample_manifest());
    json.insert(json.find("\"course\""), " ");
    auto parsed = parse_manifest(json, "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("canonical"), std::string::npos);
}

TEST(ParseManifest, RefusesAnExtraKey) {
    std::string json = to_canonical_json(sample_manifest());
    json.insert(json.find("  \"files\""), "  \"extra\": 1,\n");
    EXPECT_FALSE(parse_manifest(json, "manifest.json"));
}

TEST(ParseManifest, ReportsAMissingFieldWithItsPosition) {
    std::string json = to_canonical_json(sample_manifest());
    const auto at = json.find("    \"publisher\"");
    json.erase(at, json.find('\n', at) + 1 - at);
    auto parsed = parse_manifest(json, "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::parse);
    EXPECT_NE(parsed.error().message.find("missing \"publisher\""), std::string::npos);
    EXPECT_EQ(parsed.error().where.rfind("manifest.json:3:", 0), 0u) << parsed.error().where;
}

TEST(ParseManifest, RefusesAnUnsupportedFormatVersion) {
    Manifest m = sample_manifest();
    m.format_version = 2;
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("format_version 2"), std::string::npos);
}

TEST(ParseManifest, RefusesFilesOutOfOrder) {
    Manifest m = sample_manifest();
    std::swap(m.files[0], m.files[1]);
    m.content_digest = content_digest(m.files);
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("not sorted"), std::string::npos);
}

TEST(ParseManifest, RefusesAFileListedTwice) {
    Manifest m = sample_manifest();
    m.files[1] = m.files[0];
    m.content_digest = content_digest(m.files);
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("listed twice"), std::string::npos);
}

TEST(ParseManifest, RefusesAnUnsafeFilePath) {
    Manifest m = sample_manifest();
    m.files[0].path = "../etc/passwd";
    m.content_digest = content_digest(m.files);
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("\"..\" path component"), std::string::npos);
}

TEST(ParseManifest, RefusesAContentDigestThatDoesNotMatchTheFiles) {
    Manifest m = sample_manifest();
    m.content_digest = sha256("something else");
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::verification);
}

TEST(ParseManifest, RefusesANegativeCount) {
    Manifest m = sample_manifest();
    m.course.knowledge_checks = -1;
    auto parsed = parse_manifest(to_canonical_json(m), "manifest.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("knowledge_checks"), std::string::npos);
}

struct PathCase {
    const char* path;
    const char* problem;  // nullptr when the path is safe
};

class EntryPath : public ::testing::TestWithParam<PathCase> {};

TEST_P(EntryPath, IsJudgedSafeOrNamesItsProblem) {
    const auto problem = entry_path_problem(GetParam().path);
    if (GetParam().problem == nullptr) {
        EXPECT_FALSE(problem) << *problem;
    } else {
        ASSERT_TRUE(problem);
        EXPECT_NE(problem->find(GetParam().problem), std::string::npos) << *problem;
    }
}

INSTANTIATE_TEST_SUITE_P(
    PackagePaths, EntryPath,
    ::testing::Values(PathCase{"course.json", nullptr}, PathCase{"modules/01-intro.md", nullptr},
                      PathCase{"assets/caf\xC3\xA9.png", nullptr},
                      PathCase{"..foo/bar..md", nullptr}, PathCase{"", "empty"},
                      PathCase{"../evil.md", "\"..\""}, PathCase{"a/../../evil.md", "\"..\""},
                      PathCase{"a/./b.md", "\".\""}, PathCase{"/etc/passwd", "absolute"},
                      PathCase{"modules\\evil.md", "backslash"}, PathCase{"C:/evil.md", "':'"},
                      PathCase{"a//b.md", "empty path component"}, PathCase{"modules/", "folder"},
                      PathCase{"a\nb.md", "control"}, PathCase{"bad\xFF.md", "UTF-8"},
                      PathCase{"manifest.json", "reserved"}, PathCase{"manifest.sig", "reserved"}));

TEST(EntryPath, RefusesAVeryLongPath) {
    EXPECT_TRUE(entry_path_problem(std::string(600, 'a')));
}

TEST(QuoteForMessage, EscapesControlCharactersAndStrayBytes) {
    EXPECT_EQ(quote_for_message("a\nb\x1b[31m\xFF"), R"("a\nb\u001b[31m\xff")");
}

TEST(QuoteForMessage, KeepsValidUtf8) {
    EXPECT_EQ(quote_for_message("caf\xC3\xA9.md"), "\"caf\xC3\xA9.md\"");
}

TEST(QuoteForMessage, ShortensALongName) {
    const std::string quoted = quote_for_message(std::string(1000, 'x'));
    EXPECT_LT(quoted.size(), 200u);
    EXPECT_NE(quoted.find("..."), std::string::npos);
}

}  // namespace
}  // namespace waymark::package
