// waymark/player/preview.hpp: an author's live preview of a course folder.
//
// `waymark-player --preview DIR` shows a course while its trainer edits it: the folder is
// watched, the course reloaded when any file changes, and problems listed beside the
// pages instead of stopping the preview.
#pragma once

#include <cstddef>
#include <filesystem>

#include "waymark/player/library.hpp"

namespace waymark::player {

// Loads a course folder for preview: a course with errors stays showable as long as it
// has pages; its diagnostics say what to fix.
LibraryCourse load_preview(const std::filesystem::path& folder);

// Notices changes to any file under a folder (added, removed, resized or saved) by
// comparing a stamp of names, sizes and modification times.
class FolderWatch {
  public:
    explicit FolderWatch(std::filesystem::path folder);
    // True once for each change since the last call (or since construction).
    bool changed();

  private:
    std::size_t stamp() const;
    std::filesystem::path folder_;
    std::size_t last_;
};

}  // namespace waymark::player
