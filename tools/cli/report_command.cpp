// `waymark report`: the compliance report a manager hands an auditor, in CSV, XLSX,
// JSON or HTML, always with a detached signature by the ledger's device key.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/csv.hpp"
#include "waymark/report/html_export.hpp"
#include "waymark/report/json_export.hpp"
#include "waymark/report/signed_export.hpp"
#include "waymark/report/status.hpp"
#include "waymark/report/xlsx_export.hpp"

namespace waymark::cli {

namespace {

struct ReportArgs {
    std::string ledger, course, team, role, status, as_of, format, output;
    int due_days = -1;
    bool excel = false;
    bool history = false;
};

Error usage(std::string message) {
    return make_error(ErrorCode::usage, std::move(message));
}

// "2026-09-01" means the end of that day; a full timestamp means that moment.
Result<UtcTime> parse_as_of(const std::string& text) {
    const auto t = parse_iso8601(text);
    if (!t)
        return usage("--as-of \"" + text + "\" is not a date; write it as YYYY-MM-DD, e.g. " +
                     format_date(utc_now()));
    if (text.size() == 10)
        return *t + std::chrono::days(1) - std::chrono::milliseconds(1);
    return *t;
}

// Rows written so far, on stderr, only when stderr is a terminal.
report::ExportProgress terminal_progress() {
    if (!::isatty(STDERR_FILENO))
        return {};
    return [](std::int64_t done, std::int64_t total) {
        std::cerr << "\rexporting: " << done << " of " << total << " rows"
                  << (done >= total ? "\n" : "") << std::flush;
    };
}

int run(const ReportArgs& a) {
    report::RowFilter filter{a.course, a.team, a.role, {}};
    if (!a.status.empty()) {
        filter.status = report::parse_status(a.status);
        if (!filter.status)
            return print_error(usage("--status \"" + a.status +
                                     "\" is not a status; use not-started, in-progress, "
                                     "completed, due-soon, overdue or untrusted"));
    }
    report::StatusOptions options;
    if (!a.as_of.empty()) {
        auto as_of = parse_as_of(a.as_of);
        if (!as_of)
            return print_error(as_of.error());
        options.as_of = *as_of;
    }
    if (a.due_days >= 0)
        options.due_soon_days = a.due_days;
    if (a.history && a.format != "csv")
        return print_error(usage("--history is only available with --format csv"));
    if (a.history && (!a.status.empty() || !a.as_of.empty()))
        return print_error(
            usage("--history lists every completion ever recorded; it takes "
                  "--course, --team and --role, not --status or --as-of"));
    if (a.excel && a.format != "csv")
        return print_error(usage("--excel shapes a CSV file for Excel; with --format " + a.format +
                                 " leave it out (or use --format xlsx)"));

    ledger::OpenOptions open;
    open.create = false;
    auto l = ledger::Ledger::open(
        a.ledger.empty() ? ledger::default_ledger_path() : std::filesystem::path(a.ledger), open);
    if (!l)
        return print_error(l.error());
    auto matrix = report::StatusMatrix::load(*l, options);
    if (!matrix)
        return print_error(matrix.error());
    if (auto r = matrix->check(filter); !r)
        return print_error(r.error());
    auto key = report::device_secret_key(*l);
    if (!key)
        return print_error(key.error());
    // Everything that can refuse the export is checked before the checkpoint, so a
    // refused export leaves no "export" checkpoint in the ledger.
    if (a.format == "xlsx" && matrix->count_rows(filter) > report::kXlsxRowLimit)
        return print_error(usage(
            "the report has " + count(static_cast<std::size_t>(matrix->count_rows(filter)), "row") +
            ", more than an Excel sheet holds (" + std::to_string(report::kXlsxRowLimit) +
            "); narrow it with --course, --team or --role, or use --format csv"));
    auto out = report::OutputFile::create(a.output);
    if (!out)
        return print_error(out.error());
    auto checkpoint = l->checkpoint("export");
    if (!checkpoint)
        return print_error(checkpoint.error());
    const auto info = report::export_info(*l, *checkpoint, filter);
    const auto progress = terminal_progress();
    if (a.format == "csv" && a.history) {
        if (auto r = report::write_completion_history_csv(*l, filter, {a.excel}, *out); !r)
            return print_error(r.error());
    } else if (a.format == "csv") {
        report::write_status_csv(*matrix, filter, {a.excel}, *out, progress);
    } else if (a.format == "xlsx") {
        if (auto r = report::write_status_xlsx(*matrix, info, *out, progress); !r)
            return print_error(r.error());
    } else if (a.format == "json") {
        report::write_status_json(*matrix, info, *out, progress);
    } else {
        report::write_status_html(*matrix, info, *out);
    }
    // Signed before it replaces the old report: a signature that cannot be written
    // leaves the old report and its .sig together.
    if (auto r = out->finish(); !r)
        return print_error(r.error());
    auto sig = report::sign_export(a.output, *l, *checkpoint, *key, out->temporary_path());
    if (!sig) {
        Error e = sig.error();
        e.message += "; the export was not written, and any earlier " +
                     std::filesystem::path(a.output).filename().string() + " is unchanged";
        return print_error(e);
    }
    if (auto r = out->commit(); !r)
        return print_error(r.error());
    const std::string what =
        a.history ? "every completion recorded"
                  : count(static_cast<std::size_t>(matrix->count_rows(filter)), "row") +
                        ", as of " + format_date(matrix->as_of());
    std::cout << "wrote " << a.output << " (" << a.format << ", " << what << ")\nsigned "
              << report::signature_path(a.output).string() << " with device key "
              << l->device_public_key().fingerprint() << " at checkpoint " << checkpoint->seq
              << "\n";
    return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, CommandContext& ctx) {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand(
        "report", "Export who is complete, due or overdue, signed by the ledger's device key");
    cmd->add_option("--ledger", args->ledger,
                    "Ledger file (default: $WAYMARK_LEDGER, else "
                    "$XDG_DATA_HOME/waymark/ledger.db)");
    cmd->add_option("--course", args->course, "Only this course id");
    cmd->add_option("--team", args->team, "Only this team");
    cmd->add_option("--role", args->role, "Only this role");
    cmd->add_option("--status", args->status,
                    "Only this status: not-started, in-progress, completed, due-soon, overdue, "
                    "untrusted");
    cmd->add_option("--as-of", args->as_of, "The state at the end of this day (YYYY-MM-DD)");
    cmd->add_option("--due-days", args->due_days, "Due soon means within N days (default 30)")
        ->check(CLI::Range(0, 3650));
    cmd->add_option("--format", args->format, "csv, xlsx, json or html")
        ->required()
        ->check(CLI::IsMember({"csv", "xlsx", "json", "html"}));
    cmd->add_option("-o,--output", args->output, "File to write (replaced only when complete)")
        ->required();
    cmd->add_flag("--excel", args->excel, "CSV for Excel: byte order mark and CRLF line ends");
    cmd->add_flag("--history", args->history,
                  "CSV of every completion ever recorded instead of the status per course");
    cmd->callback([args, &ctx] { ctx.exit_code = run(*args); });
}

}  // namespace waymark::cli
