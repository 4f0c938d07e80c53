// libFuzzer target: any bytes given to the Markdown converter must come back as pages
// and diagnostics, never as a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "waymark/content/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    waymark::Diagnostics diagnostics;
    const auto pages = waymark::content::parse_module_markdown(text, "fuzz.md", diagnostics);
    // Walk the result so the sanitizers see every string the converter built.
    std::size_t words = 0;
    for (const auto& page : pages)
        words += waymark::content::count_words(page);
    for (const auto& d : diagnostics.items())
        words += d.format().size();
    return words == SIZE_MAX ? -1 : 0;
}
