#include "marked_text.hpp"

#include <algorithm>

namespace waymark::gift {

namespace {

// The character a backslash escape stands for, or 0 when `c` is not escapable.
char unescaped(char c) {
    switch (c) {
        case '~':
        case '=':
        case '#':
        case '{':
        case '}':
        case ':':
        case '\\':
            return c;
        case 'n':
            return '\n';
        default:
            return 0;
    }
}

}  // namespace

void MarkedText::append_line(std::string_view raw, int line_number) {
    if (!line_starts_.empty()) {
        text_ += '\n';
        escaped_.push_back(false);
    }
    line_starts_.emplace_back(text_.size(), line_number);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char decoded = raw[i] == '\\' && i + 1 < raw.size() ? unescaped(raw[i + 1]) : 0;
        if (decoded != 0) {
            text_ += decoded;
            escaped_.push_back(true);
            ++i;
        } else {
            text_ += raw[i];
            escaped_.push_back(false);
        }
    }
}

int MarkedText::line_at(std::size_t pos) const {
    if (line_starts_.empty())
        return 0;
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos,
                               [](std::size_t p, const auto& start) { return p < start.first; });
    if (it != line_starts_.begin())
        --it;
    return it->second;
}

bool MarkedText::matches_at(std::size_t pos, std::string_view token) const {
    for (std::size_t k = 0; k < token.size(); ++k) {
        if (text_[pos + k] != token[k] || escaped_[pos + k])
            return false;
    }
    return true;
}

std::size_t MarkedText::find(std::string_view token, Span within) const {
    if (token.empty() || within.size() < token.size())
        return npos;
    const std::string_view hay = view(within);
    for (std::size_t at = hay.find(token); at != std::string_view::npos;
         at = hay.find(token, at + 1)) {
        if (matches_at(within.begin + at, token))
            return within.begin + at;
    }
    return npos;
}

std::size_t MarkedText::rfind(std::string_view token, Span within) const {
    if (token.empty() || within.size() < token.size())
        return npos;
    const std::string_view hay = view(within);
    for (std::size_t at = hay.rfind(token); at != std::string_view::npos;
         at = at == 0 ? std::string_view::npos : hay.rfind(token, at - 1)) {
        if (matches_at(within.begin + at, token))
            return within.begin + at;
    }
    return npos;
}

Span MarkedText::trim(Span s) const {
    while (!s.empty() && is_space(text_[s.begin]))
        ++s.begin;
    while (!s.empty() && is_space(text_[s.end - 1]))
        --s.end;
    if (s.empty())
        s.end = s.begin;
    return s;
}

bool MarkedText::starts_with(Span s, std::string_view token) const {
    return s.size() >= token.size() && matches_at(s.begin, token);
}

}  // namespace waymark::gift
