// waymark/report/html_export.hpp: a report a manager can open, read and print.
//
// One self-contained HTML file: inline CSS and SVG charts, no scripts, no fonts,
// images or anything else fetched, so it opens the same offline, attached to an email
// or years later. It shows the summary counts, completion by course and by team as
// bar charts, and the overdue, due-soon and untrusted lists. Every count carries a
// data-count attribute so tools (and the tests) can read the numbers back.
#pragma once

#include <string>
#include <string_view>

#include "waymark/report/export_info.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

// The lists of overdue, due-soon and untrusted staff stop after this many people each
// (the CSV and JSON exports have everyone); the page says how many were left out.
inline constexpr int kHtmlListLimit = 2000;

void write_status_html(const StatusMatrix& matrix, const ExportInfo& info, OutputFile& out);

}  // namespace waymark::report
