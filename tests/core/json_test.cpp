#include "waymark/core/json.hpp"

#include <gtest/gtest.h>

#include "waymark/core/json_reader.hpp"

using namespace waymark;

TEST(Json, RecordsTheLineAndColumnOfValuesAndKeys) {
    auto doc = parse_json("{\n  \"title\": \"Prevent\",\n  \"n\": [1, 2.5]\n}", "c.json");
    ASSERT_TRUE(doc) << doc.error().describe();
    ASSERT_EQ(doc->members.size(), 2u);
    EXPECT_EQ(doc->members[0].line, 2);
    EXPECT_EQ(doc->members[0].column, 3);
    EXPECT_EQ(doc->members[0].value.column, 12);
    const JsonValue* n = doc->find("n");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->line, 3);
    EXPECT_EQ(n->items[1].column, 12);
    EXPECT_TRUE(n->items[0].is_integer);
    EXPECT_FALSE(n->items[1].is_integer);
    EXPECT_DOUBLE_EQ(n->items[1].number, 2.5);
}

TEST(Json, CountsColumnsInCharactersNotBytes) {
    auto doc = parse_json("{\"é\": \"ü\", \"x\": 1}", "c.json");
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->members[1].column, 12);
}

TEST(Json, FindsTheStartOfAStringWithEscapedQuotes) {
    auto doc = parse_json("[\"a\\\"b\", true]", "c.json");
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->items[0].column, 2);
    EXPECT_EQ(doc->items[0].string, "a\"b");
    EXPECT_EQ(doc->items[1].column, 10);
}

TEST(Json, ReportsASyntaxErrorWithItsPlace) {
    auto doc = parse_json("{\n  \"a\": 1\n  \"b\": 2\n}", "course.json");
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error().where, "course.json:3:3");
    EXPECT_EQ(doc.error().code, ErrorCode::parse);
}

TEST(Json, ReportsTextAfterTheDocument) {
    auto doc = parse_json("{}\n}", "c.json");
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error().where, "c.json:2:1");
}

TEST(Json, RefusesInvalidUtf8) {
    EXPECT_FALSE(parse_json("[\"\xff\"]", "c.json"));
}

TEST(Json, RefusesDeepNestingWithoutOverflowingTheStack) {
    const std::string deep(100000, '[');
    auto doc = parse_json(deep, "c.json");
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error().code, ErrorCode::limit);
}

TEST(JsonObjectReader, SuggestsTheNearestKnownKeyForATypo) {
    auto doc = parse_json("{\"pasmark\": 80}", "course.json");
    ASSERT_TRUE(doc);
    Diagnostics d;
    JsonObjectReader r(*doc, "course.json", d, "assessment");
    int pass = 0;
    r.integer("pass_mark", pass);
    r.integer("draw", pass);
    r.finish();
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].format(),
              "course.json:1:2: error: unknown key \"pasmark\" in assessment (did you mean "
              "\"pass_mark\"?)");
}

TEST(JsonObjectReader, ReportsAWrongTypeAtTheValue) {
    auto doc = parse_json("{\"draw\": \"15\"}", "course.json");
    ASSERT_TRUE(doc);
    Diagnostics d;
    JsonObjectReader r(*doc, "course.json", d, "assessment");
    int draw = 0;
    EXPECT_FALSE(r.integer("draw", draw));
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].column, 10);
    EXPECT_NE(d.items()[0].message.find("must be a number"), std::string::npos);
}

TEST(JsonObjectReader, ReportsAMissingRequiredKey) {
    auto doc = parse_json("{}", "course.json");
    ASSERT_TRUE(doc);
    Diagnostics d;
    JsonObjectReader r(*doc, "course.json", d, "the course");
    std::string id;
    EXPECT_FALSE(r.string("id", id, true));
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_NE(d.items()[0].message.find("missing the required key \"id\""), std::string::npos);
}

TEST(JsonObjectReader, ReportsAKeyGivenTwice) {
    auto doc = parse_json("{\"id\": \"a\", \"id\": \"b\"}", "course.json");
    ASSERT_TRUE(doc);
    Diagnostics d;
    JsonObjectReader r(*doc, "course.json", d, "the course");
    std::string id;
    r.string("id", id);
    r.finish();
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].column, 13);
}

TEST(JsonObjectReader, RejectsAFractionWhereAWholeNumberIsNeeded) {
    auto doc = parse_json("{\"draw\": 1.5}", "c.json");
    ASSERT_TRUE(doc);
    Diagnostics d;
    JsonObjectReader r(*doc, "c.json", d, "x");
    int draw = 0;
    EXPECT_FALSE(r.integer("draw", draw));
    EXPECT_TRUE(d.has_errors());
}

TEST(ClosestMatch, IgnoresWordsThatAreNotLikelyTypos) {
    EXPECT_EQ(closest_match("colour", {"pass_mark", "draw"}), "");
    EXPECT_EQ(closest_match("titel", {"title", "summary"}), "title");
}

TEST(Json, RecordsThePlaceOfObjectsAndArrays) {
    auto doc = parse_json("{\"a\": [1, {\"b\": 2}]}", "c.json");
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->line, 1);
    EXPECT_EQ(doc->column, 1);
    const JsonValue* a = doc->find("a");
    EXPECT_EQ(a->column, 7);
    EXPECT_EQ(a->items[1].column, 11);
}

TEST(Json, GivesColumnsOnALongSingleLineDocument) {
    std::string doc = "[";
    for (int i = 0; i < 2000; ++i)
        doc += (i ? "," : "") + std::string("\"x\"");
    doc += "]";
    auto parsed = parse_json(doc, "c.json");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->items[1999].column, 2 + 1999 * 4);
    EXPECT_EQ(parsed->items[1999].line, 1);
}
