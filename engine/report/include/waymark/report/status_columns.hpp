// waymark/report/status_columns.hpp: the columns of the status report, the one list that
// every export of it follows.
//
// A column is a name ("completed_on"), a type saying how each format writes its value,
// a width on the XLSX Detail sheet, and how to get its value from a StatusRow. The CSV
// header and rows, the XLSX Detail sheet and the JSON row objects are all written by
// walking status_columns() in order, so a column added, renamed or moved here changes
// every export together. docs/report-schema.md describes them for readers; json_export.hpp
// says which changes raise the JSON schema's version.
#pragma once

#include <span>
#include <string_view>
#include <variant>

#include "waymark/core/time.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

// How a value is written; "none" is an empty CSV field, a blank cell, JSON null.
enum class ColumnType {
    text,     // as given: a formula-safe CSV field, a text cell, a JSON string
    percent,  // a whole percentage 0..100: "75" in CSV and JSON, 75% in XLSX
    date,     // the UTC day: 2026-01-10 in CSV and JSON, an Excel date in XLSX
    score,    // scaled 0..1: "87.5" in CSV and JSON, 87.5% in XLSX (a tenth of a percent)
    yes_no,   // "yes" or "no" in CSV and XLSX, true or false in JSON
};

// One cell's value: std::monostate when it does not apply, else the alternative the
// column's type names (text: string_view, percent: int, date: UtcTime, score: double,
// yes_no: bool).
using ColumnValue = std::variant<std::monostate, std::string_view, int, UtcTime, double, bool>;

struct StatusColumn {
    std::string_view name;  // the CSV header, the XLSX heading, the JSON key
    ColumnType type;
    double xlsx_width;  // in characters: the heading with its filter button, or usual values
    ColumnValue (*value)(const StatusRow& row);
};

// Every column, in the order the exports write them.
std::span<const StatusColumn> status_columns();

// The column called `name`; nullptr when there is none.
const StatusColumn* find_status_column(std::string_view name);

}  // namespace waymark::report
