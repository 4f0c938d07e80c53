#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <optional>
#include <thread>
#include <unordered_map>

#include "entry_stream.hpp"
#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"
#include "zip_handles.hpp"

namespace waymark::package {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifestName = "manifest.json";
constexpr std::string_view kSignatureName = "manifest.sig";
constexpr std::uint64_t kMaxManifestBytes = 16u << 20;
constexpr std::uint64_t kMaxSignatureBytes = 4096;
// Small enough that a chunk is still in cache when it is hashed.
constexpr std::size_t kChunk = 256u << 10;
// Below this many listed bytes, starting threads costs more than it saves.
constexpr std::uint64_t kParallelMinBytes = 4u << 20;
constexpr unsigned kMaxThreads = 8;
// Zip headers per entry (local and central, with name and extra fields) bound how much
// larger than its contents a package file may honestly be.
constexpr std::uint64_t kMaxOverheadPerEntry = 2 * (46 + 512 + 256);

struct EntryInfo {
    zip_uint64_t index = 0;
    std::string name;
    std::uint64_t compressed_size = 0;
    bool deflated = false;  // otherwise stored
};

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    return a > std::numeric_limits<std::uint64_t>::max() - b
               ? std::numeric_limits<std::uint64_t>::max()
               : a + b;
}

// Opens a read-only zip over `zip_bytes`, which must outlive the archive.
ZipArchive open_zip(std::string_view zip_bytes, int flags, ZipError& error) {
    zip_source_t* source =
        zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, error.get());
    if (!source)
        return nullptr;
    ZipArchive archive(zip_open_from_source(source, flags, error.get()));
    if (!archive)
        zip_source_free(source);  // a failed open leaves the source to us
    return archive;
}

}  // namespace

// Reads and checks one package; a class so the steps share the archive, the limits and
// the running count of inflated bytes.
class PackageReader {
  public:
    PackageReader(std::string_view name, const OpenLimits& limits) : name_(name), limits_(limits) {}

    Result<Package> read(std::string_view zip_bytes);

  private:
    Error refuse(ErrorCode code, std::string message) const {
        return make_error(code, std::move(message), name_);
    }
    Error unsafe(const std::string& entry, std::string_view problem) const {
        return refuse(ErrorCode::invalid, "entry " + quote_for_message(entry) + " " +
                                              std::string(problem) +
                                              "; this package is unsafe and was not opened");
    }

    Result<void> list_entries();
    Result<void> check_entry(zip_uint64_t index, EntryInfo& info);
    const EntryInfo* find_entry(std::string_view name) const;
    // Inflates one entry of `archive` in chunks into memory, stopping as soon as it
    // passes `max_size` or a limit, whatever sizes the zip declares; feeds `hash` on the way.
    Result<std::string> inflate(zip_t* archive, const EntryInfo& entry, std::uint64_t max_size,
                                std::string_view too_large, Sha256* hash = nullptr);
    // Inflates and checks every listed file against its size and digest, on several
    // threads for a large package (each with its own zip_t over the same bytes). Reports
    // the problem with the first file in manifest order, whatever the scheduling.
    Result<void> verify_files(std::string_view zip_bytes, const Manifest& manifest,
                              Package::FileMap& out);
    Result<std::string> verify_file(zip_t* archive, const FileEntry& file);

    std::string name_;
    OpenLimits limits_;
    ZipArchive archive_;
    std::vector<EntryInfo> entries_;                             // in zip order
    std::unordered_map<std::string_view, std::size_t> by_name_;  // views into entries_
    std::atomic<std::uint64_t> inflated_total_ = 0;
};

