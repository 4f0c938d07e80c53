#include "markdown_source.hpp"

namespace waymark::content::markdown {

bool is_blank_char(char c) {
    return c == ' ' || c == '\t';
}

std::string_view skip_indent(std::string_view s) {
    while (!s.empty() && is_blank_char(s.front()))
        s.remove_prefix(1);
    return s;
}

std::string_view skip_quote_marks(std::string_view s) {
    while (!s.empty() && (is_blank_char(s.front()) || s.front() == '>'))
        s.remove_prefix(1);
    return s;
}

bool is_thematic_break(std::string_view s) {
    if (s.empty() || (s[0] != '-' && s[0] != '*' && s[0] != '_'))
        return false;
    int marks = 0;
    for (char c : s) {
        if (c == s[0]) {
            ++marks;
        } else if (!is_blank_char(c)) {
            return false;
        }
    }
    return marks >= 3;
}

// A line without its leading list marker ("- ", "* ", "12. "), or unchanged.
std::string_view skip_list_marker(std::string_view s) {
    std::size_t n = 0;
    if (!s.empty() && (s[0] == '-' || s[0] == '*' || s[0] == '+')) {
        n = 1;
    } else {
        while (n < s.size() && n < 9 && s[n] >= '0' && s[n] <= '9')
            ++n;
        if (n == 0 || n >= s.size() || (s[n] != '.' && s[n] != ')'))
            return s;
        ++n;
    }
    if (n < s.size() && !is_blank_char(s[n]))
        return s;
    return s.substr(n);
}

// Whether a thematic break could be the block on this line, inside any quotes and
// list items ("> - ***").
bool could_hold_rule(std::string_view s) {
    s = skip_quote_marks(s);
    for (int i = 0; i < 8; ++i) {
        if (is_thematic_break(s))
            return true;
        const std::string_view rest = skip_list_marker(s);
        if (rest.size() == s.size())
            return false;
        s = skip_quote_marks(rest);
    }
    return false;
}

bool is_code_fence(std::string_view s) {
    s = skip_quote_marks(s);
    return s.starts_with("```") || s.starts_with("~~~");
}

}  // namespace waymark::content::markdown
