#include "scratch_folder.hpp"

#include <stdlib.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace waymark::testing {

namespace fs = std::filesystem;

ScratchFolder::ScratchFolder(const std::string& purpose) {
    std::string name = (fs::temp_directory_path() / ("waymark-" + purpose + "-XXXXXX")).string();
    std::vector<char> writable(name.begin(), name.end());
    writable.push_back('\0');
    if (::mkdtemp(writable.data()) == nullptr)
        throw std::runtime_error("cannot make a scratch folder " + name + ": " +
                                 std::generic_category().message(errno));
    path_ = writable.data();
}

ScratchFolder::~ScratchFolder() {
    // remove_all cannot empty a folder without write permission (tests of read-only
    // ledgers and export folders make them so); nothing here may throw.
    // A link's target is left alone: it may be outside the folder.
    std::error_code ec, entry_ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(path_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (fs::is_directory(it->symlink_status(entry_ec)))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, entry_ec);
    fs::remove_all(path_, ec);
}

}  // namespace waymark::testing
