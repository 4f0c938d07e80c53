#include "question_ids.hpp"

namespace waymark::gift {

std::string slug(std::string_view title) {
    constexpr std::size_t kMaxLength = 60;
    std::string out;
    bool gap = false;
    for (const char raw : title) {
        const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!keep) {
            gap = !out.empty();
            continue;
        }
        if (out.size() + (gap ? 2 : 1) > kMaxLength)
            break;
        if (gap)
            out += '-';
        out += c;
        gap = false;
    }
    return out;
}

std::string QuestionIds::assign(std::string_view title, int number) {
    std::string base = slug(title);
    if (base.empty())
        base = "q" + std::to_string(number);
    const auto [entry, fresh] = taken_.try_emplace(base, 2);
    if (fresh)
        return base;
    // Resume counting where the last clash of this base stopped, so that many equal
    // titles take linear rather than quadratic time. (References into an unordered_map
    // survive rehashing.)
    int& suffix = entry->second;
    for (;;) {
        std::string id = base + "-" + std::to_string(suffix++);
        if (taken_.try_emplace(id, 2).second)
            return id;
    }
}

}  // namespace waymark::gift
