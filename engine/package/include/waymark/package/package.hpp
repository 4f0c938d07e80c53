// waymark/package/package.hpp: signed course packages (.wmpkg): pack, open safely, trust.
//
// A .wmpkg is a zip holding, in this order, manifest.json (see manifest.hpp),
// manifest.sig (see signature.hpp) and the course files under their relative paths.
// write_package() makes one from a course folder; open_package() reads one into memory,
// treating it as hostile: nothing is ever written to disk, every path is checked, every
// file is matched against its size and SHA-256 in the signed manifest, and inflation
// stops as soon as a size or ratio limit is passed.
//
// Opening proves the package is intact and who signed it. Whether that signer is trusted
// is a separate question (Package::trust): a package by an unknown publisher may be
// previewed, but completions earned on it are not compliant and the ledger records that.
// "Verified" means both: open_package() succeeds and the signer is trusted
// (open_trusted_package() does both).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/package/manifest.hpp"
#include "waymark/package/signature.hpp"
#include "waymark/package/trust.hpp"

namespace waymark::package {

// Packs `files` (relative to `source_dir`, forward slashes, each a regular file, not a
// symbolic link) with a manifest summarising `course`, signed by `key`, into `out`.
// The result depends only on the inputs: the same folder packed twice gives identical
// bytes (fixed entry order, fixed 1980-01-01 timestamps, fixed permissions, no extra
// fields, deflate at zlib's default level or stored when deflate would not shrink the
// file; identical across machines with the same libzip and zlib). `out` is written to
// a temporary file and renamed, so a failed pack leaves any previous `out` untouched and
// never a partial file. Refuses unsafe or duplicate paths, the reserved names
// manifest.json and manifest.sig, strings that are not UTF-8, negative counts, and a
// package that open_package() would refuse with default limits.
Result<void> write_package(const std::filesystem::path& source_dir,
                           const std::vector<std::string>& files, const CourseSummary& course,
                           const Ed25519SecretKey& key, const std::filesystem::path& out);

// Limits on what open_package() will inflate. The defaults suit any real course; tests
// and fuzzing lower them.
struct OpenLimits {
    std::size_t max_entries = 10000;               // zip entries, manifest and signature included
    std::uint64_t max_total_bytes = 256ull << 20;  // inflated bytes, all entries together
    double max_ratio = 200;                        // inflated bytes per compressed byte
    std::uint64_t ratio_min_bytes = 1ull << 20;    // entries below this are exempt from max_ratio
};

enum class Trust { trusted, untrusted_key };

// An opened package: its manifest, signer and file contents, all verified against the
// manifest and the manifest against its signature. Immutable once opened.
class Package {
  public:
    using FileMap = std::map<std::string, std::string, std::less<>>;

    const Manifest& manifest() const { return manifest_; }
    // The exact bytes of manifest.json, as signed.
    const std::string& manifest_bytes() const { return manifest_bytes_; }
    const Ed25519PublicKey& signer() const { return signer_; }

    // The contents of the file at `path` (as listed in the manifest), or nullptr.
    const std::string* file(std::string_view path) const;
    // Every course file by path, in path order; manifest.json and manifest.sig excluded.
    const FileMap& files() const { return files_; }

    Trust trust(const TrustStore& store) const;
    bool trusted_by(const TrustStore& store) const { return trust(store) == Trust::trusted; }

  private:
    friend class PackageReader;
    Package() = default;

    Manifest manifest_;
    std::string manifest_bytes_;
    Ed25519PublicKey signer_;
    FileMap files_;
};

// Opens the package at `path` (see open_package_bytes). Errors name `path` in `where`.
Result<Package> open_package(const std::filesystem::path& path, const OpenLimits& limits = {});

// Opens a package held in memory, checking everything described at the top of this
// file. `name` is used in messages (usually the file name). Each refusal names the
// offending entry: ErrorCode::parse for a damaged zip, manifest or signature file,
// ErrorCode::invalid for an unsafe entry (path, symlink, duplicate, unlisted or missing
// file, encryption), ErrorCode::limit for a limit passed, ErrorCode::verification for a
// digest, size or signature that does not match. Never writes anything to disk.
Result<Package> open_package_bytes(std::string_view zip_bytes, const OpenLimits& limits = {},
                                   std::string_view name = "package");

// open_package(), then ErrorCode::untrusted unless `store` trusts the signer.
Result<Package> open_trusted_package(const std::filesystem::path& path, const TrustStore& store,
                                     const OpenLimits& limits = {});

}  // namespace waymark::package
