// waymark/report/csv.hpp: status and completion history as CSV for spreadsheets.
//
// RFC 4180 quoting, UTF-8, ISO 8601 dates. Lines end with LF; with `excel` the file
// starts with a byte order mark and lines end with CRLF, which is what Excel needs to
// read UTF-8 names correctly. Text cells that a spreadsheet would run as a formula
// (starting with = + - @ tab or CR) are prefixed with an apostrophe.
#pragma once

#include <string>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/export_progress.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

struct CsvOptions {
    bool excel = false;
};

// Builds CSV text field by field into `out`.
class CsvWriter {
  public:
    CsvWriter(std::string& out, const CsvOptions& options) : out_(out), excel_(options.excel) {}
    // Text from a person or the ledger: quoted when needed and made formula-safe.
    void text(std::string_view value);
    // A value this program formatted (a number, a date): quoted when needed only.
    void plain(std::string_view value);
    void end_row();

  private:
    void separator();
    std::string& out_;
    bool excel_;
    bool row_started_ = false;
};

// Streams a header of status_columns() (status_columns.hpp) and the rows matching
// `filter` to `out` (not committed: the caller signs and commits). Memory stays flat
// however many rows there are. `progress` hears rows written of the total; false
// when it asked to stop (what is in `out` is then partial and must be dropped).
bool write_status_csv(const StatusMatrix& matrix, const RowFilter& filter,
                      const CsvOptions& options, OutputFile& out,
                      const ExportProgress& progress = {});

// Streams every completion ever recorded (not only the latest), oldest first, for
// learners not erased, matching the filter's course, team and role. The "trusted"
// column follows `trust` (by default, as the device recorded it).
Result<void> write_completion_history_csv(ledger::Ledger& ledger, const RowFilter& filter,
                                          const CsvOptions& options, OutputFile& out,
                                          const CompletionTrust& trust = {});

}  // namespace waymark::report
