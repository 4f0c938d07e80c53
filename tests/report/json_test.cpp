#include "waymark/core/json.hpp"
#include "report_fixture.hpp"
#include "waymark/report/json_export.hpp"
#include "waymark/report/status_columns.hpp"

namespace waymark::report::testing {
namespace {

class JsonExport : public ReportTest {
  protected:
    JsonValue export_json(const RowFilter& filter = {}) {
        const auto& m = matrix("2026-02-01T00:00:00Z");
        auto checkpoint = ledger_->checkpoint("export");
        EXPECT_TRUE(checkpoint);
        auto out = OutputFile::create(dir_ / "report.json");
        EXPECT_TRUE(out);
        write_status_json(m, export_info(*ledger_, *checkpoint, filter), *out);
        EXPECT_TRUE(out->commit());
        auto doc = parse_json(slurp(dir_ / "report.json"), "report.json");
        EXPECT_TRUE(doc) << doc.error().describe();
        return doc ? *doc : JsonValue{};
    }
};

TEST_F(JsonExport, NamesItsSchemaAndVersion) {
    learner("S1");
    const auto doc = export_json();
    EXPECT_EQ(doc.find("schema")->string, "waymark-report");
    EXPECT_EQ(doc.find("schema_version")->integer, kReportSchemaVersion);
}

TEST_F(JsonExport, WritesOneRowPerLearnerAndCourseMatchingTheSummary) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    learner("S2");
    const auto doc = export_json();
    const auto& rows = doc.find("rows")->items;
    ASSERT_EQ(rows.size(), 2u);
    const auto* all = doc.find("summary")->find("all");
    EXPECT_EQ(all->find("total")->integer, 2);
    EXPECT_EQ(all->find("completed")->integer, 1);
    EXPECT_EQ(all->find("not_started")->integer, 1);
}

TEST_F(JsonExport, WritesEveryStatusColumnAsAKeyOfEachRowInTheTablesOrder) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z");
    const auto doc = export_json();
    const auto& row = doc.find("rows")->items.at(0);
    std::vector<std::string> keys, names;
    for (const auto& member : row.members)
        keys.push_back(member.key);
    for (const StatusColumn& column : status_columns())
        names.emplace_back(column.name);
    EXPECT_EQ(keys, names);
}

TEST_F(JsonExport, WritesNullForValuesThatDoNotApply) {
    learner("S1");
    setting("course.prevent-duty.title", "Prevent duty");
    const auto doc = export_json();
    const auto& row = doc.find("rows")->items.at(0);
    EXPECT_TRUE(row.find("completed_on")->is(JsonValue::Kind::null));
    EXPECT_TRUE(row.find("score")->is(JsonValue::Kind::null));
    EXPECT_EQ(row.find("status")->string, "not-started");
}

TEST_F(JsonExport, EscapesHostileNamesSoTheDocumentStaysValid) {
    const std::string name = "Jo \"Bobby\" \\ </script> Tables";
    complete(learner("S1", "Housing", "Practitioner", name), course(), "2026-01-10T10:00:00Z");
    const auto doc = export_json();
    EXPECT_EQ(doc.find("rows")->items.at(0).find("name")->string, name);
}

TEST_F(JsonExport, RecordsTheCheckpointItReflects) {
    learner("S1");
    const auto doc = export_json();
    const auto* source = doc.find("source");
    EXPECT_EQ(source->find("device_id")->string, ledger_->device_id());
    EXPECT_GT(source->find("checkpoint_seq")->integer, 0);
}

TEST(JsonString, ReplacesInvalidUtf8ByTheReplacementCharacter) {
    EXPECT_EQ(json_string("a\xff"
                          "b"),
              "\"a\xEF\xBF\xBD"
              "b\"");
}

}  // namespace
}  // namespace waymark::report::testing
