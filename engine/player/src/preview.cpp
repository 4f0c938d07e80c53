#include "waymark/player/preview.hpp"

#include <functional>
#include <string>

namespace waymark::player {

namespace fs = std::filesystem;

// A preview is a course folder, which is never trusted (LibraryCourse::trusted): whatever
// journal the player records into, memory or a ledger given with --ledger, nothing earned
// in a preview counts as compliant.
LibraryCourse load_preview(const fs::path& folder) {
    LibraryCourse entry = load_course_folder(folder);
    if (entry.course)
        entry.error.clear();
    // A course that cannot load at all shows its diagnostics instead of the pages: there
    // must be at least one, saying why.
    else if (entry.diagnostics.error_count() == 0)
        entry.diagnostics.add(
            make_error(ErrorCode::invalid,
                       entry.error.empty() ? "the course could not be loaded" : entry.error,
                       (folder / "course.json").string()));
    return entry;
}

FolderWatch::FolderWatch(fs::path folder) : folder_(std::move(folder)), last_(stamp()) {}

bool FolderWatch::changed() {
    const auto now = stamp();
    if (now == last_)
        return false;
    last_ = now;
    return true;
}

std::size_t FolderWatch::stamp() const {
    std::size_t stamp = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder_, ec), end; it != end && !ec;
         it.increment(ec)) {
        stamp = stamp * 1315423911u + std::hash<std::string>{}(it->path().string());
        if (it->is_regular_file(ec)) {
            stamp ^= static_cast<std::size_t>(it->file_size(ec)) * 31u;
            stamp ^= static_cast<std::size_t>(it->last_write_time(ec).time_since_epoch().count());
        }
    }
    return stamp;
}

}  // namespace waymark::player
