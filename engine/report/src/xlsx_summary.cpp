// The XLSX export's Summary sheet.
#include <algorithm>

#include "xlsx_workbook.hpp"

namespace waymark::report::xlsx {

namespace {

constexpr const char* kSheet = "Summary";

struct StatusLabel {
    Status status;
    const char* label;
};

// In the order a manager reads them, as on the HTML report.
constexpr StatusLabel kStatusLabels[] = {
    {Status::completed, "Completed"},     {Status::due_soon, "Due soon"},
    {Status::overdue, "Overdue"},         {Status::in_progress, "In progress"},
    {Status::not_started, "Not started"}, {Status::untrusted, "Untrusted"},
};

// Columns of the tally tables: name, total, one per status, compliant, rate, and for
// courses the id (the name column shows the title).
constexpr lxw_col_t kTotalColumn = 1;
constexpr lxw_col_t kCompliantColumn = kTotalColumn + 1 + std::size(kStatusLabels);
constexpr lxw_col_t kRateColumn = kCompliantColumn + 1;
constexpr lxw_col_t kCourseIdColumn = kRateColumn + 1;
constexpr lxw_col_t kChartColumn = kCourseIdColumn + 2;
constexpr lxw_row_t kChartRows = 16;  // a chart's default height, in rows, and a gap

struct TableRows {
    lxw_row_t first = 0, last = 0;
    bool empty = true;
};

std::string filter_text(const RowFilter& f) {
    std::string out;
    const auto add = [&](const char* what, std::string_view value) {
        if (!value.empty())
            out += (out.empty() ? "" : ", ") + std::string(what) + " " + std::string(value);
    };
    add("course", f.course);
    add("team", f.team);
    add("role", f.role);
    add("status", f.status ? to_string(*f.status) : "");
    return out.empty() ? "none: every learner on every course" : out;
}

void tally_cells(SheetWriter& s, const Formats& f, lxw_row_t row, const Tally& t) {
    s.number(row, kTotalColumn, double(t.total), f.count);
    lxw_col_t c = kTotalColumn + 1;
    for (const auto& l : kStatusLabels)
        s.number(row, c++, double(t.count(l.status)), f.count);
    s.number(row, kCompliantColumn, double(t.compliant()), f.count);
    s.number(row, kRateColumn, t.rate(), f.percent);
}

TableRows tally_table(SheetWriter& s, const Formats& f, lxw_row_t& row, const char* heading,
                      const std::map<std::string, Tally, std::less<>>& tallies,
                      const StatusMatrix* courses) {
    s.text(row, 0, heading, f.heading);
    s.text(row, kTotalColumn, "Total", f.heading);
    lxw_col_t c = kTotalColumn + 1;
    for (const auto& l : kStatusLabels)
        s.text(row, c++, l.label, f.heading);
    s.text(row, kCompliantColumn, "Compliant", f.heading);
    s.text(row, kRateColumn, "Compliance rate", f.heading);
    if (courses)
        s.text(row, kCourseIdColumn, "Course id", f.heading);
    ++row;
    TableRows rows{row, row, tallies.empty()};
    for (const auto& [name, tally] : tallies) {
        if (courses) {
            const std::string& title = courses->settings().course(name).title;
            s.text(row, 0, title.empty() ? name : title);
            s.text(row, kCourseIdColumn, name);
        } else {
            s.text(row, 0, name);
        }
        tally_cells(s, f, row, tally);
        rows.last = row++;
    }
    return rows;
}

// A column per group: its compliance rate, 0 to 100%.
void rate_chart(lxw_workbook* workbook, SheetWriter& s, const char* title, const TableRows& rows,
                lxw_row_t at) {
    if (rows.empty)
        return;
    char categories[LXW_MAX_FORMULA_RANGE_LENGTH];
    char values[LXW_MAX_FORMULA_RANGE_LENGTH];
    lxw_rowcol_to_formula_abs(categories, kSheet, rows.first, 0, rows.last, 0);
    lxw_rowcol_to_formula_abs(values, kSheet, rows.first, kRateColumn, rows.last, kRateColumn);
    lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_COLUMN);
    lxw_chart_series* series = chart_add_series(chart, categories, values);
    chart_series_set_name(series, "Compliance rate");
    lxw_chart_fill fill{0x1F5FA8, 0, 0};
    chart_series_set_fill(series, &fill);
    chart_series_set_labels(series);
    chart_series_set_labels_num_format(series, "0%");
    chart_title_set_name(chart, title);
    chart_axis_set_num_format(chart->y_axis, "0%");
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 1);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    // Wider with more groups, so their names stay readable.
    const double groups = double(rows.last - rows.first + 1);
    lxw_chart_options options{};
    options.x_scale = std::clamp(groups / 8, 1.0, 3.0);
    options.y_scale = 1;
    s.check(worksheet_insert_chart_opt(s.sheet(), at, kChartColumn, chart, &options), at,
            kChartColumn);
}

}  // namespace

