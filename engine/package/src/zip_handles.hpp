// Owning handles for libzip objects, so every path out of a function releases them.
#pragma once

#include <zip.h>

#include <memory>

namespace waymark::package {

struct ZipArchiveDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
// Discarding never writes: a read-only archive is closed, an unfinished one abandoned.
using ZipArchive = std::unique_ptr<zip_t, ZipArchiveDiscard>;

struct ZipFileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFile = std::unique_ptr<zip_file_t, ZipFileClose>;

struct ZipSourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using ZipSource = std::unique_ptr<zip_source_t, ZipSourceFree>;

class ZipError {
  public:
    ZipError() { zip_error_init(&error_); }
    ~ZipError() { zip_error_fini(&error_); }
    ZipError(const ZipError&) = delete;
    ZipError& operator=(const ZipError&) = delete;

    zip_error_t* get() { return &error_; }
    const char* message() { return zip_error_strerror(&error_); }

  private:
    zip_error_t error_;
};

}  // namespace waymark::package
