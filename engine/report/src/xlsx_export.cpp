#include "waymark/report/xlsx_export.hpp"

#include <chrono>
#include <cmath>
#include <memory>

#include "waymark/core/files.hpp"
#include "waymark/report/status_columns.hpp"
#include "xlsx_workbook.hpp"

namespace waymark::report {

namespace xlsx {

namespace {

lxw_datetime to_lxw(UtcTime t, bool with_time) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    lxw_datetime d{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), 0, 0, 0};
    if (with_time) {
        const hh_mm_ss hms{floor<seconds>(t - day)};
        d.hour = int(hms.hours().count());
        d.min = int(hms.minutes().count());
        d.sec = double(hms.seconds().count());
    }
    return d;
}

lxw_format* format(lxw_workbook* workbook, const char* num_format, bool bold = false) {
    lxw_format* f = workbook_add_format(workbook);
    if (num_format)
        format_set_num_format(f, num_format);
    if (bold)
        format_set_bold(f);
    return f;
}

}  // namespace

Formats Formats::add_to(lxw_workbook* workbook) {
    Formats f;
    f.title = format(workbook, nullptr, true);
    format_set_font_size(f.title, 16);
    f.heading = format(workbook, nullptr, true);
    format_set_bg_color(f.heading, 0xEEF2F7);
    format_set_bottom(f.heading, LXW_BORDER_THIN);
    f.label = format(workbook, nullptr, true);
    f.date = format(workbook, "yyyy-mm-dd");
    f.date_time = format(workbook, "yyyy-mm-dd hh:mm:ss");
    f.count = format(workbook, "#,##0");
    f.percent = format(workbook, "0%");
    f.score = format(workbook, "0.0%");
    return f;
}

void SheetWriter::check(lxw_error result, lxw_row_t row, lxw_col_t col) {
    if (result != LXW_NO_ERROR && error_ == LXW_NO_ERROR) {
        error_ = result;
        error_row_ = row;
        error_col_ = col;
    }
}

void SheetWriter::text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format) {
    if (value.empty())
        return;
    buffer_.clear();
    std::size_t bad = 0;
    while (!valid_utf8(value, &bad)) {
        buffer_.append(value.substr(0, bad));
        buffer_ += "\xEF\xBF\xBD";
        value.remove_prefix(bad + 1);
    }
    buffer_.append(value);
    check(worksheet_write_string(sheet_, row, col, buffer_.c_str(), format), row, col);
}

void SheetWriter::number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
    check(worksheet_write_number(sheet_, row, col, value, format), row, col);
}

void SheetWriter::date(lxw_row_t row, lxw_col_t col, UtcTime t, lxw_format* format) {
    lxw_datetime d = to_lxw(t, false);
    check(worksheet_write_datetime(sheet_, row, col, &d, format), row, col);
}

void SheetWriter::date_time(lxw_row_t row, lxw_col_t col, UtcTime t, lxw_format* format) {
    lxw_datetime d = to_lxw(t, true);
    check(worksheet_write_datetime(sheet_, row, col, &d, format), row, col);
}

Error SheetWriter::error(const std::filesystem::path& file) const {
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(cell, error_row_, error_col_);
    const std::string where = "sheet " + std::string(name_) + ", cell " + cell;
    if (error_ == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        return make_error(ErrorCode::invalid,
                          where +
                              " holds more than the 32,767 characters Excel allows in a "
                              "cell; export with --format csv, which has no such limit",
                          file.string());
    return make_error(ErrorCode::io,
                      "writing " + where + " failed: " + lxw_strerror(error_) +
                          "; check that the folder is writable and has free space",
                      file.string());
}

}  // namespace xlsx