Result<Package> PackageReader::read(std::string_view zip_bytes) {
    crypto_init();
    // libzip takes zero bytes for an empty archive; say what most likely happened.
    if (zip_bytes.empty())
        return refuse(ErrorCode::parse,
                      "is empty (0 bytes); the copy or download did not finish, so get a fresh "
                      "copy from the publisher");
    ZipError error;
    archive_ = open_zip(zip_bytes, ZIP_RDONLY | ZIP_CHECKCONS, error);
    if (!archive_) {
        // libzip refuses a repeated name without saying which; open again without its
        // consistency checks so that list_entries() can name the entry.
        ZipError lenient_error;
        if (zip_error_code_zip(error.get()) == ZIP_ER_EXISTS)
            archive_ = open_zip(zip_bytes, ZIP_RDONLY, lenient_error);
        if (!archive_)
            return refuse(ErrorCode::parse, std::string("not a Waymark package or damaged (") +
                                                error.message() +
                                                "); get a fresh copy from the publisher");
        if (auto r = list_entries(); !r)
            return r.error();
        return refuse(ErrorCode::invalid,
                      "has two entries with the same name; this package is unsafe and was not "
                      "opened");
    }
    if (auto r = list_entries(); !r)
        return r.error();

    const EntryInfo* manifest_entry = find_entry(kManifestName);
    const EntryInfo* signature_entry = find_entry(kSignatureName);
    if (!manifest_entry)
        return refuse(ErrorCode::parse,
                      "has no manifest.json, so it is not a Waymark package or was damaged");
    if (!signature_entry)
        return refuse(ErrorCode::parse,
                      "has no manifest.sig, so nobody vouches for its content; ask the "
                      "publisher for a signed package");

    auto signature_text = inflate(archive_.get(), *signature_entry, kMaxSignatureBytes,
                                  "is larger than a signature can be");
    if (!signature_text)
        return signature_text.error();
    auto signature = parse_signature_file(*signature_text);
    if (!signature)
        return refuse(ErrorCode::parse, signature.error().message);

    const std::uint64_t max_manifest = std::min(kMaxManifestBytes, limits_.max_total_bytes);
    auto manifest_bytes = inflate(
        archive_.get(), *manifest_entry, max_manifest,
        "is larger than the " + std::to_string(max_manifest) + " bytes a manifest may have");
    if (!manifest_bytes)
        return manifest_bytes.error();
    if (!verify(signature->signer, *manifest_bytes, signature->signature))
        return refuse(ErrorCode::verification,
                      "the signature in manifest.sig does not match manifest.json: the package "
                      "was changed after it was signed; do not use it, get a fresh copy from "
                      "the publisher");

    auto manifest = parse_manifest(*manifest_bytes, kManifestName);
    if (!manifest)
        return refuse(manifest.error().code,
                      "manifest.json is malformed: " + manifest.error().describe());

    std::uint64_t listed_total = 0;
    for (const FileEntry& f : manifest->files)
        listed_total = saturating_add(listed_total, f.size);
    if (listed_total > limits_.max_total_bytes)
        return refuse(ErrorCode::limit, "manifest.json lists " + std::to_string(listed_total) +
                                            " bytes of files, more than the limit of " +
                                            std::to_string(limits_.max_total_bytes) +
                                            "; this package was not opened");

    auto listed = [&](std::string_view path) {
        return std::ranges::binary_search(
            manifest->files, path, std::ranges::less{},
            [](const FileEntry& f) -> std::string_view { return f.path; });
    };
    for (const EntryInfo& e : entries_) {
        if (e.name != kManifestName && e.name != kSignatureName && !listed(e.name))
            return unsafe(e.name, "is not listed in manifest.json");
    }
    for (const FileEntry& f : manifest->files) {
        if (!find_entry(f.path))
            return refuse(ErrorCode::invalid,
                          "manifest.json lists " + quote_for_message(f.path) +
                              " but the package does not contain it; the package is incomplete");
    }

    Package package;
    if (auto r = verify_files(zip_bytes, *manifest, package.files_); !r)
        return r.error();
    package.manifest_ = std::move(*manifest);
    package.manifest_bytes_ = std::move(*manifest_bytes);
    package.signer_ = signature->signer;
    return package;
}

