#include "waymark/report/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace waymark::report {

namespace {

Error io_error(const std::filesystem::path& file, std::string_view doing) {
    return make_error(ErrorCode::io,
                      std::string(doing) + " failed: " + std::strerror(errno) +
                          "; check that the folder exists, is writable and has free space",
                      file.string());
}

}  // namespace

Result<OutputFile> OutputFile::create(const std::filesystem::path& target) {
    OutputFile out;
    out.target_ = target;
    std::filesystem::path folder = target.parent_path();
    if (folder.empty())
        folder = ".";
    std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        return io_error(target, "creating a temporary file in " + folder.string());
    ::fchmod(fd, 0644);
    out.temporary_ = pattern;
    out.file_.reset(::fdopen(fd, "wb"));
    if (!out.file_) {
        ::close(fd);
        ::unlink(pattern.c_str());
        return io_error(target, "opening the temporary file");
    }
    std::setvbuf(out.file_.get(), nullptr, _IOFBF, 1 << 16);
    return out;
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : file_(std::move(other.file_)),
      target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      committed_(other.committed_) {
    other.temporary_.clear();
}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
    if (this != &other) {
        if (!committed_ && !temporary_.empty())
            ::unlink(temporary_.c_str());
        file_ = std::move(other.file_);
        target_ = std::move(other.target_);
        temporary_ = std::move(other.temporary_);
        committed_ = other.committed_;
        other.temporary_.clear();
    }
    return *this;
}

OutputFile::~OutputFile() {
    file_.reset();
    if (!committed_ && !temporary_.empty())
        ::unlink(temporary_.c_str());
}

void OutputFile::write(std::string_view data) {
    if (file_ && !data.empty())
        std::fwrite(data.data(), 1, data.size(), file_.get());
}

Result<void> OutputFile::finish() {
    if (committed_ || temporary_.empty())
        throw std::logic_error("OutputFile::finish called after commit");
    if (!file_)
        return {};  // finished before
    std::FILE* f = file_.get();
    if (std::fflush(f) != 0 || std::ferror(f) || ::fsync(::fileno(f)) != 0)
        return io_error(target_, "writing the export");
    if (std::fclose(file_.release()) != 0)
        return io_error(target_, "closing the export");
    return {};
}

Result<void> OutputFile::commit() {
    if (committed_ || temporary_.empty())
        throw std::logic_error("OutputFile::commit called twice");
    if (auto r = finish(); !r)
        return r;
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0)
        return io_error(target_, "moving the finished export into place");
    committed_ = true;
    // The rename is durable only once the folder itself is synced.
    std::filesystem::path folder = target_.parent_path();
    const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

}  // namespace waymark::report
