// waymark/package/zip_bytes.hpp: files packed into the bytes of a zip, reproducibly.
//
// The one zip writer of the program: signed course packages (.wmpkg) and the SCORM and
// cmi5 packages of engine/publish both use it. The bytes depend only on the entries: they
// go in the order given, with a fixed 1980-01-01 timestamp, fixed permissions, no extra
// fields, and deflate at zlib's default level (or stored when deflate would not shrink
// the file). The zip is built in memory, so that its file can be written in one atomic step.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark::package {

struct ZipEntry {
    std::string name;  // relative, forward slashes
    std::string data;
};

// The zip holding `entries`. `out` is the file it is meant for, named in error messages.
Result<std::string> zip_bytes(const std::vector<ZipEntry>& entries,
                              const std::filesystem::path& out);

}  // namespace waymark::package
