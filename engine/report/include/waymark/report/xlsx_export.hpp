// waymark/report/xlsx_export.hpp: the status report as an Excel workbook.
//
// Two sheets. "Summary": where the report came from (organisation, as-of day,
// generation time, ledger checkpoint, filter), counts by status and completion by
// course, team and role as numbers and percentages, with a chart of completion by
// course and one by team. "Detail": the status CSV's columns, one row per learner and
// course, header bold and frozen, an autofilter over every row, dates as real dates and
// percentages as numbers. Text is always written as text, never as a formula.
//
// A workbook of up to kXlsxInMemoryRows rows is built in memory: strings are shared
// and the charts carry a copy of their data, which every spreadsheet program shows.
// A larger one streams its rows to temporary files in the export's folder (constant
// memory: a million rows cost no more than ten thousand); its strings are written
// inline and its charts read their data from the Summary when the workbook is opened.
#pragma once

#include <cstdint>

#include "waymark/core/result.hpp"
#include "waymark/report/export_info.hpp"
#include "waymark/report/export_progress.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

// Excel's 1,048,576 rows less the header.
inline constexpr std::int64_t kXlsxRowLimit = 1048575;
// About 14 MiB of cells held in memory at most.
inline constexpr std::int64_t kXlsxInMemoryRows = 10000;

// Tests lower these to reach the limit and the streaming mode with a few rows.
struct XlsxOptions {
    // More detail rows than this is refused before anything is written.
    std::int64_t row_limit = kXlsxRowLimit;
    // More detail rows than this are streamed (constant memory) rather than held.
    std::int64_t in_memory_rows = kXlsxInMemoryRows;
};

// Writes the workbook for the rows matching `info.filter` to out.temporary_path() (not
// committed: the caller signs and commits). ErrorCode::usage when there are more rows
// than fit on a sheet and ErrorCode::invalid when a value is longer than a cell holds,
// both saying to filter or export CSV; ErrorCode::io when the workbook cannot be
// written; export_stopped() when `progress` asked to stop. Nothing must have been
// written to `out` before.
Result<void> write_status_xlsx(const StatusMatrix& matrix, const ExportInfo& info, OutputFile& out,
                               const ExportProgress& progress = {},
                               const XlsxOptions& options = {});

}  // namespace waymark::report
