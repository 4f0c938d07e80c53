#include "waymark/assessment/text_match.hpp"

#include <vector>

namespace waymark::assessment {

namespace {

// Length of the white space starting at `i` (ASCII, or U+00A0 as UTF-8), or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0')
        return 2;
    return 0;
}

// One element of a compiled pattern: a literal character or a wildcard.
struct PatternChar {
    char c;
    bool star;
};

std::vector<PatternChar> compile(std::string_view normalised) {
    std::vector<PatternChar> out;
    for (std::size_t i = 0; i < normalised.size(); ++i) {
        if (normalised[i] == '\\' && i + 1 < normalised.size() && normalised[i + 1] == '*') {
            out.push_back({'*', false});
            ++i;
        } else if (normalised[i] == '*') {
            if (out.empty() || !out.back().star)
                out.push_back({'*', true});
        } else {
            out.push_back({normalised[i], false});
        }
    }
    return out;
}

}  // namespace

std::string normalise_text(std::string_view text, bool case_sensitive) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t n = space_at(text, i); n > 0) {
            pending_space = !out.empty();
            i += n;
            continue;
        }
        if (pending_space)
            out.push_back(' ');
        pending_space = false;
        char c = text[i];
        if (!case_sensitive && c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        out.push_back(c);
        ++i;
    }
    return out;
}

bool text_matches(std::string_view pattern, std::string_view typed, bool case_sensitive) {
    const auto p = compile(normalise_text(pattern, case_sensitive));
    const std::string t = normalise_text(typed, case_sensitive);
    // Greedy matching that backtracks only to the most recent star: linear in practice,
    // quadratic at worst, and correct because a later star can absorb anything an
    // earlier one could.
    std::size_t pi = 0, ti = 0;
    std::size_t star = p.size(), star_t = 0;
    while (ti < t.size()) {
        if (pi < p.size() && !p[pi].star && p[pi].c == t[ti]) {
            ++pi;
            ++ti;
        } else if (pi < p.size() && p[pi].star) {
            star = pi++;
            star_t = ti;
        } else if (star != p.size()) {
            pi = star + 1;
            ti = ++star_t;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi].star)
        ++pi;
    return pi == p.size();
}

}  // namespace waymark::assessment