namespace {

struct WorkbookFree {
    void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};
// Until closed, a workbook is only freed: abandoning an export writes nothing.
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookFree>;

Error workbook_error(const OutputFile& out, const std::string& doing, const char* why) {
    return make_error(ErrorCode::io,
                      doing + " failed: " + why +
                          "; check that the folder exists, is writable and has free space",
                      out.target().string());
}

void write_cell(xlsx::SheetWriter& sheet, const xlsx::Formats& f, lxw_row_t row, lxw_col_t col,
                ColumnType type, const ColumnValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        return;  // a blank cell
    switch (type) {
        case ColumnType::text:
            return sheet.text(row, col, std::get<std::string_view>(value));
        case ColumnType::percent:
            return sheet.number(row, col, std::get<int>(value) / 100.0, f.percent);
        case ColumnType::date:
            return sheet.date(row, col, std::get<UtcTime>(value), f.date);
        case ColumnType::score:
            // Rounded to a tenth of a percent, as the CSV shows it.
            return sheet.number(row, col, std::round(std::get<double>(value) * 1000) / 1000,
                                f.score);
        case ColumnType::yes_no:
            return sheet.text(row, col, std::get<bool>(value) ? "yes" : "no");
    }
}

// False when `progress` asked to stop.
bool write_detail_sheet(xlsx::SheetWriter& sheet, const xlsx::Formats& f,
                        const StatusMatrix& matrix, const RowFilter& filter, std::int64_t total,
                        const ExportProgress& progress) {
    lxw_worksheet* ws = sheet.sheet();
    const auto columns = status_columns();
    const auto last_col = static_cast<lxw_col_t>(columns.size() - 1);
    for (lxw_col_t c = 0; c <= last_col; ++c) {
        worksheet_set_column(ws, c, c, columns[c].xlsx_width, nullptr);
        sheet.text(0, c, columns[c].name, f.heading);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(total), last_col);
    // Printed: landscape, the header on every page.
    worksheet_set_landscape(ws);
    worksheet_repeat_rows(ws, 0, 0);

    lxw_row_t row = 0;
    bool go_on = true;
    matrix.for_each_row(filter, [&](const StatusRow& r) {
        ++row;
        for (lxw_col_t c = 0; c <= last_col; ++c)
            write_cell(sheet, f, row, c, columns[c].type, columns[c].value(r));
        if (progress && row % kRowsBetweenProgress == 0)
            go_on = progress(row, total);
        return go_on && sheet.ok();
    });
    return go_on;
}

}  // namespace

Result<void> write_status_xlsx(const StatusMatrix& matrix, const ExportInfo& info, OutputFile& out,
                               const ExportProgress& progress, const XlsxOptions& options) {
    const Summary summary = matrix.summarise(info.filter);
    const std::int64_t total = summary.all.total;
    if (total > options.row_limit)
        return make_error(ErrorCode::usage,
                          "the report has " + std::to_string(total) +
                              " rows, more than an Excel sheet holds (" +
                              std::to_string(options.row_limit) +
                              "); narrow it with --course, --team, --role or --status, or "
                              "export with --format csv, which has no limit",
                          out.target().string());

    // The library's temporary files go beside the export: the folder the user chose
    // has room for it, /tmp may not.
    std::string folder = out.temporary_path().parent_path().string();
    if (folder.empty())
        folder = ".";
    lxw_workbook_options lxw_options{};
    lxw_options.constant_memory = total > options.in_memory_rows ? LXW_TRUE : LXW_FALSE;
    lxw_options.tmpdir = folder.data();
    WorkbookPtr workbook(workbook_new_opt(out.temporary_path().c_str(), &lxw_options));
    if (!workbook)
        return workbook_error(out, "starting the workbook", "out of memory");

    std::string title = "Training compliance";
    if (!matrix.settings().name.empty())
        title += ": " + matrix.settings().name;
    std::string subject = "Status as of " + format_date(matrix.as_of());
    std::string author = "Waymark";
    std::string company = matrix.settings().name;
    std::string comments = "Ledger checkpoint " + std::to_string(info.checkpoint_seq) +
                           " of device " + info.device_id +
                           ". Check this file with: waymark verify-export FILE --trust DEVICE.pub";
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.subject = subject.data();
    properties.author = author.data();
    properties.company = company.data();
    properties.comments = comments.data();
    // Fixed to the export's own time so the same export gives the same bytes.
    const auto generated = parse_iso8601(info.generated_at);
    properties.created = std::chrono::system_clock::to_time_t(
        std::chrono::floor<std::chrono::seconds>(generated ? *generated : matrix.as_of()));
    workbook_set_properties(workbook.get(), &properties);

    const xlsx::Formats formats = xlsx::Formats::add_to(workbook.get());
    lxw_worksheet* summary_ws = workbook_add_worksheet(workbook.get(), "Summary");
    lxw_worksheet* detail_ws = workbook_add_worksheet(workbook.get(), "Detail");
    if (!summary_ws || !detail_ws)
        return workbook_error(out, "creating temporary files in " + folder,
                              "the folder refused them");

    xlsx::SheetWriter summary_sheet(summary_ws, "Summary");
    xlsx::write_summary_sheet(workbook.get(), summary_sheet, formats, matrix, info, summary,
                              out.target().filename().string());
    if (!summary_sheet.ok())
        return summary_sheet.error(out.target());
    xlsx::SheetWriter detail_sheet(detail_ws, "Detail");
    // Stopped: the workbook is only freed, so nothing more is written.
    if (!write_detail_sheet(detail_sheet, formats, matrix, info.filter, total, progress))
        return export_stopped();
    if (!detail_sheet.ok())
        return detail_sheet.error(out.target());

    if (const lxw_error closed = workbook_close(workbook.release()); closed != LXW_NO_ERROR)
        return workbook_error(out, "writing the workbook", lxw_strerror(closed));
    if (!progress(total, total))
        return export_stopped();
    return {};
}

}  // namespace waymark::report
