#include "waymark/core/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "waymark/core/ids.hpp"

namespace waymark {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& path, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return make_error(ErrorCode::not_found, "file not found", path.string());
    if (!fs::is_regular_file(status))
        return make_error(ErrorCode::io, "not a regular file", path.string());
    const auto size = fs::file_size(path, ec);
    if (ec)
        return make_error(ErrorCode::io, "cannot read size: " + ec.message(), path.string());
    if (size > max_bytes)
        return make_error(ErrorCode::limit,
                          "file is " + std::to_string(size) + " bytes, more than the limit of " +
                              std::to_string(max_bytes) + "; make it smaller or split it",
                          path.string());
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::io, std::strerror(errno), path.string());
    std::string data(static_cast<std::size_t>(size), '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size)
        return make_error(ErrorCode::io, "file changed while it was being read", path.string());
    return data;
}

namespace {

// Closes a file descriptor on every path out of write_file_atomic.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

  private:
    int fd_;
};

Error errno_error(const fs::path& path, const char* what) {
    return make_error(ErrorCode::io, std::string(what) + ": " + std::strerror(errno),
                      path.string());
}

}  // namespace

Result<void> write_file_atomic(const fs::path& path, std::string_view data, unsigned mode) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const fs::path tmp =
        dir / ("." + path.filename().string() + "." + Uuid::random().str() + ".tmp");
    FileDescriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0)
        return errno_error(path, "cannot create file");
    ::fchmod(fd.get(), mode);  // the umask may have narrowed or widened nothing; be exact
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd.get(), p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const Error e = errno_error(path, "cannot write file");
            ::unlink(tmp.c_str());
            return e;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
        const Error e = errno_error(path, "cannot flush file to disk");
        ::unlink(tmp.c_str());
        return e;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const Error e = errno_error(path, "cannot replace file");
        ::unlink(tmp.c_str());
        return e;
    }
    FileDescriptor dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0)
        ::fsync(dir_fd.get());  // make the rename itself durable
    return {};
}

bool valid_utf8(std::string_view text, std::size_t* bad_offset) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    auto fail = [&](std::size_t at) {
        if (bad_offset)
            *bad_offset = at;
        return false;
    };
    while (i < n) {
        const unsigned c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return fail(i);
        }
        if (i + len > n)
            return fail(i);
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return fail(i);
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        const bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail(i);
        i += len;
    }
    return true;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
    TextPosition pos;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
    return pos;
}

}  // namespace waymark
