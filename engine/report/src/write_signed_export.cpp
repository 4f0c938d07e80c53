#include "waymark/report/write_signed_export.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "waymark/core/files.hpp"

namespace waymark::report {

namespace {

Error unchanged(Error e, const std::filesystem::path& output) {
    e.message += "; the export was not written, and any earlier " + output.filename().string() +
                 " and its .sig are unchanged";
    return e;
}

// The bytes of an existing FILE.sig, so that it can be put back if the new export
// cannot be moved into place after its signature was written. None: there was none.
std::optional<std::string> earlier_signature(const std::filesystem::path& sig) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(sig, ec))
        return std::nullopt;
    std::ifstream in(sig, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// The evidence check, the checkpoint the export reflects and the export's content, in one
// write transaction: no other program can commit while it is open, so the content is
// the state that was checked (a row slipped into the file between the check and the
// export would otherwise be exported unchecked). Any failure rolls the checkpoint back:
// a ledger whose rows were edited behind the chain's back exports nothing, and no
// checkpoint vouches for it.
Result<ledger::Checkpoint> check_then_write(ledger::Ledger& ledger, OutputFile& out,
                                            const WriteExportContent& write) {
    std::optional<ledger::Checkpoint> checkpoint;
    auto r = ledger.in_one_transaction([&]() -> Result<void> {
        if (auto sound = ledger::refuse_unless_evidence(ledger); !sound)
            return sound;
        auto c = ledger.checkpoint("export");
        if (!c)
            return c.error();
        if (auto w = write(*c, out); !w)
            return w;
        checkpoint = std::move(*c);
        return {};
    });
    if (!r)
        return r.error();
    return std::move(*checkpoint);
}

}  // namespace

Result<SignedExport> write_signed_export(ledger::Ledger& ledger,
                                         const std::filesystem::path& output,
                                         const WriteExportContent& write) {
    // ---- Step 1: what can refuse before the ledger is read --------------------------
    auto key = device_secret_key(ledger);
    if (!key)
        return unchanged(key.error(), output);
    auto out = OutputFile::create(output);
    if (!out)
        return unchanged(out.error(), output);

    // ---- Steps 2 and 3: the evidence check, the checkpoint and the content -----------
    auto checkpoint = check_then_write(ledger, *out, write);
    if (!checkpoint)
        return unchanged(checkpoint.error(), output);

    // ---- Step 4: finish, sign the finished bytes, and only then replace the target ----
    // Signed before it replaces the old export: a signature that cannot be written
    // leaves the old export and its .sig together.
    if (auto r = out->finish(); !r)
        return unchanged(r.error(), output);
    const auto sig_file = signature_path(output);
    const auto earlier = earlier_signature(sig_file);
    auto sig = sign_export(output, ledger, *checkpoint, *key, out->temporary_path());
    if (!sig)
        return unchanged(sig.error(), output);
    if (auto r = out->commit(); !r) {
        // The new .sig is already in place: put the earlier one back, so the old export
        // still verifies.
        std::error_code ec;
        const bool restored = earlier ? bool(write_file_atomic(sig_file, *earlier))
                                      : std::filesystem::remove(sig_file, ec) || !ec;
        if (!restored) {
            Error e = r.error();
            e.message += "; the export was not written, but " + sig_file.filename().string() +
                         " now belongs to it and no longer to the earlier " +
                         output.filename().string() + ": export again";
            return e;
        }
        return unchanged(r.error(), output);
    }
    return SignedExport{std::move(*checkpoint), std::move(*sig)};
}

Result<ledger::Checkpoint> write_unsigned_export(ledger::Ledger& ledger, std::FILE* stream,
                                                 const WriteExportContent& write) {
    // The whole export is spooled first (XLSX can only be written to a named file), in
    // the temporary folder; the OutputFile removes it when it goes.
    std::error_code ec;
    std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
    if (ec)
        folder = "/tmp";
    auto spool = OutputFile::create(folder / "waymark-report");
    if (!spool)
        return spool.error();
    auto checkpoint = check_then_write(ledger, *spool, write);
    if (!checkpoint)
        return checkpoint.error();
    if (auto r = spool->finish(); !r)
        return r.error();
    std::ifstream in(spool->temporary_path(), std::ios::binary);
    // Unlinked while open: a reader that stops early (`| head`) ends this process with
    // SIGPIPE before any destructor runs, and the spool must not outlive it.
    std::filesystem::remove(spool->temporary_path(), ec);
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n > 0 && std::fwrite(buffer, 1, n, stream) != n)
            break;
    }
    if (!in.eof() || std::fflush(stream) != 0 || std::ferror(stream))
        return make_error(ErrorCode::io,
                          std::string("writing the report to standard output failed: ") +
                              std::strerror(errno) + "; write the report to a file instead");
    return std::move(*checkpoint);
}

}  // namespace waymark::report
