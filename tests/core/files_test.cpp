#include "waymark/core/files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "scratch_folder.hpp"

using namespace waymark;
namespace fs = std::filesystem;
using waymark::testing::ScratchFolder;

TEST(Files, WritesAtomicallyAndReadsBack) {
    const ScratchFolder dir("files");
    const fs::path f = dir / "a.txt";
    ASSERT_TRUE(write_file_atomic(f, "hello"));
    auto text = read_file(f);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "hello");
    EXPECT_EQ(std::distance(fs::directory_iterator(f.parent_path()), fs::directory_iterator()), 1)
        << "no temporary file is left behind";
}

TEST(Files, AppliesTheRequestedMode) {
    const ScratchFolder dir("files");
    const fs::path f = dir / "secret";
    ASSERT_TRUE(write_file_atomic(f, "x", 0600));
    struct stat st {};
    ASSERT_EQ(::stat(f.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(Files, RefusesAFileOverTheLimit) {
    const ScratchFolder dir("files");
    const fs::path f = dir / "big";
    ASSERT_TRUE(write_file_atomic(f, std::string(100, 'x')));
    auto r = read_file(f, 99);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::limit);
}

TEST(Files, ReportsAMissingFileAsNotFound) {
    const ScratchFolder dir("files");
    auto r = read_file(dir / "nope");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
}

TEST(Files, FailsToWriteIntoAMissingDirectory) {
    const ScratchFolder dir("files");
    EXPECT_FALSE(write_file_atomic(dir / "no" / "such" / "f", "x"));
}

TEST(Utf8, AcceptsValidMultibyteText) {
    EXPECT_TRUE(valid_utf8("Café – ✓ 😀"));
}

TEST(Utf8, PointsAtTheFirstInvalidByte) {
    std::size_t at = 0;
    EXPECT_FALSE(valid_utf8("ab\xc3(", &at));
    EXPECT_EQ(at, 2u);
}

TEST(Utf8, RejectsOverlongsAndSurrogates) {
    EXPECT_FALSE(valid_utf8("\xc0\xaf"));
    EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));
    EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));
}

TEST(PositionOf, CountsLinesAndCharacters) {
    const auto p = position_of("ab\ncé d", 7);
    EXPECT_EQ(p.line, 2);
    EXPECT_EQ(p.column, 4);
}
