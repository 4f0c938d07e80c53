#include <zip.h>

#include <algorithm>
#include <set>

#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"
#include "zip_handles.hpp"

namespace waymark::package {

namespace fs = std::filesystem;

namespace {

struct ZipEntry {
    std::string name;
    std::string data;
};

// 1980-01-01 00:00:00, the earliest DOS date: a fixed stamp that, unlike a time_t,
// does not pass through the local time zone.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;
constexpr zip_uint32_t kRegularFileMode = 0100644;

Error zip_failure(const fs::path& out, const char* what, const char* detail) {
    return make_error(ErrorCode::io, std::string(what) + ": " + detail, out.string());
}

// ZIP_CM_DEFAULT is deflate at zlib's default level, except that libzip stores a file
// that deflate would make larger (images, random data): still a function of the bytes
// alone, and cheaper to open.
// Builds the zip in memory so that the file on disk is written in one atomic step.
Result<std::string> build_zip(const std::vector<ZipEntry>& entries, const fs::path& out) {
    ZipError error;
    zip_source_t* raw_memory = zip_source_buffer_create(nullptr, 0, 0, error.get());
    if (!raw_memory)
        return zip_failure(out, "cannot create the package", error.message());
    ZipSource memory(raw_memory);
    zip_source_keep(memory.get());  // the archive frees its reference; we keep ours
    ZipArchive archive(zip_open_from_source(memory.get(), ZIP_TRUNCATE, error.get()));
    if (!archive) {
        zip_source_free(memory.get());  // the failed open did not take its reference
        return zip_failure(out, "cannot create the package", error.message());
    }
    for (const ZipEntry& entry : entries) {
        zip_source_t* data =
            zip_source_buffer(archive.get(), entry.data.data(), entry.data.size(), 0);
        if (!data)
            return zip_failure(out, "cannot add a file", zip_strerror(archive.get()));
        const zip_int64_t index =
            zip_file_add(archive.get(), entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(data);
            return zip_failure(out, ("cannot add " + entry.name).c_str(),
                               zip_strerror(archive.get()));
        }
        const auto i = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive.get(), i, ZIP_CM_DEFAULT, 0) != 0 ||
            zip_file_set_dostime(archive.get(), i, kDosTime, kDosDate, 0) != 0 ||
            zip_file_set_external_attributes(archive.get(), i, 0, ZIP_OPSYS_UNIX,
                                             kRegularFileMode << 16) != 0)
            return zip_failure(out, ("cannot set the attributes of " + entry.name).c_str(),
                               zip_strerror(archive.get()));
    }
    if (zip_close(archive.get()) != 0)
        return zip_failure(out, "cannot write the package", zip_strerror(archive.get()));
    archive.release();  // zip_close freed it

    zip_stat_t st;
    if (zip_source_stat(memory.get(), &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        zip_source_open(memory.get()) != 0)
        return zip_failure(out, "cannot read the packed data",
                           zip_error_strerror(zip_source_error(memory.get())));
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t n = zip_source_read(memory.get(), bytes.data(), st.size);
    zip_source_close(memory.get());
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
        return zip_failure(out, "cannot read the packed data",
                           zip_error_strerror(zip_source_error(memory.get())));
    return bytes;
}

Result<void> check_summary(const CourseSummary& c, const fs::path& out) {
    const std::pair<const char*, const std::string*> texts[] = {
        {"id", &c.id},           {"version", &c.version},     {"title", &c.title},
        {"summary", &c.summary}, {"publisher", &c.publisher}, {"language", &c.language}};
    for (const auto& [field, text] : texts) {
        if (!valid_utf8(*text))
            return make_error(ErrorCode::invalid,
                              std::string("the course ") + field +
                                  " is not valid UTF-8; save the course files as UTF-8",
                              out.string());
    }
    for (const auto& title : c.modules) {
        if (!valid_utf8(title))
            return make_error(ErrorCode::invalid,
                              "a module title is not valid UTF-8; save the course files as UTF-8",
                              out.string());
    }
    const std::pair<const char*, int> counts[] = {{"estimated_minutes", c.estimated_minutes},
                                                  {"reading_minutes", c.reading_minutes},
                                                  {"assessment_questions", c.assessment_questions},
                                                  {"knowledge_checks", c.knowledge_checks}};
    for (const auto& [field, value] : counts) {
        if (value < 0)
            return make_error(
                ErrorCode::invalid,
                std::string("the course ") + field + " is negative (" + std::to_string(value) + ")",
                out.string());
    }
    return {};
}

}  // namespace

Result<void> write_package(const fs::path& source_dir, const std::vector<std::string>& files,
                           const CourseSummary& course, const Ed25519SecretKey& key,
                           const fs::path& out) {
    if (auto r = check_summary(course, out); !r)
        return r;
    const OpenLimits limits;
    if (files.size() + 2 > limits.max_entries)
        return make_error(ErrorCode::limit,
                          std::to_string(files.size()) +
                              " files is more than a package may hold (" +
                              std::to_string(limits.max_entries - 2) + ")",
                          out.string());

    std::vector<std::string> paths = files;
    std::sort(paths.begin(), paths.end());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (auto problem = entry_path_problem(paths[i]))
            return make_error(ErrorCode::invalid,
                              "cannot pack " + quote_for_message(paths[i]) + ": the path " +
                                  *problem + "; rename the file inside the course folder",
                              source_dir.string());
        if (i > 0 && paths[i] == paths[i - 1])
            return make_error(ErrorCode::usage, quote_for_message(paths[i]) + " is listed twice",
                              source_dir.string());
    }

    // Entry order: manifest.json, manifest.sig, then the files by path.
    std::vector<ZipEntry> entries(2);
    entries.reserve(paths.size() + 2);
    Manifest manifest;
    manifest.course = course;
    std::uint64_t total = 0;
    for (const auto& path : paths) {
        const fs::path full = source_dir / fs::path(path);
        std::error_code ec;
        const auto status = fs::symlink_status(full, ec);
        if (fs::is_symlink(status))
            return make_error(ErrorCode::invalid,
                              "is a symbolic link; packages hold only regular files, so copy "
                              "the file it points to into the course folder",
                              full.string());
        auto data =
            read_file(full, limits.max_total_bytes - std::min(total, limits.max_total_bytes));
        if (!data) {
            Error e = data.error();
            if (e.code == ErrorCode::limit)
                e.message = "the course is larger than a package may hold (" +
                            std::to_string(limits.max_total_bytes >> 20) +
                            " MiB in all); make large media files smaller";
            return e;
        }
        total += data->size();
        manifest.files.push_back({path, data->size(), sha256(*data)});
        entries.push_back({path, std::move(*data)});
    }
    manifest.content_digest = content_digest(manifest.files);
    entries[0] = {"manifest.json", to_canonical_json(manifest)};
    if (total + entries[0].data.size() + 4096 > limits.max_total_bytes)
        return make_error(ErrorCode::limit,
                          "the course is larger than a package may hold (" +
                              std::to_string(limits.max_total_bytes >> 20) + " MiB in all)",
                          out.string());
    const ManifestSignature signature{key.public_key(), sign(key, entries[0].data)};
    entries[1] = {"manifest.sig", format_signature_file(signature)};

    auto bytes = build_zip(entries, out);
    if (!bytes)
        return bytes.error();
    return write_file_atomic(out, *bytes);
}

}  // namespace waymark::package
