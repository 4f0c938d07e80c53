// The text of one GIFT question with its escapes decoded.
//
// GIFT's syntax characters (~ = # { } :) lose their meaning when written with a
// backslash. Decoding first and remembering which characters were escaped lets the
// parser search the text once, in order, without re-reading escapes: an escaped
// character is never syntax. Each decoded character also keeps its source line, so a
// problem deep inside a multi-line question is reported where it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::gift {

// Blank for GIFT's trimming: ASCII white space and the NUL byte.
inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0';
}

// A half-open range [begin, end) of positions in a MarkedText.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool empty() const { return begin >= end; }
    std::size_t size() const { return empty() ? 0 : end - begin; }
};

class MarkedText {
  public:
    static constexpr std::size_t npos = std::string::npos;

    // Appends one source line (already trimmed), decoding \~ \= \# \{ \} \: \\ and \n.
    // Lines after the first are joined with a newline, as Moodle joins them.
    void append_line(std::string_view raw, int line_number);

    std::size_t size() const { return text_.size(); }
    Span all() const { return {0, text_.size()}; }
    char at(std::size_t pos) const { return text_[pos]; }
    // True when the character at `pos` is syntax: the given character, not escaped.
    bool is_syntax(std::size_t pos, char c) const { return text_[pos] == c && !escaped_[pos]; }
    std::string_view view(Span s) const {
        return std::string_view(text_).substr(s.begin, s.size());
    }

    // Source line of the character at `pos` (the last line for pos == size()).
    int line_at(std::size_t pos) const;

    // First position in `within` where `token` starts with none of its characters
    // escaped, or npos.
    std::size_t find(std::string_view token, Span within) const;
    // Last such position, or npos.
    std::size_t rfind(std::string_view token, Span within) const;

    // `s` without leading and trailing whitespace (escaped newlines included, as Moodle
    // trims after decoding).
    Span trim(Span s) const;
    bool starts_with(Span s, std::string_view token) const;

  private:
    bool matches_at(std::size_t pos, std::string_view token) const;

    std::string text_;
    std::vector<bool> escaped_;
    std::vector<std::pair<std::size_t, int>> line_starts_;  // decoded offset, source line
};

}  // namespace waymark::gift
