#include "waymark/package/zip_bytes.hpp"

#include <zip.h>

#include "zip_handles.hpp"

namespace waymark::package {

namespace fs = std::filesystem;

namespace {

// 1980-01-01 00:00:00, the earliest DOS date: a fixed stamp that, unlike a time_t,
// does not pass through the local time zone.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;
constexpr zip_uint32_t kRegularFileMode = 0100644;

Error zip_failure(const fs::path& out, const char* what, const char* detail) {
    return make_error(ErrorCode::io, std::string(what) + ": " + detail, out.string());
}

}  // namespace

// ZIP_CM_DEFAULT is deflate at zlib's default level, except that libzip stores a file
// that deflate would make larger (images, random data): still a function of the bytes
// alone, and cheaper to open.
Result<std::string> zip_bytes(const std::vector<ZipEntry>& entries, const fs::path& out) {
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

}  // namespace waymark::package