Result<void> PackageReader::verify_files(std::string_view zip_bytes, const Manifest& manifest,
                                         Package::FileMap& out) {
    const auto& files = manifest.files;
    std::uint64_t listed_total = 0;
    for (const FileEntry& f : files)
        listed_total += f.size;  // bounded by max_total_bytes, checked by the caller
    const unsigned threads =
        listed_total < kParallelMinBytes
            ? 1
            : std::min<unsigned>({std::max(1u, std::thread::hardware_concurrency()), kMaxThreads,
                                  static_cast<unsigned>(files.size())});

    std::vector<std::optional<Result<std::string>>> results(files.size());
    std::atomic<std::size_t> next = 0;
    // Files after a known failure are skipped; files before it are all checked, so the
    // failure reported is always the first in manifest order.
    std::atomic<std::size_t> first_failure = files.size();
    auto work = [&](zip_t* archive) {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            if (i > first_failure.load())
                continue;
            results[i] = verify_file(archive, files[i]);
            if (!*results[i]) {
                std::size_t seen = first_failure.load();
                while (i < seen && !first_failure.compare_exchange_weak(seen, i)) {
                }
            }
        }
    };
    {
        std::vector<ZipArchive> archives;
        std::vector<std::jthread> workers;
        for (unsigned t = 1; t < threads; ++t) {
            ZipError error;
            archives.push_back(open_zip(zip_bytes, ZIP_RDONLY, error));
            if (!archives.back())
                break;  // the zip opened once already; fewer threads is still correct
            try {
                workers.emplace_back(work, archives.back().get());
            } catch (const std::system_error&) {
                break;  // no more threads available: the others share the work
            }
        }
        work(archive_.get());
    }  // joins the workers before their archives close
    if (first_failure < files.size())
        return results[first_failure]->error();
    for (std::size_t i = 0; i < files.size(); ++i)
        out.emplace_hint(out.end(), files[i].path, std::move(results[i]->value()));
    return {};
}

Result<std::string> PackageReader::verify_file(zip_t* archive, const FileEntry& f) {
    const std::string listed_size = std::to_string(f.size);
    Sha256 hash;
    auto data =
        inflate(archive, *find_entry(f.path), f.size,
                "is larger than the " + listed_size + " bytes listed in manifest.json", &hash);
    if (!data)
        return data;
    if (data->size() != f.size)
        return refuse(ErrorCode::verification,
                      "entry " + quote_for_message(f.path) + " has " +
                          std::to_string(data->size()) + " bytes, not the " + listed_size +
                          " listed in manifest.json; the package was changed after it was "
                          "signed");
    if (hash.finish() != f.sha256)
        return refuse(ErrorCode::verification,
                      "entry " + quote_for_message(f.path) +
                          " does not match its SHA-256 in manifest.json; the file was "
                          "changed after the package was signed");
    return data;
}

Result<void> PackageReader::list_entries() {
    const zip_int64_t count = zip_get_num_entries(archive_.get(), 0);
    if (count < 0)
        return refuse(ErrorCode::parse, "cannot list the entries of the zip");
    if (static_cast<std::uint64_t>(count) > limits_.max_entries)
        return refuse(ErrorCode::limit,
                      "has " + std::to_string(count) + " entries, more than the limit of " +
                          std::to_string(limits_.max_entries) + "; this package was not opened");
    entries_.resize(static_cast<std::size_t>(count));
    for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
        EntryInfo& info = entries_[i];
        if (auto r = check_entry(i, info); !r)
            return r;
        if (!by_name_.emplace(info.name, i).second)
            return unsafe(info.name, "appears twice");
    }
    return {};
}

Result<void> PackageReader::check_entry(zip_uint64_t index, EntryInfo& info) {
    zip_t* za = archive_.get();
    info.index = index;
    const char* raw_name = zip_get_name(za, index, ZIP_FL_ENC_RAW);
    if (!raw_name)
        return refuse(ErrorCode::parse,
                      "entry " + std::to_string(index + 1) + " has an unreadable name");
    info.name = raw_name;
    if (info.name != kManifestName && info.name != kSignatureName) {
        if (auto problem = entry_path_problem(info.name))
            return unsafe(info.name, *problem);
    }

    zip_uint8_t system = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(za, index, 0, &system, &attributes) != 0)
        return refuse(ErrorCode::parse,
                      "entry " + quote_for_message(info.name) + " has unreadable attributes");
    if (system == ZIP_OPSYS_UNIX) {
        const zip_uint32_t type = (attributes >> 16) & S_IFMT;
        if (type == S_IFLNK)
            return unsafe(info.name, "is a symbolic link");
        if (type != 0 && type != S_IFREG)
            return unsafe(info.name, "is not a regular file");
    } else if (system == ZIP_OPSYS_DOS && (attributes & 0x10) != 0) {
        return unsafe(info.name, "is a folder, not a file");
    }

    zip_stat_t st;
    if (zip_stat_index(za, index, ZIP_FL_UNCHANGED, &st) != 0 || !(st.valid & ZIP_STAT_COMP_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_METHOD))
        return refuse(ErrorCode::parse,
                      "entry " + quote_for_message(info.name) + " has an unreadable header");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return unsafe(info.name, "is encrypted");
    if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
        return refuse(ErrorCode::invalid,
                      "entry " + quote_for_message(info.name) + " uses compression method " +
                          std::to_string(st.comp_method) +
                          "; Waymark packages use only deflate, so repack with `waymark pack`");
    info.compressed_size = st.comp_size;
    info.deflated = st.comp_method == ZIP_CM_DEFLATE;
    return {};
}

