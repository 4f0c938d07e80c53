// The status-column table every export follows: unique names, found by name, and each
// value of the alternative its type promises (the exports rely on it).
#include <set>

#include "report_fixture.hpp"
#include "waymark/report/status_columns.hpp"

namespace waymark::report::testing {
namespace {

bool holds_its_type(const StatusColumn& column, const ColumnValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        return true;
    switch (column.type) {
        case ColumnType::text:
            return std::holds_alternative<std::string_view>(value);
        case ColumnType::percent:
            return std::holds_alternative<int>(value);
        case ColumnType::date:
            return std::holds_alternative<UtcTime>(value);
        case ColumnType::score:
            return std::holds_alternative<double>(value);
        case ColumnType::yes_no:
            return std::holds_alternative<bool>(value);
    }
    return false;
}

TEST(StatusColumns, HaveUniqueNames) {
    std::set<std::string_view> names;
    for (const StatusColumn& column : status_columns())
        EXPECT_TRUE(names.insert(column.name).second) << column.name;
}

TEST(StatusColumns, AreFoundByName) {
    const StatusColumn* score = find_status_column("score");
    ASSERT_NE(score, nullptr);
    EXPECT_EQ(score->type, ColumnType::score);
    EXPECT_EQ(find_status_column("pass_mark"), nullptr);
}

using StatusColumnValues = ReportTest;

TEST_F(StatusColumnValues, AreOfTheTypeTheirColumnNames) {
    complete(learner("S1"), course(), "2026-01-10T10:00:00Z", 12, 0.875);
    complete(learner("S2"), course("prevent-duty", "2.1.0", false), "2026-01-10T10:00:00Z");
    learner("S3");
    const auto& m = matrix("2026-02-01T00:00:00Z");
    int rows = 0;
    m.for_each_row({}, [&](const StatusRow& row) {
        ++rows;
        for (const StatusColumn& column : status_columns())
            EXPECT_TRUE(holds_its_type(column, column.value(row))) << column.name;
        return true;
    });
    EXPECT_EQ(rows, 3);
}

TEST_F(StatusColumnValues, LeaveOutWhatDoesNotApplyToALearnerWhoHasNotStarted) {
    // A course with no first due date: prevent-duty gives new starters one by default.
    const auto id = learner("S1");
    complete(learner("S2"), course("safeguarding"), "2026-01-10T10:00:00Z");  // rows
    const StatusRow row = only_row(matrix("2026-02-01T00:00:00Z"), id, "safeguarding");
    for (const char* name : {"completed_on", "score", "version", "valid_until", "due_by"})
        EXPECT_TRUE(std::holds_alternative<std::monostate>(find_status_column(name)->value(row)))
            << name;
    EXPECT_EQ(std::get<std::string_view>(find_status_column("status")->value(row)), "not-started");
}

}  // namespace
}  // namespace waymark::report::testing
