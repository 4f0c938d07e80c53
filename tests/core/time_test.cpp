#include "waymark/core/time.hpp"

#include <gtest/gtest.h>

using namespace waymark;
using namespace std::chrono;

namespace {
UtcTime at(const char* text) {
    auto t = parse_iso8601(text);
    EXPECT_TRUE(t) << text;
    return t.value_or(UtcTime{});
}
}  // namespace

TEST(Iso8601, FormatsWholeSecondsWithoutAFraction) {
    EXPECT_EQ(format_iso8601(at("2026-11-25T12:13:46Z")), "2026-11-25T12:13:46Z");
}

TEST(Iso8601, FormatsMilliseconds) {
    EXPECT_EQ(format_iso8601(at("2026-11-25T12:13:46.007Z")), "2026-11-25T12:13:46.007Z");
}

TEST(Iso8601, PadsEveryFieldWithZeros) {
    const UtcTime t =
        sys_days{year{987} / 1 / 2} + hours{3} + minutes{4} + seconds{5} + milliseconds{6};
    EXPECT_EQ(format_iso8601(t), "0987-01-02T03:04:05.006Z");
    EXPECT_EQ(format_date(t), "0987-01-02");
}

TEST(Iso8601, WritesAYearOfFiveDigitsInFull) {
    const UtcTime t = sys_days{year{10000} / 12 / 31} + hours{23};
    EXPECT_EQ(format_iso8601(t), "10000-12-31T23:00:00Z");
}

TEST(Iso8601, ConvertsOffsetsToUtc) {
    EXPECT_EQ(format_iso8601(at("2026-06-01T10:00:00+01:00")), "2026-06-01T09:00:00Z");
    EXPECT_EQ(format_iso8601(at("2026-06-01T10:00:00-02:30")), "2026-06-01T12:30:00Z");
}

TEST(Iso8601, ReadsADateAsMidnightUtc) {
    EXPECT_EQ(format_iso8601(at("2026-02-28")), "2026-02-28T00:00:00Z");
}

TEST(Iso8601, RejectsImpossibleDatesAndTimes) {
    EXPECT_FALSE(parse_iso8601("2026-02-30"));
    EXPECT_FALSE(parse_iso8601("2026-13-01"));
    EXPECT_FALSE(parse_iso8601("2026-01-01T24:00:00Z"));
    EXPECT_FALSE(parse_iso8601("2026-01-01T10:00:00"));  // no zone
    EXPECT_FALSE(parse_iso8601("26-01-01"));
    EXPECT_FALSE(parse_iso8601("2026-01-01T10:00:00Zjunk"));
}

TEST(AddMonths, KeepsTheDayOfMonth) {
    EXPECT_EQ(format_date(add_months(at("2026-03-15"), 24)), "2028-03-15");
}

TEST(AddMonths, ClampsToTheLastDayOfAShorterMonth) {
    EXPECT_EQ(format_date(add_months(at("2026-01-31"), 1)), "2026-02-28");
    EXPECT_EQ(format_date(add_months(at("2027-01-31"), 13)), "2028-02-29");
}

TEST(AddMonths, KeepsTheTimeOfDay) {
    EXPECT_EQ(format_iso8601(add_months(at("2026-01-31T08:30:00Z"), 1)), "2026-02-28T08:30:00Z");
}