const EntryInfo* PackageReader::find_entry(std::string_view name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &entries_[it->second];
}

Result<std::string> PackageReader::inflate(zip_t* archive, const EntryInfo& entry,
                                           std::uint64_t max_size, std::string_view too_large,
                                           Sha256* hash) {
    EntryStream stream(archive, entry.index, entry.deflated);
    if (!stream.ok())
        return refuse(ErrorCode::parse, "entry " + quote_for_message(entry.name) +
                                            " cannot be read (" + stream.error() +
                                            "); the package is damaged");
    // Reading one byte past max_size is how an entry that is too large shows itself.
    const std::uint64_t want_total = saturating_add(max_size, 1);
    std::string data;
    std::uint64_t n = 0;
    for (;;) {
        const std::uint64_t want = std::min<std::uint64_t>(kChunk, want_total - n);
        if (want == 0)
            break;
        if (data.size() < n + want)
            data.resize(static_cast<std::size_t>(std::min(want_total, std::max(n + want, 2 * n))));
        const std::int64_t got = stream.read(data.data() + n, static_cast<std::size_t>(want));
        if (got < 0)
            return refuse(ErrorCode::parse, "entry " + quote_for_message(entry.name) +
                                                " is damaged (" + stream.error() +
                                                "); get a fresh copy from the publisher");
        if (got == 0)
            break;
        if (hash)
            hash->update(std::string_view(data.data() + n, static_cast<std::size_t>(got)));
        n += static_cast<std::uint64_t>(got);
        const std::uint64_t total = inflated_total_ += static_cast<std::uint64_t>(got);
        if (n > max_size)
            return refuse(ErrorCode::verification,
                          "entry " + quote_for_message(entry.name) + " " + std::string(too_large));
        if (total > limits_.max_total_bytes)
            return refuse(ErrorCode::limit, "inflates to more than the limit of " +
                                                std::to_string(limits_.max_total_bytes) +
                                                " bytes in all; this package was not opened");
        if (n >= limits_.ratio_min_bytes &&
            static_cast<double>(n) > limits_.max_ratio * static_cast<double>(entry.compressed_size))
            return refuse(ErrorCode::limit,
                          "entry " + quote_for_message(entry.name) + " inflates to more than " +
                              std::to_string(static_cast<long long>(limits_.max_ratio)) +
                              " times its compressed size, the mark of a zip bomb; this package "
                              "was not opened");
    }
    data.resize(static_cast<std::size_t>(n));
    return data;
}

const std::string* Package::file(std::string_view path) const {
    const auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

Trust Package::trust(const TrustStore& store) const {
    return store.trusts(signer_) ? Trust::trusted : Trust::untrusted_key;
}

Result<Package> open_package_bytes(std::string_view zip_bytes, const OpenLimits& limits,
                                   std::string_view name) {
    return PackageReader(name, limits).read(zip_bytes);
}

Result<Package> open_package(const fs::path& path, const OpenLimits& limits) {
    const std::uint64_t max_file = saturating_add(
        saturating_add(limits.max_total_bytes, limits.max_entries * kMaxOverheadPerEntry),
        1u << 20);
    auto bytes = read_file(path, max_file);
    if (!bytes) {
        Error e = bytes.error();
        if (e.code == ErrorCode::limit)
            e.message = "the package file is larger than any package within the limit of " +
                        std::to_string(limits.max_total_bytes) +
                        " bytes could be; it was not opened";
        return e;
    }
    return open_package_bytes(*bytes, limits, path.string());
}

Result<Package> open_trusted_package(const fs::path& path, const TrustStore& store,
                                     const OpenLimits& limits) {
    auto package = open_package(path, limits);
    if (!package)
        return package;
    if (!package->trusted_by(store))
        return make_error(ErrorCode::untrusted,
                          "the package is intact but signed by key " +
                              package->signer().fingerprint() +
                              ", which is not one of your trusted keys; if it is your "
                              "publisher's key, add their .pub file to your trusted keys",
                          path.string());
    return package;
}

}  // namespace waymark::package
