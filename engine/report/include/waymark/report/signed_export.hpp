// waymark/report/signed_export.hpp: detached signatures that let an auditor trust a file.
//
// Every export FILE gets FILE.sig: its size and SHA-256, the ledger checkpoint it
// reflects, and an Ed25519 signature over all of that by the ledger's device key. Anyone
// with the file and its .sig can check, offline, that not one byte changed since the
// device wrote it, and which device key and checkpoint vouch for it. The format is in
// docs/report-schema.md ("Signed exports").
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::report {

struct ExportSignature {
    std::string file;  // the export's file name (no folder)
    std::uintmax_t size = 0;
    std::string sha256;  // hex
    std::string device_id;
    Ed25519PublicKey key;
    std::int64_t checkpoint_seq = 0;
    std::string checkpoint_head;
    std::string checkpoint_time;
    Ed25519Signature signature{};
};

// FILE.sig for FILE.
std::filesystem::path signature_path(const std::filesystem::path& file);

// The ledger's device secret key (NAME.key beside the ledger), checked against the
// ledger's public key. ErrorCode::not_found / verification say which file and the fix.
Result<Ed25519SecretKey> device_secret_key(const ledger::Ledger& ledger);

// Writes FILE.sig (atomically) for the finished export `file`, vouching for
// `checkpoint`, signed with `key`. `contents`, when given, is where the finished bytes
// are until they become `file` (an OutputFile's temporary_path() after finish()): the
// signature is then in place before the export replaces an older one, so a signature
// that cannot be written leaves the older export and its .sig as they were.
Result<ExportSignature> sign_export(const std::filesystem::path& file, const ledger::Ledger& ledger,
                                    const ledger::Checkpoint& checkpoint,
                                    const Ed25519SecretKey& key,
                                    const std::filesystem::path& contents = {});

struct ExportVerification {
    ExportSignature signature;
    std::vector<std::string> problems;  // empty: the file is exactly what was signed
    bool ok() const { return problems.empty(); }
};

// Reads FILE.sig and checks FILE against it. A mismatch is a problem in the result; the
// Result is an error only when FILE or FILE.sig cannot be read or the .sig is malformed.
Result<ExportVerification> verify_export(const std::filesystem::path& file);

}  // namespace waymark::report
