// libFuzzer target: a course package is hostile input, so opening arbitrary bytes must
// fail cleanly or succeed, never crash, hang or exhaust memory. The parsers of the two
// text entries are fed the raw input too, since a mutated zip rarely gets past the
// signature to reach them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "waymark/package/package.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Small limits keep every input fast while still exercising each limit check.
    const waymark::package::OpenLimits limits{.max_entries = 200,
                                              .max_total_bytes = 8u << 20,
                                              .max_ratio = 200,
                                              .ratio_min_bytes = 64u << 10};
    auto package = waymark::package::open_package_bytes(bytes, limits, "fuzz.wmpkg");
    if (package) {
        // An opened package must be internally consistent.
        for (const auto& f : package->manifest().files) {
            const std::string* content = package->file(f.path);
            if (!content || content->size() != f.size)
                __builtin_trap();
        }
    }
    (void)waymark::package::parse_manifest(bytes, "manifest.json");
    (void)waymark::package::parse_signature_file(bytes);
    return 0;
}
