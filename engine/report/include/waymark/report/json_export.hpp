// waymark/report/json_export.hpp: the status report as JSON for other systems.
//
// The schema is versioned ("schema": "waymark-report", "schema_version": 2) and
// described field by field in docs/report-schema.md; a change that removes or renames
// a field raises the version.
#pragma once

#include "waymark/report/export_info.hpp"
#include "waymark/report/export_progress.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

// 2: tallies count required rows only, rows say whether the course is required, and a
// required course never completed by its first due date is overdue.
inline constexpr int kReportSchemaVersion = 2;

// Streams the summary and the rows matching `filter` to `out` (not committed). False
// when `progress` asked to stop (what is in `out` is then partial and must be dropped).
bool write_status_json(const StatusMatrix& matrix, const ExportInfo& info, OutputFile& out,
                       const ExportProgress& progress = {});

// `text` as a JSON string literal, quotes included; invalid UTF-8 becomes U+FFFD.
std::string json_string(std::string_view text);

}  // namespace waymark::report
