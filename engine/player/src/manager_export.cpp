// The manager area's exports: the CLI's signed reports and certificates, on a worker.
#include <cctype>
#include <system_error>
#include <utility>

#include "waymark/player/manager.hpp"
#include "waymark/report/certificate.hpp"
#include "waymark/report/csv.hpp"
#include "waymark/report/export_info.hpp"
#include "waymark/report/html_export.hpp"
#include "waymark/report/signed_export.hpp"
#include "waymark/report/write_signed_export.hpp"
#include "waymark/report/xlsx_export.hpp"

namespace waymark::player {

namespace fs = std::filesystem;

namespace {

// Letters and digits kept, runs of anything else one hyphen: "Early help" -> "early-help".
std::string slug(std::string_view text, bool keep_case = false) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            out += keep_case ? c : static_cast<char>(std::tolower(u));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

const char* extension(ExportKind kind) {
    switch (kind) {
        case ExportKind::csv:
            return ".csv";
        case ExportKind::xlsx:
            return ".xlsx";
        case ExportKind::html:
            return ".html";
        case ExportKind::certificates:
        case ExportKind::certificates_in_one_file:
            return ".pdf";
    }
    return "";
}

bool is_certificates(ExportKind kind) {
    return kind == ExportKind::certificates || kind == ExportKind::certificates_in_one_file;
}

// Keeps the export's done and total up to date for the screen, and stops the writer
// once Cancel is pressed.
report::ExportProgress watched(std::atomic<std::int64_t>& done, std::atomic<std::int64_t>& total,
                               const std::atomic<bool>& cancel) {
    return [&](std::int64_t now_done, std::int64_t of) {
        done = now_done;
        total = of;
        return !cancel;
    };
}

// The certificates the rows call for, noting those skipped in `outcome` and how many
// there are to write in `total`.
report::CertificateList list_certificates(const report::StatusMatrix& matrix,
                                          const report::RowFilter& filter, ExportOutcome& outcome,
                                          std::atomic<std::int64_t>& total) {
    auto list = report::certificates_for(matrix, filter);
    outcome.skipped = list.skipped;
    total = static_cast<std::int64_t>(list.wanted.size());
    return list;
}

// An export that stopped early: by Cancel (the writer's error then only says it was
// asked to stop) or by `error`.
ExportOutcome stopped(ExportOutcome result, const Error& error, bool cancelled) {
    result.cancelled = cancelled;
    if (!cancelled)
        result.error = error;
    return result;
}

std::string with_commas(std::int64_t n) {
    std::string digits = std::to_string(n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

// "1 certificate", "12 certificates".
std::string count_of(std::size_t n, const std::string& thing) {
    return with_commas(static_cast<std::int64_t>(n)) + " " + thing + (n == 1 ? "" : "s");
}

// The first few file names, and how many more: a long list would fill the screen.
std::string file_list(const std::vector<fs::path>& files) {
    constexpr std::size_t kNamed = 3;
    std::string out;
    for (std::size_t i = 0; i < files.size() && i < kNamed; ++i)
        out += (i ? ", " : "") + files[i].filename().string();
    if (files.size() > kNamed)
        out += " and " + with_commas(static_cast<std::int64_t>(files.size() - kNamed)) + " more";
    return out;
}

}  // namespace

const char* export_label(ExportKind kind) {
    switch (kind) {
        case ExportKind::csv:
            return "CSV";
        case ExportKind::xlsx:
            return "XLSX";
        case ExportKind::html:
            return "HTML";
        case ExportKind::certificates:
            return "PDF certificates, one per learner";
        case ExportKind::certificates_in_one_file:
            return "PDF certificates, one file";
    }
    return "";
}

std::string export_file_name(ExportKind kind, const report::RowFilter& filter, UtcTime as_of) {
    std::string name = (is_certificates(kind) ? "waymark-certificates-" : "waymark-report-") +
                       format_iso8601(as_of).substr(0, 10);
    for (const std::string& part : {filter.team, filter.course, filter.role})
        if (!part.empty())
            name += "-" + slug(part);
    if (filter.status)
        name += std::string("-") + report::to_string(*filter.status);
    if (filter.required == false)
        name += "-optional";
    return name + extension(kind);
}

std::string certificate_file_name(std::string_view staff_id, std::string_view course_id) {
    return "certificate-" + slug(staff_id, true) + "-" + slug(course_id) + ".pdf";
}

ManagerExport::ManagerExport(fs::path ledger_path, ExportRequest request)
    : ledger_path_(std::move(ledger_path)), request_(std::move(request)) {
    worker_ = std::thread([this] { run(); });
}

ManagerExport::~ManagerExport() {
    cancel_ = true;
    if (worker_.joinable())
        worker_.join();
}

ExportOutcome ManagerExport::outcome() const {
    std::lock_guard lock(mutex_);
    return outcome_;
}

void ManagerExport::run() {
    ExportOutcome result = write();
    {
        std::lock_guard lock(mutex_);
        outcome_ = std::move(result);
    }
    finished_ = true;
}

ExportOutcome ManagerExport::write() {
    ExportOutcome result;
    if (request_.folder.empty()) {
        result.error = make_error(ErrorCode::usage,
                                  "no folder is given for the export; type the folder to write "
                                  "it to, such as your Documents folder");
        return result;
    }
    std::error_code ec;
    fs::create_directories(request_.folder, ec);
    if (ec) {
        result.error = make_error(
            ErrorCode::io,
            "cannot create the folder (" + ec.message() + "); choose a folder you can write to",
            request_.folder.string());
        return result;
    }
    // Its own connection: the player's stays on the drawing thread.
    ledger::OpenOptions options;
    options.create = false;
    auto ledger = ledger::Ledger::open(ledger_path_, options);
    if (!ledger) {
        result.error = ledger.error();
        return result;
    }
    // The rows as the area showed them: the same as-of day and filter.
    report::StatusOptions as_shown;
    as_shown.as_of = request_.as_of;
    auto matrix = report::StatusMatrix::load(*ledger, as_shown);
    if (!matrix) {
        result.error = matrix.error();
        return result;
    }
    if (auto r = matrix->check(request_.filter); !r) {
        result.error = r.error();
        return result;
    }
    switch (request_.kind) {
        case ExportKind::certificates:
            return write_certificates(*ledger, *matrix);
        case ExportKind::certificates_in_one_file:
            return write_certificate_file(*ledger, *matrix);
        default:
            return write_report(*ledger, *matrix);
    }
}

ExportOutcome ManagerExport::write_report(ledger::Ledger& ledger,
                                          const report::StatusMatrix& matrix) {
    ExportOutcome result;
    const report::RowFilter& filter = request_.filter;
    total_ = matrix.count_rows(filter);
    // As `waymark report`: refused before the checkpoint is taken.
    if (request_.kind == ExportKind::xlsx && total_ > report::kXlsxRowLimit) {
        result.error = make_error(ErrorCode::usage,
                                  "the report has " + std::to_string(total_.load()) +
                                      " rows, more than an Excel sheet holds; choose a team or "
                                      "course, or export CSV");
        return result;
    }
    const fs::path file = request_.folder / export_file_name(request_.kind, filter, request_.as_of);
    const auto progress = watched(done_, total_, cancel_);
    auto exported = report::write_signed_export(
        ledger, file,
        [&](const ledger::Checkpoint& checkpoint, report::OutputFile& out) -> Result<void> {
            if (cancel_)
                return report::export_stopped();
            const auto info = report::export_info(ledger, checkpoint, filter);
            switch (request_.kind) {
                case ExportKind::csv:
                    // Shaped for Excel, which is where a manager opens it (`--excel`).
                    if (!report::write_status_csv(matrix, filter, {true}, out, progress))
                        return report::export_stopped();
                    break;
                case ExportKind::xlsx:
                    if (auto r = report::write_status_xlsx(matrix, info, out, progress); !r)
                        return r;
                    break;
                case ExportKind::html:
                    // No rows to count: its lists stop at kHtmlListLimit people each.
                    report::write_status_html(matrix, info, out);
                    break;
                case ExportKind::certificates:
                case ExportKind::certificates_in_one_file:
                    break;
            }
            // Checked once more before the file is signed and put in place.
            if (cancel_)
                return report::export_stopped();
            return {};
        });
    if (!exported) {
        return stopped(std::move(result), exported.error(), cancel_);
    }
    done_ = total_.load();
    result.files.push_back(file);
    return result;
}

ExportOutcome ManagerExport::write_certificates(ledger::Ledger& ledger,
                                                const report::StatusMatrix& matrix) {
    ExportOutcome result;
    const auto list = list_certificates(matrix, request_.filter, result, total_);
    if (list.wanted.empty())
        return result;
    // Issued together, after one evidence check (one per certificate was a check of the
    // whole ledger per learner); then each drawn to a file of its own.
    auto certificates =
        report::issue_certificates(ledger, list.wanted, [this](auto, auto) { return !cancel_; });
    if (!certificates) {
        return stopped(std::move(result), certificates.error(), cancel_);
    }
    report::name_courses(*certificates, request_.titles);
    // In the order asked for, so each is named by the staff id as listed.
    for (std::size_t i = 0; i < certificates->size(); ++i) {
        if (cancel_) {
            result.cancelled = true;
            return result;
        }
        const auto& c = (*certificates)[i];
        const fs::path file =
            request_.folder / certificate_file_name(list.wanted[i].staff_id, c.course_id);
        auto out = report::OutputFile::create(file);
        Result<void> written = out ? report::render_certificate_pdf(c, *out) : out.error();
        if (written)
            written = out->commit();
        if (!written) {
            result.error = written.error();
            return result;
        }
        result.files.push_back(file);
        ++done_;
    }
    return result;
}

ExportOutcome ManagerExport::write_certificate_file(ledger::Ledger& ledger,
                                                    const report::StatusMatrix& matrix) {
    ExportOutcome result;
    const auto list = list_certificates(matrix, request_.filter, result, total_);
    if (list.wanted.empty())
        return result;
    const fs::path file =
        request_.folder / export_file_name(request_.kind, request_.filter, request_.as_of);
    auto saved = report::save_certificates_pdf(ledger, list.wanted, file, request_.titles,
                                               watched(done_, total_, cancel_));
    if (!saved) {
        return stopped(std::move(result), saved.error(), cancel_);
    }
    result.files.push_back(file);
    result.certificates = static_cast<std::int64_t>(saved->size());
    return result;
}

std::string ManagerExport::message() const {
    const bool certificates = is_certificates(request_.kind);
    const bool one_file = request_.kind == ExportKind::certificates_in_one_file;
    if (!finished_) {
        if (cancel_)
            return "Cancelling...";
        if (total_ == 0)
            return "Reading the training records...";
        return (certificates
                    ? "Writing certificates: " + with_commas(done_) + " of " + with_commas(total_)
                    : std::string("Writing the ") + export_label(request_.kind) + " report: " +
                          with_commas(done_) + " of " + with_commas(total_) + " rows") +
               "...";
    }
    const ExportOutcome o = outcome();
    std::string text;
    if (o.error)
        text = "The export did not finish. " + o.error->describe() + ".";
    else if (o.cancelled && o.files.empty())
        text = "Cancelled. Nothing was written.";
    else if (o.cancelled)
        text = "Cancelled after " + count_of(o.files.size(), "certificate") +
               "; each one written is whole.";
    else if (certificates && o.files.empty())
        text = "No certificates were written: nobody listed holds a current completion.";
    else if (one_file)
        text = "Wrote " + count_of(static_cast<std::size_t>(o.certificates), "certificate") +
               ", one page each, in " + o.files.front().string() +
               ". Each prints a verification code that anyone can check against this "
               "device's records (waymark certificate verify).";
    else if (!certificates)
        text = "Wrote " + o.files.front().string() + " and " +
               report::signature_path(o.files.front()).string() +
               ". The .sig file beside the report lets an auditor check that it is exactly what "
               "this device signed (waymark verify-export).";
    else
        text = "Wrote " + count_of(o.files.size(), "certificate") + " to " +
               request_.folder.string() + ": " + file_list(o.files) +
               ". Each prints a verification code that anyone can check against this "
               "device's records (waymark certificate verify).";
    // Who was left out matters only when the certificates were written.
    if (certificates && o.skipped > 0 && !o.cancelled && !o.error)
        text += " " + count_of(static_cast<std::size_t>(o.skipped), "row") +
                " listed had no current completion to certify.";
    return text;
}

}  // namespace waymark::player
