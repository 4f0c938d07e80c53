// The uncompressed bytes of one zip entry, inflated here rather than by libzip.
//
// libzip checks each entry's CRC-32 as it reads; the SHA-256 in the signed manifest makes
// that redundant, and skipping it with libzip's buffer layers saves about a third of the
// time spent opening a package that is not hashing. Reading raw bytes also means the
// only size that counts is what inflate actually produced.
#pragma once

#include <zip.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "zip_handles.hpp"

namespace waymark::package {

class EntryStream {
  public:
    // `deflated` is false for a stored entry. Check ok() before reading.
    EntryStream(zip_t* archive, zip_uint64_t index, bool deflated);
    ~EntryStream();
    EntryStream(const EntryStream&) = delete;
    EntryStream& operator=(const EntryStream&) = delete;

    bool ok() const { return error_.empty(); }
    // Why the entry could not be opened or read; empty while all is well.
    const std::string& error() const { return error_; }

    // Puts up to `size` (at most 1 GiB) next bytes at `out`; returns how many, 0 at the
    // end of the entry, -1 when the data is damaged (see error()).
    std::int64_t read(char* out, std::size_t size);

  private:
    ZipFile file_;
    bool deflated_;
    bool inflating_ = false;  // zlib state initialised, to be ended
    bool finished_ = false;
    z_stream zs_{};
    std::vector<unsigned char> input_;
    std::string error_;
};

}  // namespace waymark::package
