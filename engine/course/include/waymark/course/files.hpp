// waymark/course/files.hpp: where a course's files come from.
//
// The same loader reads a trainer's folder and an opened package: both are CourseFiles,
// a read-only set of files named by relative paths with forward slashes.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "waymark/core/diagnostics.hpp"
#include "waymark/core/result.hpp"

namespace waymark::course {

class CourseFiles {
  public:
    virtual ~CourseFiles() = default;
    // Every file, sorted, as "modules/01-welcome.md".
    virtual const std::vector<std::string>& list() const = 0;
    virtual bool exists(std::string_view path) const;
    // Size in bytes of an existing file.
    virtual std::uintmax_t size(std::string_view path) const = 0;
    // The file's bytes; an Error when it is missing, unreadable or over `max_bytes`.
    virtual Result<std::string> read(std::string_view path, std::uintmax_t max_bytes) const = 0;
};

// A course source folder. Hidden files and folders (.git, .DS_Store), editor backups
// (name~) and the author's notes at the top of the folder (README.md, REVIEW.md) are not
// part of the course: they are neither checked nor packed. Symbolic links are reported, never
// followed: a course must not reach outside its folder.
class FolderFiles : public CourseFiles {
  public:
    // Lists the folder; `problems` receives one error per symbolic link or unreadable entry.
    FolderFiles(std::filesystem::path root, Diagnostics& problems);
    const std::vector<std::string>& list() const override { return files_; }
    Result<std::string> read(std::string_view path, std::uintmax_t max_bytes) const override;
    std::uintmax_t size(std::string_view path) const override;
    const std::filesystem::path& root() const { return root_; }

  private:
    std::filesystem::path root_;
    std::vector<std::string> files_;
};

// Files already in memory (an opened package, a test).
class MemoryFiles : public CourseFiles {
  public:
    explicit MemoryFiles(std::map<std::string, std::string> files);
    const std::vector<std::string>& list() const override { return names_; }
    Result<std::string> read(std::string_view path, std::uintmax_t max_bytes) const override;
    std::uintmax_t size(std::string_view path) const override;

  private:
    std::map<std::string, std::string, std::less<>> files_;
    std::vector<std::string> names_;
};

// Where `target`, written in the course file `from_file`, points inside the course:
// relative to from_file's folder first ("../assets/x.png" from "modules/a.md"), then to
// the course root ("assets/x.png"). Empty when `target` is a URL or an absolute path,
// leaves the course folder, or names no file in `files`. The checker and the player both
// resolve images and links through this, so what `check` accepts is what the player shows.
std::string resolve_course_path(const CourseFiles& files, std::string_view from_file,
                                std::string_view target);

}  // namespace waymark::course
