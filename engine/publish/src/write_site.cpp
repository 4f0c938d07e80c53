// write_site(): a published folder appears whole or not at all.
#include <unistd.h>

#include <fstream>

#include "waymark/publish/html_site.hpp"
#include "web_runtime.hpp"

namespace waymark::publish {

namespace {

namespace fs = std::filesystem;

// Removes the folder it guards unless released: a failed write leaves nothing behind.
class FolderGuard {
  public:
    explicit FolderGuard(fs::path folder) : folder_(std::move(folder)) {}
    ~FolderGuard() {
        if (!folder_.empty()) {
            std::error_code ignored;
            fs::remove_all(folder_, ignored);
        }
    }
    FolderGuard(const FolderGuard&) = delete;
    FolderGuard& operator=(const FolderGuard&) = delete;
    void release() { folder_.clear(); }

  private:
    fs::path folder_;
};

// Whether `name` is one of the web runtime's files (web_runtime(): the built-in list).
bool is_runtime_file(const fs::path& name) {
    for (const auto& asset : web_runtime())
        if (name == asset.name)
            return true;
    return false;
}

// A folder is an earlier publication, to be replaced whole, only when it holds its
// index.html and runtime and nothing a publication does not write: pages (*.html), the
// runtime, and course files under media/. A file of anyone's own makes it not one.
bool holds_earlier_publication(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_regular_file(folder / "index.html", ec) ||
        !fs::is_regular_file(folder / "waymark.js", ec))
        return false;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path name = it->path().filename();
        const bool written_by_publish =
            it->is_directory(ec)
                ? name == "media"
                : it->is_regular_file(ec) && (name.extension() == ".html" || is_runtime_file(name));
        if (!written_by_publish)
            return false;
    }
    return !ec;
}

bool safe_relative(const std::string& path) {
    const fs::path p(path);
    if (path.empty() || p.is_absolute())
        return false;
    for (const auto& part : p)
        if (part == ".." || part == ".")
            return false;
    return true;
}

Error io_error(const fs::path& where, const std::string& what, const std::error_code& ec) {
    return make_error(ErrorCode::io, what + (ec ? " (" + ec.message() + ")" : std::string{}),
                      where.string());
}

}  // namespace

Result<void> write_site(const Site& site, const fs::path& out) {
    std::error_code ec;
    const bool exists = fs::exists(out, ec);
    if (exists && !fs::is_directory(out, ec))
        return make_error(ErrorCode::usage,
                          "this is a file, not a folder; give the folder to publish into",
                          out.string());
    if (exists && !fs::is_empty(out, ec) && !holds_earlier_publication(out))
        return make_error(ErrorCode::usage,
                          "this folder is not empty and does not hold an earlier publication; "
                          "give a new or empty folder, so nothing of yours is replaced",
                          out.string());

    fs::path absolute = fs::absolute(out, ec).lexically_normal();
    if (absolute.filename().empty())  // "out/" names the folder "out"
        absolute = absolute.parent_path();
    const fs::path parent = absolute.parent_path();
    const std::string name = absolute.filename().string();
    const std::string pid = std::to_string(::getpid());
    const fs::path staging = parent / ("." + name + ".publishing-" + pid);
    fs::remove_all(staging, ec);
    if (!fs::create_directories(staging, ec) || ec)
        return io_error(parent,
                        "could not create a folder here; check that it exists and that you "
                        "may write to it",
                        ec);
    FolderGuard staged(staging);

    for (const auto& file : site.files) {
        if (!safe_relative(file.path))
            return make_error(ErrorCode::invalid, "refusing to write outside the output folder",
                              file.path);
        const fs::path target = staging / file.path;
        fs::create_directories(target.parent_path(), ec);
        std::ofstream stream(target, std::ios::binary | std::ios::trunc);
        stream.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        stream.close();
        if (!stream)
            return io_error(target, "could not write this file; check the free space", {});
    }

    if (exists) {
        const fs::path old = parent / ("." + name + ".replaced-" + pid);
        fs::rename(absolute, old, ec);
        if (ec)
            return io_error(out, "could not move the earlier publication aside", ec);
        fs::rename(staging, absolute, ec);
        if (ec) {
            std::error_code ignored;
            fs::rename(old, absolute, ignored);
            return io_error(out, "could not put the new publication in place", ec);
        }
        fs::remove_all(old, ec);
    } else {
        fs::rename(staging, absolute, ec);
        if (ec)
            return io_error(out, "could not put the publication in place", ec);
    }
    staged.release();
    return {};
}

}  // namespace waymark::publish
