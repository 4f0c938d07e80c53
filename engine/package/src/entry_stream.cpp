#include "entry_stream.hpp"

namespace waymark::package {

namespace {
constexpr std::size_t kInputChunk = 64u << 10;
}

EntryStream::EntryStream(zip_t* archive, zip_uint64_t index, bool deflated)
    : file_(zip_fopen_index(archive, index, ZIP_FL_COMPRESSED)), deflated_(deflated) {
    if (!file_) {
        error_ = zip_strerror(archive);
        return;
    }
    if (!deflated_)
        return;
    // Negative window bits: a raw deflate stream, as zip stores it, with no header or
    // checksum of its own.
    if (inflateInit2(&zs_, -MAX_WBITS) != Z_OK) {
        error_ = "cannot start inflating";
        return;
    }
    inflating_ = true;
    input_.resize(kInputChunk);
}

EntryStream::~EntryStream() {
    if (inflating_)
        inflateEnd(&zs_);
}

std::int64_t EntryStream::read(char* out, std::size_t size) {
    if (!ok())
        return -1;
    if (!deflated_) {
        const zip_int64_t got = zip_fread(file_.get(), out, size);
        if (got < 0)
            error_ = zip_file_strerror(file_.get());
        return got;
    }
    if (finished_ || size == 0)
        return 0;
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = static_cast<uInt>(size);
    while (zs_.avail_out > 0) {
        if (zs_.avail_in == 0) {
            const zip_int64_t got = zip_fread(file_.get(), input_.data(), input_.size());
            if (got < 0) {
                error_ = zip_file_strerror(file_.get());
                return -1;
            }
            if (got == 0) {
                error_ = "the compressed data ends too soon";
                return -1;
            }
            zs_.next_in = input_.data();
            zs_.avail_in = static_cast<uInt>(got);
        }
        const int rc = ::inflate(&zs_, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            finished_ = true;
            break;
        }
        if (rc == Z_BUF_ERROR && zs_.avail_in == 0)
            continue;  // needs more input
        if (rc != Z_OK) {
            error_ = zs_.msg ? zs_.msg : "the compressed data is invalid";
            return -1;
        }
    }
    return static_cast<std::int64_t>(size - zs_.avail_out);
}

}  // namespace waymark::package
