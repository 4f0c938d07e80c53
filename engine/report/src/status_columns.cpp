#include "waymark/report/status_columns.hpp"

#include <optional>

namespace waymark::report {

namespace {

// Optional text: an empty value does not apply (JSON null), where a name or an id that
// happens to be empty is still text ("").
ColumnValue text_or_none(std::string_view text) {
    if (text.empty())
        return std::monostate{};
    return text;
}

ColumnValue date_or_none(const std::optional<UtcTime>& t) {
    if (!t)
        return std::monostate{};
    return *t;
}

// Widths: a learner id is a 36-character UUID; the others fit their heading and its
// filter button, or the usual values.
constexpr StatusColumn kColumns[] = {
    {"learner_id", ColumnType::text, 38,
     [](const StatusRow& r) -> ColumnValue { return r.learner_id; }},
    {"staff_id", ColumnType::text, 11,
     [](const StatusRow& r) -> ColumnValue { return r.staff_id; }},
    {"name", ColumnType::text, 26, [](const StatusRow& r) -> ColumnValue { return r.name; }},
    {"team", ColumnType::text, 20, [](const StatusRow& r) -> ColumnValue { return r.team; }},
    {"role", ColumnType::text, 18, [](const StatusRow& r) -> ColumnValue { return r.role; }},
    {"course_id", ColumnType::text, 18,
     [](const StatusRow& r) -> ColumnValue { return r.course_id; }},
    {"course_title", ColumnType::text, 32,
     [](const StatusRow& r) -> ColumnValue { return r.course_title; }},
    {"status", ColumnType::text, 13,
     [](const StatusRow& r) -> ColumnValue { return std::string_view(to_string(r.status)); }},
    {"required", ColumnType::yes_no, 11,
     [](const StatusRow& r) -> ColumnValue { return r.required; }},
    {"percent", ColumnType::percent, 10,
     [](const StatusRow& r) -> ColumnValue { return r.percent; }},
    {"completed_on", ColumnType::date, 15,
     [](const StatusRow& r) { return date_or_none(r.completed_at); }},
    {"score", ColumnType::score, 8,
     [](const StatusRow& r) -> ColumnValue {
         if (!r.completed_at)
             return std::monostate{};
         return r.score;
     }},
    {"version", ColumnType::text, 10, [](const StatusRow& r) { return text_or_none(r.version); }},
    {"valid_until", ColumnType::date, 13,
     [](const StatusRow& r) { return date_or_none(r.valid_until); }},
    {"due_by", ColumnType::date, 10, [](const StatusRow& r) { return date_or_none(r.due_by); }},
    {"superseded_version", ColumnType::text, 21,
     [](const StatusRow& r) { return text_or_none(r.superseded_version); }},
    {"retraining_required", ColumnType::yes_no, 21,
     [](const StatusRow& r) -> ColumnValue { return r.retraining_required; }},
    {"untrusted_completed_on", ColumnType::date, 25,
     [](const StatusRow& r) { return date_or_none(r.untrusted_completed_at); }},
    {"untrusted_version", ColumnType::text, 20,
     [](const StatusRow& r) { return text_or_none(r.untrusted_version); }},
};

}  // namespace

std::span<const StatusColumn> status_columns() {
    return kColumns;
}

const StatusColumn* find_status_column(std::string_view name) {
    for (const StatusColumn& column : kColumns)
        if (column.name == name)
            return &column;
    return nullptr;
}

}  // namespace waymark::report
