#include "waymark/report/signed_export.hpp"

#include "waymark/ledger/witness.hpp"

#include <fstream>
#include <map>

#include "waymark/core/files.hpp"
#include "waymark/core/keys.hpp"

namespace waymark::report {

namespace {

constexpr std::string_view kMagicV1 = "waymark-export-signature-v1";
constexpr std::string_view kMagicV2 = "waymark-export-signature-v2";

// The signed part of the .sig file: every line before "signature:". Version 1 files are
// still read, so that exports made before version 2 can be checked.
std::string signed_text(const ExportSignature& s) {
    std::string text = std::string(s.format == 1 ? kMagicV1 : kMagicV2) + "\nfile: " + s.file +
                       "\nsize: " + std::to_string(s.size) + "\nsha256: " + s.sha256 +
                       "\ndevice: " + s.device_id + "\nkey: " + to_hex(s.key.bytes) +
                       "\ncheckpoint-seq: " + std::to_string(s.checkpoint_seq) +
                       "\ncheckpoint-head: " + s.checkpoint_head +
                       "\ncheckpoint-time: " + s.checkpoint_time + "\n";
    if (s.format != 1)
        text += "checkpoint-reason: " + s.checkpoint_reason +
                "\ncheckpoint-signature: " + to_hex(s.checkpoint_signature) + "\n";
    return text;
}

Result<std::pair<std::uintmax_t, std::string>> digest_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::not_found, "cannot open the export; check the file name",
                          file.string());
    Sha256 hash;
    std::uintmax_t size = 0;
    std::string buffer(1 << 16, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        hash.update(std::string_view(buffer.data(), n));
        size += n;
    }
    return std::pair{size, to_hex(hash.finish())};
}

Error malformed(const std::filesystem::path& sig, const std::string& what) {
    return make_error(ErrorCode::parse,
                      "this is not a Waymark export signature (" + what +
                          "); export the report again to get a new one",
                      sig.string());
}

}  // namespace

std::filesystem::path signature_path(const std::filesystem::path& file) {
    return std::filesystem::path(file.string() + ".sig");
}

Result<Ed25519SecretKey> device_secret_key(const ledger::Ledger& ledger) {
    const std::filesystem::path key_file = ledger.path().string() + ".key";
    auto key = read_secret_key(key_file);
    if (!key)
        return key.error();
    if (key->public_key() != ledger.device_public_key())
        return make_error(ErrorCode::verification,
                          "this key is not the device key of the ledger " + ledger.path().string() +
                              "; restore the ledger's own key from backup",
                          key_file.string());
    return key;
}

Result<ExportSignature> sign_export(const std::filesystem::path& file, const ledger::Ledger& ledger,
                                    const ledger::Checkpoint& checkpoint,
                                    const Ed25519SecretKey& key,
                                    const std::filesystem::path& contents) {
    auto digest = digest_file(contents.empty() ? file : contents);
    if (!digest)
        return digest.error();
    ExportSignature s;
    s.file = file.filename().string();
    s.size = digest->first;
    s.sha256 = digest->second;
    s.device_id = ledger.device_id();
    s.key = key.public_key();
    s.checkpoint_seq = checkpoint.seq;
    s.checkpoint_head = to_hex(checkpoint.head_hash);
    s.checkpoint_time = checkpoint.time;
    s.checkpoint_reason = checkpoint.reason;
    s.checkpoint_signature = checkpoint.signature;
    const std::string text = signed_text(s);
    s.signature = sign(key, text);
    if (auto r = write_file_atomic(signature_path(file),
                                   text + "signature: " + to_hex(s.signature) + "\n");
        !r)
        return r.error();
    return s;
}

Result<ExportVerification> verify_export(const std::filesystem::path& file,
                                         const package::TrustStore& trusted) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return make_error(ErrorCode::not_found, "there is no such export; check the file name",
                          file.string());
    const auto sig_file = signature_path(file);
    auto text = read_file(sig_file, 64 * 1024);
    if (!text) {
        Error e = text.error();
        if (e.code == ErrorCode::not_found || e.code == ErrorCode::io)
            e.message = "there is no signature " + sig_file.filename().string() +
                        " beside the export; it must travel with the file";
        return e;
    }
    std::map<std::string, std::string, std::less<>> fields;
    std::string_view rest = *text;
    int format = 0;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        if (end == std::string_view::npos)
            return malformed(sig_file, "the last line is unfinished");
        const std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end + 1);
        if (format == 0) {
            if (line != kMagicV1 && line != kMagicV2)
                return malformed(sig_file, "the first line is not " + std::string(kMagicV2));
            format = line == kMagicV1 ? 1 : 2;
            continue;
        }
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos)
            return malformed(sig_file, "a line has no \"name: value\"");
        fields.emplace(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
    }
    std::vector<const char*> required = {
        "file",     "size",           "sha256",          "device",
        "key",      "checkpoint-seq", "checkpoint-head", "checkpoint-time",
        "signature"};
    if (format == 2) {
        required.push_back("checkpoint-reason");
        required.push_back("checkpoint-signature");
    }
    for (const char* name : required)
        if (!fields.count(name))
            return malformed(sig_file, std::string("\"") + name + "\" is missing");
    ExportVerification v;
    ExportSignature& s = v.signature;
    s.format = format;
    s.file = fields["file"];
    s.sha256 = fields["sha256"];
    s.device_id = fields["device"];
    s.checkpoint_head = fields["checkpoint-head"];
    s.checkpoint_time = fields["checkpoint-time"];
    s.checkpoint_reason = fields["checkpoint-reason"];
    try {
        s.size = std::stoull(fields["size"]);
        s.checkpoint_seq = std::stoll(fields["checkpoint-seq"]);
    } catch (const std::exception&) {
        return malformed(sig_file, "a number is not a number");
    }
    if (!from_hex(fields["key"], s.key.bytes) || !from_hex(fields["signature"], s.signature) ||
        (format == 2 && !from_hex(fields["checkpoint-signature"], s.checkpoint_signature)))
        return malformed(sig_file, "a key or signature is not hex of the right length");
    // The signed text is rebuilt from the parsed fields, so any edit to the .sig breaks it.
    if (signed_text(s) + "signature: " + fields["signature"] + "\n" != *text)
        v.problems.push_back("the signature file has been edited or reordered");
    else if (!verify(s.key, signed_text(s), s.signature))
        v.problems.push_back("the signature does not match: the .sig file has been altered");
    // The checkpoint's own signature, by the same device key: what a witness keeps and
    // what the ledger's checkpoints table holds.
    Sha256Digest head{};
    if (format == 2 && (!from_hex(s.checkpoint_head, head) ||
                        !verify(s.key,
                                ledger::checkpoint_message(s.device_id, s.checkpoint_seq, head,
                                                           s.checkpoint_time, s.checkpoint_reason),
                                s.checkpoint_signature)))
        v.problems.push_back(
            "the checkpoint's signature does not match its sequence, head, time and reason: "
            "the ledger did not sign this checkpoint");
    if (s.file != file.filename().string())
        v.problems.push_back("the signature is for \"" + s.file + "\", not \"" +
                             file.filename().string() + "\"");
    auto digest = digest_file(file);
    if (!digest)
        return digest.error();
    if (digest->first != s.size || digest->second != s.sha256)
        v.problems.push_back("the file has changed since it was signed (" +
                             std::to_string(digest->first) + " bytes now, " +
                             std::to_string(s.size) + " when signed)");
    v.key_trusted = trusted.trusts(s.key);
    return v;
}

}  // namespace waymark::report