void write_summary_sheet(lxw_workbook* workbook, SheetWriter& s, const Formats& f,
                         const StatusMatrix& matrix, const ExportInfo& info, const Summary& summary,
                         const std::string& file_name) {
    lxw_worksheet* ws = s.sheet();
    worksheet_set_column(ws, 0, 0, 36, nullptr);
    worksheet_set_column(ws, kTotalColumn, kCompliantColumn, 12, nullptr);
    worksheet_set_column(ws, kRateColumn, kRateColumn, 16, nullptr);
    worksheet_set_column(ws, kCourseIdColumn, kCourseIdColumn, 20, nullptr);
    worksheet_set_landscape(ws);

    const std::string& org = matrix.settings().name;
    lxw_row_t row = 0;
    s.text(row, 0, org.empty() ? "Training compliance" : "Training compliance: " + org, f.title);
    row += 2;
    const auto label = [&](const char* text) { s.text(row, 0, text, f.label); };
    label("Organisation");
    s.text(row++, 1, org.empty() ? "(not set: organisation.name)" : org);
    label("As of (UTC)");
    s.date(row++, 1, matrix.as_of(), f.date);
    label("Due soon means due within (days)");
    s.number(row++, 1, matrix.due_soon_days());
    label("Generated (UTC)");
    if (const auto generated = parse_iso8601(info.generated_at))
        s.date_time(row++, 1, *generated, f.date_time);
    else
        s.text(row++, 1, info.generated_at);
    label("Filter");
    s.text(row++, 1, filter_text(info.filter));
    label("Ledger device");
    s.text(row++, 1, info.device_id);
    label("Device key");
    s.text(row++, 1, info.device_key);
    label("Ledger checkpoint");
    s.number(row++, 1, double(info.checkpoint_seq));
    label("Checkpoint head (SHA-256)");
    s.text(row++, 1, info.checkpoint_head);
    label("Checkpoint signed (UTC)");
    if (const auto signed_at = parse_iso8601(info.checkpoint_time))
        s.date_time(row++, 1, *signed_at, f.date_time);
    else
        s.text(row++, 1, info.checkpoint_time);
    label("Check this file with");
    // The device's public key, not the one in the .sig: that one anybody can replace.
    s.text(row++, 1, "waymark verify-export " + file_name + " --trust DEVICE.pub");
    ++row;

    s.text(row, 0, "Status", f.heading);
    s.text(row, 1, "Staff × courses", f.heading);
    s.text(row++, 2, "Share", f.heading);
    const double total = double(std::max<std::int64_t>(summary.all.total, 1));
    for (const auto& l : kStatusLabels) {
        s.text(row, 0, l.label);
        s.number(row, 1, double(summary.all.count(l.status)), f.count);
        s.number(row++, 2, double(summary.all.count(l.status)) / total, f.percent);
    }
    label("Total");
    s.number(row, 1, double(summary.all.total), f.count);
    s.number(row++, 2, summary.all.total > 0 ? 1.0 : 0.0, f.percent);
    label("Compliant (completed or due soon)");
    s.number(row, 1, double(summary.all.compliant()), f.count);
    s.number(row++, 2, summary.all.rate(), f.percent);
    row += 2;

    const lxw_row_t course_at = row;
    const TableRows courses =
        tally_table(s, f, row, "Completion by course", summary.by_course, &matrix);
    rate_chart(workbook, s, "Compliance by course", courses, course_at);
    row += 2;
    const lxw_row_t team_at = row;
    const TableRows teams = tally_table(s, f, row, "Completion by team", summary.by_team, nullptr);
    rate_chart(workbook, s, "Compliance by team", teams,
               std::max(team_at, courses.empty ? course_at : course_at + kChartRows));
    row += 2;
    tally_table(s, f, row, "Completion by role", summary.by_role, nullptr);
    s.text(row + 1, 0,
           "Completions on untrusted packages never count as compliant. Every row of the "
           "Detail sheet is one learner on one course.");
}

}  // namespace waymark::report::xlsx
