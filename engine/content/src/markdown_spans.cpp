#include "markdown_spans.hpp"

#include "waymark/core/files.hpp"

namespace waymark::content::markdown {

// ---- Text decoding ---------------------------------------------------------------

void append_utf8(std::string& out, char32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Text with any NUL byte md4c let through shown as U+FFFD.
void append_without_nul(std::string& out, std::string_view text) {
    for (std::size_t nul; (nul = text.find('\0')) != std::string_view::npos;) {
        out += text.substr(0, nul);
        out += kReplacement;
        text.remove_prefix(nul + 1);
    }
    out += text;
}

// md4c passes entities verbatim ("&amp;", "&#8212;"). Numeric ones and the named ones
// trainers type are decoded; any other name is kept as written so nothing vanishes.
void append_entity(std::string& out, std::string_view entity) {
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
        out += entity;
        return;
    }
    const std::string_view body = entity.substr(1, entity.size() - 2);
    if (body[0] == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::string_view digits = body.substr(hex ? 2 : 1);
        char32_t cp = 0;
        bool valid = !digits.empty() && digits.size() <= 8;
        for (char c : digits) {
            if (!valid)
                break;
            int d = -1;
            if (c >= '0' && c <= '9')
                d = c - '0';
            if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            if (d < 0)
                valid = false;
            cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d < 0 ? 0 : d);
            if (cp > 0x10FFFF)
                cp = 0x110000;  // stays out of range without overflowing
        }
        if (valid) {
            append_utf8(out, cp);
        } else {
            out += entity;
        }
        return;
    }
    static const std::pair<std::string_view, char32_t> kNamed[] = {
        {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
        {"apos", '\''},    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},
        {"trade", 0x2122}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026},
        {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
        {"pound", 0xA3},   {"euro", 0x20AC},  {"deg", 0xB0},     {"middot", 0xB7},
        {"bull", 0x2022},  {"times", 0xD7},   {"divide", 0xF7},  {"larr", 0x2190},
        {"rarr", 0x2192},  {"uarr", 0x2191},  {"darr", 0x2193},  {"check", 0x2713},
        {"laquo", 0xAB},   {"raquo", 0xBB},   {"sect", 0xA7},    {"para", 0xB6},
    };
    for (const auto& [name, cp] : kNamed) {
        if (body == name) {
            append_utf8(out, cp);
            return;
        }
    }
    out += entity;
}

// The decoded text of an attribute (a link target, an image source or title).
std::string attribute_text(const MD_ATTRIBUTE& attr) {
    std::string out;
    if (attr.text == nullptr || attr.size == 0)
        return out;
    if (attr.substr_offsets == nullptr || attr.substr_types == nullptr)
        return std::string(attr.text, attr.size);
    for (std::size_t i = 0; attr.substr_offsets[i] < attr.size; ++i) {
        const MD_OFFSET begin = attr.substr_offsets[i];
        const MD_OFFSET end = std::min<MD_OFFSET>(attr.substr_offsets[i + 1], attr.size);
        if (end <= begin)
            break;
        const std::string_view part(attr.text + begin, end - begin);
        switch (attr.substr_types[i]) {
            case MD_TEXT_ENTITY:
                append_entity(out, part);
                break;
            case MD_TEXT_NULLCHAR:
                out += kReplacement;
                break;
            default:
                out += part;
                break;
        }
    }
    return out;
}

// ---- Spans -----------------------------------------------------------------------

bool same_style(const Span& a, const Span& b) {
    return a.bold == b.bold && a.italic == b.italic && a.code == b.code &&
           a.strikethrough == b.strikethrough && a.link == b.link;
}

bool is_styled(const Span& s) {
    return s.bold || s.italic || s.code || s.strikethrough || !s.link.empty();
}

// Appends text in `style`, joining it to the last span when the style is the same.
void append_span(Inlines& spans, std::string_view text, const Span& style) {
    if (text.empty())
        return;
    if (!spans.empty() && same_style(spans.back(), style)) {
        spans.back().text += text;
        return;
    }
    Span span = style;
    span.text = std::string(text);
    spans.push_back(std::move(span));
}

void append_spans(Inlines& spans, const Inlines& more) {
    for (const Span& s : more)
        append_span(spans, s.text, s);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void trim(Inlines& spans) {
    while (!spans.empty()) {
        std::string& t = spans.front().text;
        std::size_t n = 0;
        while (n < t.size() && is_space(t[n]))
            ++n;
        t.erase(0, n);
        if (!t.empty())
            break;
        spans.erase(spans.begin());
    }
    while (!spans.empty()) {
        std::string& t = spans.back().text;
        while (!t.empty() && is_space(t.back()))
            t.pop_back();
        if (!t.empty())
            break;
        spans.pop_back();
    }
}

std::size_t text_length(const Inlines& spans) {
    std::size_t n = 0;
    for (const Span& s : spans)
        n += s.text.size();
    return n;
}

// The spans covering bytes [from, to) of the plain text.
Inlines slice(const Inlines& spans, std::size_t from, std::size_t to) {
    Inlines out;
    std::size_t pos = 0;
    for (const Span& s : spans) {
        const std::size_t end = pos + s.text.size();
        const std::size_t a = std::max(from, pos);
        const std::size_t b = std::min(to, end);
        if (a < b)
            append_span(out, std::string_view(s.text).substr(a - pos, b - a), s);
        pos = end;
    }
    return out;
}

bool is_blank(const Inlines& spans) {
    for (const Span& s : spans)
        for (char c : s.text)
            if (!is_space(c))
                return false;
    return true;
}

// Drops a separator trainers put between a step's bold title and its text
// ("**Notice**: ...", "**Notice** - ...", "**Notice** — ...").
void drop_leading_separator(Inlines& spans) {
    trim(spans);
    if (spans.empty() || is_styled(spans.front()))
        return;
    const std::string_view t = spans.front().text;
    for (std::string_view sep : {":", "-", ".", "\xE2\x80\x93", "\xE2\x80\x94"}) {
        if (t.starts_with(sep) && (t.size() == sep.size() || is_space(t[sep.size()]))) {
            spans = slice(spans, sep.size(), text_length(spans));
            trim(spans);
            return;
        }
    }
}

// ---- Page anchors ----------------------------------------------------------------

// "Due regard: what it means" -> "due-regard-what-it-means". Letters beyond ASCII
// are kept as they are, so titles in any language give readable anchors.
std::string slug(std::string_view title) {
    std::string out;
    bool hyphen = false;
    for (char c : title) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
            if (hyphen && !out.empty())
                out += '-';
            hyphen = false;
            out += c;
        } else if (c >= 'A' && c <= 'Z') {
            if (hyphen && !out.empty())
                out += '-';
            hyphen = false;
            out += static_cast<char>(c - 'A' + 'a');
        } else if (is_space(c) || c == '-' || c == '_') {
            hyphen = true;
        }
        // Other punctuation is dropped: "Prevent's duty" -> "prevents-duty".
    }
    return out.empty() ? "page" : out;
}

}  // namespace waymark::content::markdown
