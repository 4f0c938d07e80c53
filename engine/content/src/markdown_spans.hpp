// Internal to the Markdown converter: decoding md4c's text (entities, attributes),
// building runs of styled spans, and page anchors.
#pragma once

#include <md4c.h>

#include <string>
#include <string_view>

#include "waymark/content/blocks.hpp"

namespace waymark::content::markdown {

inline constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD, for NUL bytes

void append_utf8(std::string& out, char32_t cp);
void append_without_nul(std::string& out, std::string_view text);
void append_entity(std::string& out, std::string_view entity);
std::string attribute_text(const MD_ATTRIBUTE& attr);
bool same_style(const Span& a, const Span& b);
bool is_styled(const Span& s);
void append_span(Inlines& spans, std::string_view text, const Span& style);
void append_spans(Inlines& spans, const Inlines& more);
bool is_space(char c);
void trim(Inlines& spans);
std::size_t text_length(const Inlines& spans);
Inlines slice(const Inlines& spans, std::size_t from, std::size_t to);
bool is_blank(const Inlines& spans);
void drop_leading_separator(Inlines& spans);
std::string slug(std::string_view title);

}  // namespace waymark::content::markdown
