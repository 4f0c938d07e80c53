// libFuzzer target: any bytes given to the GIFT importer must come back as questions and
// diagnostics, never as a crash, a hang or a sanitizer report. A file that imports
// without errors must also survive the round trip: export, import again, same bank.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "waymark/gift/gift.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& gift) {
    std::fprintf(stderr, "gift round trip: %s\n--- exported GIFT ---\n%s\n", what, gift.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    waymark::Diagnostics first_out;
    const auto first = waymark::gift::import_gift(text, "fuzz.gift", first_out);
    std::size_t chars = 0;
    for (const auto& d : first_out.items())
        chars += d.format().size();
    if (first_out.has_errors())
        return chars == SIZE_MAX ? -1 : 0;

    waymark::Diagnostics export_out;
    const std::string gift = waymark::gift::export_gift(first, export_out);
    // A question left out on export (a rare text GIFT cannot hold) is named in a warning;
    // only a silent loss or change is a bug.
    if (!export_out.empty())
        return 0;
    waymark::Diagnostics second_out;
    const auto second = waymark::gift::import_gift(gift, "exported.gift", second_out);
    if (second_out.has_errors())
        fail("the exported GIFT does not import", gift);
    if (second.questions.size() != first.questions.size())
        fail("questions were lost", gift);
    for (std::size_t i = 0; i < first.questions.size(); ++i) {
        if (!first.questions[i].same_content(second.questions[i]))
            fail(("question " + first.questions[i].id + " changed").c_str(), gift);
    }
    return 0;
}
