// Internal to the Markdown converter: source lines as md4c counts them, and the line
// tests used to place blocks that carry no text of their own (rules, empty items).
#pragma once

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

namespace waymark::content::markdown {

// Lines as md4c sees them: "\n", "\r\n" and a lone "\r" each end a line.
class SourceLines {
  public:
    explicit SourceLines(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            const bool crlf = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
            if (text[i] == '\n' || (text[i] == '\r' && !crlf))
                starts_.push_back(i + 1);
        }
    }

    int count() const { return static_cast<int>(starts_.size()); }

    // 1-based line holding the byte at `offset`.
    int line_at(std::size_t offset) const {
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
        return static_cast<int>(it - starts_.begin());
    }

    // Line of a pointer md4c passed, or 0 when it points elsewhere (md4c passes some
    // text, such as line breaks and U+FFFD, from its own static strings).
    int line_of(const char* p) const {
        const std::less<const char*> before;
        if (p == nullptr || before(p, text_.data()) || !before(p, text_.data() + text_.size()))
            return 0;
        return line_at(static_cast<std::size_t>(p - text_.data()));
    }

    std::size_t start_of(int line) const { return starts_[static_cast<std::size_t>(line - 1)]; }

    // The text of a 1-based line without its line ending.
    std::string_view line(int n) const {
        if (n < 1 || n > count())
            return {};
        const std::size_t begin = start_of(n);
        std::size_t end = n < count() ? start_of(n + 1) : text_.size();
        while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r'))
            --end;
        return text_.substr(begin, end - begin);
    }

  private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

bool is_blank_char(char c);
std::string_view skip_indent(std::string_view s);
std::string_view skip_quote_marks(std::string_view s);
bool is_thematic_break(std::string_view s);
std::string_view skip_list_marker(std::string_view s);
bool could_hold_rule(std::string_view s);
bool is_code_fence(std::string_view s);

}  // namespace waymark::content::markdown
