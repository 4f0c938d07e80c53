#include "waymark/core/diagnostics.hpp"

#include <gtest/gtest.h>

using namespace waymark;

TEST(Diagnostic, FormatsLikeACompiler) {
    Diagnostic d{Severity::error, "modules/02-contest.md", 14, 3,
                 "image \"fourp.png\" not found in assets/"};
    EXPECT_EQ(d.format(),
              "modules/02-contest.md:14:3: error: image \"fourp.png\" not found in assets/");
}

TEST(Diagnostic, LeavesOutAnUnknownLineAndColumn) {
    Diagnostic d{Severity::warning, "course.json", 0, 0, "x"};
    EXPECT_EQ(d.format(), "course.json: warning: x");
}

TEST(Diagnostics, CountsErrorsAndWarningsApart) {
    Diagnostics d;
    d.error("a", 1, 1, "e");
    d.warning("a", 2, 1, "w");
    d.warning("a", 3, 1, "w");
    EXPECT_EQ(d.error_count(), 1u);
    EXPECT_EQ(d.warning_count(), 2u);
    EXPECT_TRUE(d.has_errors());
}

TEST(Diagnostics, SortsByFileThenLineThenColumn) {
    Diagnostics d;
    d.error("b", 1, 1, "3");
    d.error("a", 9, 1, "2");
    d.error("a", 2, 5, "1");
    d.sort();
    EXPECT_EQ(d.items()[0].message, "1");
    EXPECT_EQ(d.items()[2].message, "3");
}

TEST(Diagnostics, TakesThePlaceOfAnErrorFromItsWhere) {
    Diagnostics d;
    d.add(make_error(ErrorCode::parse, "bad", "dir/c.json:12:5"));
    d.add(make_error(ErrorCode::io, "gone", "c.json"));
    EXPECT_EQ(d.items()[0].file, "dir/c.json");
    EXPECT_EQ(d.items()[0].line, 12);
    EXPECT_EQ(d.items()[0].column, 5);
    EXPECT_EQ(d.items()[1].file, "c.json");
    EXPECT_EQ(d.items()[1].line, 0);
}
