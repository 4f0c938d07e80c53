// `waymark report`: the compliance report a manager hands an auditor, in CSV, XLSX,
// JSON or HTML. Written to a file (-o FILE) it always has a detached signature by the
// ledger's device key (FILE.sig); without -o, or with -o -, it goes to standard output
// for a look or a pipe, unsigned, and stderr says so.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ledger_option.hpp"
#include "output.hpp"
#include "trust_options.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/csv.hpp"
#include "waymark/report/html_export.hpp"
#include "waymark/report/json_export.hpp"
#include "waymark/report/package_trust.hpp"
#include "waymark/report/signed_export.hpp"
#include "waymark/report/status.hpp"
#include "waymark/report/write_signed_export.hpp"
#include "waymark/report/xlsx_export.hpp"

namespace waymark::cli {

namespace {

struct ReportOptions {
    std::string ledger, course, team, role, status, as_of, format, output;
    int due_days = -1;
    bool excel = false;
    bool history = false;
    std::string packages;  // --packages DIR: the trusted packages decide which completions count
    TrustOptions trust;    // the publishers whose packages in DIR are trusted
};

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

int run(const ReportOptions& a) {
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
    const bool to_stdout = a.output.empty() || a.output == "-";
    if (to_stdout && a.format == "xlsx" && ::isatty(STDOUT_FILENO))
        return print_error(
            usage("an XLSX workbook cannot be shown on the screen; write it to a file with "
                  "-o FILE.xlsx (FILE.xlsx.sig is written beside it)"));
    if (a.excel && a.format != "csv")
        return print_error(usage("--excel shapes a CSV file for Excel; with --format " + a.format +
                                 " leave it out (or use --format xlsx)"));

    std::size_t trusted_packages = 0;
    if (!a.packages.empty()) {
        auto keys = load_trust_store(a.trust);
        if (!keys)
            return print_error(keys.error());
        auto packages = report::trust_packages_in(a.packages, *keys, [](const Error& skipped) {
            std::cerr << "waymark: warning: " << skipped.describe() << "\n";
        });
        if (!packages)
            return print_error(packages.error());
        trusted_packages = packages->trusted.size();
        options.trust = std::move(packages->trust);
    } else if (!a.trust.keys.empty() || !a.trust.dirs.empty()) {
        return print_error(usage(
            "--trust and --trust-dir name the publishers whose packages --packages DIR holds; "
            "add --packages DIR, or leave them out to count completions as the device recorded"));
    }

    auto l = open_ledger(a.ledger, LedgerAccess::write);
    if (!l)
        return print_error(l.error());
    auto matrix = report::StatusMatrix::load(*l, options);
    if (!matrix)
        return print_error(matrix.error());
    if (auto r = matrix->check(filter); !r)
        return print_error(r.error());
    // Everything that can refuse the export is checked before write_signed_export takes
    // the checkpoint, so a refused export leaves no "export" checkpoint in the ledger.
    if (a.format == "xlsx" && matrix->count_rows(filter) > report::kXlsxRowLimit)
        return print_error(usage(
            "the report has " + count(static_cast<std::size_t>(matrix->count_rows(filter)), "row") +
            ", more than an Excel sheet holds (" + std::to_string(report::kXlsxRowLimit) +
            "); narrow it with --course, --team or --role, or use --format csv"));
    // On standard output, progress on a terminal would land in the middle of the report.
    const auto progress = to_stdout ? report::ExportProgress() : terminal_progress();
    const auto write_content = [&](const ledger::Checkpoint& checkpoint,
                                   report::OutputFile& out) -> Result<void> {
        const auto info = report::export_info(*l, checkpoint, filter);
        if (a.format == "csv" && a.history)
            return report::write_completion_history_csv(*l, filter, {a.excel}, out, options.trust);
        if (a.format == "csv")
            report::write_status_csv(*matrix, filter, {a.excel}, out, progress);
        else if (a.format == "xlsx")
            return report::write_status_xlsx(*matrix, info, out, progress);
        else if (a.format == "json")
            report::write_status_json(*matrix, info, out, progress);
        else
            report::write_status_html(*matrix, info, out);
        return {};
    };
    const std::string what =
        a.history ? "every completion recorded"
                  : count(static_cast<std::size_t>(matrix->count_rows(filter)), "row") +
                        ", as of " + format_date(matrix->as_of());
    // What is said about the report goes to stderr when the report itself is on stdout.
    std::ostream& said = to_stdout ? std::cerr : std::cout;
    if (to_stdout) {
        auto checkpoint = report::write_unsigned_export(*l, stdout, write_content);
        if (!checkpoint)
            return print_error(checkpoint.error());
        said << "waymark: note: the report on standard output (" << a.format << ", " << what
             << ", checkpoint " << checkpoint->seq
             << ") is not signed; for one an auditor can verify, write it to a file with "
                "-o FILE (FILE.sig is written beside it)\n";
    } else {
        auto exported = report::write_signed_export(*l, a.output, write_content);
        if (!exported)
            return print_error(exported.error());
        said << "wrote " << a.output << " (" << a.format << ", " << what << ")\nsigned "
             << report::signature_path(a.output).string() << " with device key "
             << exported->signature.key.fingerprint() << " at checkpoint "
             << exported->checkpoint.seq << "\n";
    }
    if (options.trust.by_digest())
        said << "trusted: only completions on the " << count(trusted_packages, "package") << " in "
             << a.packages << " signed by a trusted key count; others show as untrusted\n";
    return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, CommandContext& ctx) {
    auto args = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "report",
        "Export who is complete, due or overdue: to a file signed by the ledger's device key, "
        "or unsigned to standard output");
    add_ledger_option(*cmd, args->ledger);
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
    cmd->add_option("-o,--output", args->output,
                    "File to write (replaced only when complete), signed in FILE.sig beside it; "
                    "without -o, or with -o -, the report goes to standard output, unsigned");
    cmd->add_flag("--excel", args->excel, "CSV for Excel: byte order mark and CRLF line ends");
    cmd->add_flag("--history", args->history,
                  "CSV of every completion ever recorded instead of the status per course");
    cmd->add_option("--packages", args->packages,
                    "Folder of the course packages (.wmpkg) learners were trained on: only "
                    "completions on one signed by a trusted key (--trust) count; the others "
                    "show as untrusted, whatever the device recorded");
    add_trust_options(*cmd, args->trust, "a publisher whose packages in --packages are trusted");
    cmd->callback([args, &ctx] { ctx.exit_code = run(*args); });
}

}  // namespace waymark::cli
