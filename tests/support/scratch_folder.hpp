// A test's own folder under the system's temporary folder, removed with everything in it
// when the ScratchFolder goes, whatever the test's outcome. Its name is new (mkdtemp), so
// test programs running at once, or a parameterised test's instances, never share one.
#pragma once

#include <filesystem>
#include <string>

namespace waymark::testing {

class ScratchFolder {
  public:
    // Makes "<temporary folder>/waymark-<purpose>-XXXXXX"; a test that cannot have its
    // folder stops there (std::runtime_error, which GoogleTest reports as a failure).
    explicit ScratchFolder(const std::string& purpose);
    // Removes the folder, after making any folder in it the test left read-only writable.
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::filesystem::path& name) const {
        return path_ / name;
    }

  private:
    std::filesystem::path path_;
};

}  // namespace waymark::testing
