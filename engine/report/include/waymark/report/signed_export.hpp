// waymark/report/signed_export.hpp: detached signatures that let an auditor trust a file.
//
// Every export FILE gets FILE.sig: its size and SHA-256, the ledger checkpoint it
// reflects (with the checkpoint's own signature, so an auditor can keep it as a witness
// of the ledger), and an Ed25519 signature over all of that by the ledger's device key.
// Anyone with the file, its .sig and the device's public key can check, offline, that not
// one byte changed since that device wrote it, and which checkpoint vouches for it. The
// format is in docs/report-schema.md ("Signed exports"). write_signed_export.hpp is the
// one sequence that writes an export and its .sig.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/package/trust.hpp"

namespace waymark::report {

// The format written now; verify_export() also reads version 1.
inline constexpr int kExportSignatureFormat = 2;

struct ExportSignature {
    int format = kExportSignatureFormat;  // 1: an older file, without checkpoint-reason/-signature
    std::string file;                     // the export's file name (no folder)
    std::uintmax_t size = 0;
    std::string sha256;  // hex
    std::string device_id;
    Ed25519PublicKey key;
    std::int64_t checkpoint_seq = 0;
    std::string checkpoint_head;
    std::string checkpoint_time;
    // Version 2: the checkpoint as the ledger signed it, so that it can be compared with
    // the ledger's own checkpoints (and kept by a witness) without trusting this file.
    std::string checkpoint_reason;
    Ed25519Signature checkpoint_signature{};
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
// signature is then in place before the export replaces an older one. Use
// write_signed_export(), which does this in the right order, rather than calling it.
Result<ExportSignature> sign_export(const std::filesystem::path& file, const ledger::Ledger& ledger,
                                    const ledger::Checkpoint& checkpoint,
                                    const Ed25519SecretKey& key,
                                    const std::filesystem::path& contents = {});

struct ExportVerification {
    ExportSignature signature;
    // Empty: the file is exactly what the key in the .sig signed. Each entry says what
    // was altered.
    std::vector<std::string> problems;
    // The key that signed it is one the caller trusts. The key written in the .sig says
    // nothing on its own: anyone can edit a report and sign it again with a key of their
    // own making, copying the real device id.
    bool key_trusted = false;
    bool intact() const { return problems.empty(); }
    bool ok() const { return intact() && key_trusted; }
};

// Reads FILE.sig and checks FILE against it, and the signing key against `trusted`. A
// mismatch or an untrusted key is in the result; the Result is an error only when FILE
// or FILE.sig cannot be read or the .sig is malformed.
Result<ExportVerification> verify_export(const std::filesystem::path& file,
                                         const package::TrustStore& trusted);

}  // namespace waymark::report
