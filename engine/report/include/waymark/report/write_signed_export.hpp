// waymark/report/write_signed_export.hpp: the one sequence that writes an export an
// auditor can rely on.
//
// Every export (CSV, XLSX, JSON, HTML) is written the same way: in one write transaction,
// check the ledger's evidence (Ledger::check_evidence), take a fresh "export" checkpoint
// and write the content for that checkpoint to a temporary file beside the target, so
// the content is the state that was checked; then sync it, sign it (FILE.sig, see
// signed_export.hpp) and only then move it into place. The write lock is held while the
// content is written: the player's writes wait for it, within their busy timeout. Whatever step
// fails, an earlier FILE and its FILE.sig are left as they were: only a crash between the last two
// steps can leave a new .sig beside the old file, which verify_export() then reports.
//
// An export for standard output (write_unsigned_export) takes the same steps but the
// signature: nothing can stand beside a stream to carry it.
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>

#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/signed_export.hpp"

namespace waymark::report {

// Writes the export's bytes into `out` (not finishing or committing it), for the
// checkpoint the export reflects. An error stops the export; that is also how an export
// is cancelled part-way: the writer's ExportProgress returns false, the writer stops and
// this returns export_stopped() (export_progress.hpp), and nothing is written.
using WriteExportContent =
    std::function<Result<void>(const ledger::Checkpoint& checkpoint, OutputFile& out)>;

struct SignedExport {
    ledger::Checkpoint checkpoint;
    ExportSignature signature;
};

// Writes `output` with `write` and signs it with the ledger's device key. Errors name the
// file and the fix, and say that any earlier export is unchanged. Everything that can
// refuse the export (the device key, the output folder, the evidence check, the content)
// does so before the transaction commits, so such a refusal leaves no "export"
// checkpoint in the ledger.
Result<SignedExport> write_signed_export(ledger::Ledger& ledger,
                                         const std::filesystem::path& output,
                                         const WriteExportContent& write);

// The export for a stream (`waymark report` without -o): the evidence check and an
// "export" checkpoint as above, the content written whole to a temporary file and only
// then copied to `stream`, so that a refused or failed export prints nothing. Not
// signed. Returns the checkpoint the export reflects.
Result<ledger::Checkpoint> write_unsigned_export(ledger::Ledger& ledger, std::FILE* stream,
                                                 const WriteExportContent& write);

}  // namespace waymark::report
