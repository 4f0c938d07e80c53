// What the XLSX export's two sheets share: the cell formats, and a cell writer that
// keeps libxlsxwriter's first error so a sheet is checked once a row, not once a cell.
#pragma once

#include <xlsxwriter.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/report/export_info.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report::xlsx {

// Owned by the workbook: valid until it is closed or freed.
struct Formats {
    lxw_format* title = nullptr;
    lxw_format* heading = nullptr;  // a table's header row
    lxw_format* label = nullptr;
    lxw_format* date = nullptr;       // yyyy-mm-dd, as in the CSV
    lxw_format* date_time = nullptr;  // yyyy-mm-dd hh:mm:ss
    lxw_format* count = nullptr;      // 1,234
    lxw_format* percent = nullptr;    // 87%
    lxw_format* score = nullptr;      // 87.5%

    static Formats add_to(lxw_workbook* workbook);
};

class SheetWriter {
  public:
    SheetWriter(lxw_worksheet* sheet, const char* name) : sheet_(sheet), name_(name) {}

    // Always a string cell, whatever it starts with: never a formula. Invalid UTF-8
    // becomes U+FFFD so one damaged name cannot make the workbook unreadable. Empty
    // text leaves the cell blank.
    void text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format = nullptr);
    void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format = nullptr);
    // The UTC day of `t` as an Excel date (a whole number of days).
    void date(lxw_row_t row, lxw_col_t col, UtcTime t, lxw_format* format);
    // `t` to the second as an Excel date and time.
    void date_time(lxw_row_t row, lxw_col_t col, UtcTime t, lxw_format* format);

    // Keeps `result` if it is the first failure, for calls made on sheet() directly.
    void check(lxw_error result, lxw_row_t row, lxw_col_t col);

    bool ok() const { return error_ == LXW_NO_ERROR; }
    // The first failure, naming the sheet and cell of `file`: ErrorCode::invalid for a
    // value Excel cannot hold, ErrorCode::io otherwise.
    Error error(const std::filesystem::path& file) const;

    lxw_worksheet* sheet() const { return sheet_; }
    const char* name() const { return name_; }

  private:
    lxw_worksheet* sheet_;
    const char* name_;
    std::string buffer_;  // the current text cell, NUL-terminated for the C API
    lxw_error error_ = LXW_NO_ERROR;
    lxw_row_t error_row_ = 0;
    lxw_col_t error_col_ = 0;
};

// Fills the Summary sheet, rows in order (the workbook may stream them): where the report
// came from, counts by status, completion by course, team and role, and two charts.
// `file_name` is the export's name, for the line saying how to verify it.
void write_summary_sheet(lxw_workbook* workbook, SheetWriter& sheet, const Formats& formats,
                         const StatusMatrix& matrix, const ExportInfo& info, const Summary& summary,
                         const std::string& file_name);

}  // namespace waymark::report::xlsx
