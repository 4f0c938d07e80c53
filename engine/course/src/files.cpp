#include "waymark/course/files.hpp"

#include <algorithm>
#include <system_error>

#include "waymark/core/files.hpp"

namespace waymark::course {

namespace fs = std::filesystem;

bool CourseFiles::exists(std::string_view path) const {
    const auto& files = list();
    return std::binary_search(files.begin(), files.end(), path, [](const auto& a, const auto& b) {
        return std::string_view(a) < std::string_view(b);
    });
}

namespace {
bool left_out(const std::string& name) {
    return name.empty() || name.front() == '.' || name.back() == '~';
}
// The author's notes at the top of the folder: for the people who write and review the
// course, not for learners.
bool authors_notes(const fs::path& rel) {
    return !rel.has_parent_path() && (rel == "README.md" || rel == "REVIEW.md");
}
}  // namespace

FolderFiles::FolderFiles(fs::path root, Diagnostics& problems) : root_(std::move(root)) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root_, fs::directory_options::none, ec), end;
    if (ec) {
        problems.error(root_.string(), 0, 0, "cannot read the course folder: " + ec.message());
        return;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) {
            problems.error(root_.string(), 0, 0, "cannot read the course folder: " + ec.message());
            break;
        }
        const fs::path rel = it->path().lexically_relative(root_);
        const std::string name = it->path().filename().string();
        if (left_out(name)) {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(ec)) {
            problems.error(rel.generic_string(), 0, 0,
                           "is a symbolic link; copy the file into the course folder instead");
            continue;
        }
        if (it->is_regular_file(ec) && !authors_notes(rel))
            files_.push_back(rel.generic_string());
    }
    std::sort(files_.begin(), files_.end());
}

Result<std::string> FolderFiles::read(std::string_view path, std::uintmax_t max_bytes) const {
    if (!exists(path))
        return make_error(ErrorCode::not_found, "file not found", std::string(path));
    auto data = read_file(root_ / fs::path(std::string(path)), max_bytes);
    if (!data)
        return Error{data.error().code, data.error().message, std::string(path)};
    return data;
}

std::uintmax_t FolderFiles::size(std::string_view path) const {
    std::error_code ec;
    const auto n = fs::file_size(root_ / fs::path(std::string(path)), ec);
    return ec ? 0 : n;
}

MemoryFiles::MemoryFiles(std::map<std::string, std::string> files) {
    for (auto& [name, data] : files) {
        names_.push_back(name);
        files_.emplace(name, std::move(data));
    }
}

std::uintmax_t MemoryFiles::size(std::string_view path) const {
    const auto it = files_.find(path);
    return it == files_.end() ? 0 : it->second.size();
}

Result<std::string> MemoryFiles::read(std::string_view path, std::uintmax_t max_bytes) const {
    const auto it = files_.find(path);
    if (it == files_.end())
        return make_error(ErrorCode::not_found, "file not found", std::string(path));
    if (it->second.size() > max_bytes)
        return make_error(ErrorCode::limit,
                          "file is " + std::to_string(it->second.size()) +
                              " bytes, more than the limit of " + std::to_string(max_bytes),
                          std::string(path));
    return it->second;
}

namespace {

// Resolves "a/../b" inside the course; empty when it leaves the course folder.
std::string normalise(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i <= path.size()) {
        const std::size_t end = std::min(path.find('/', i), path.size());
        const std::string_view part = path.substr(i, end - i);
        if (part == "..") {
            if (parts.empty())
                return {};
            parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        i = end + 1;
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty())
            out += '/';
        out += p;
    }
    return out;
}

}  // namespace

std::string resolve_course_path(const CourseFiles& files, std::string_view from_file,
                                std::string_view target) {
    if (target.empty() || target.front() == '/' || target.find("://") != std::string_view::npos)
        return {};
    const auto slash = from_file.rfind('/');
    const std::string_view folder =
        slash == std::string_view::npos ? std::string_view() : from_file.substr(0, slash + 1);
    for (const std::string& candidate :
         {normalise(std::string(folder) + std::string(target)), normalise(target)})
        if (!candidate.empty() && files.exists(candidate))
            return candidate;
    return {};
}

}  // namespace waymark::course
