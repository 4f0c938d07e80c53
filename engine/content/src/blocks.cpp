// Text views of the block model: plain text of spans and word counts of pages.
#include "waymark/content/blocks.hpp"

#include <string_view>

#include "waymark/content/markdown.hpp"

namespace waymark::content {

std::string plain_text(const Inlines& spans) {
    std::string out;
    for (const Span& span : spans)
        out += span.text;
    return out;
}

namespace {

bool is_space_or_form_feed(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A token counts as a word when it holds a letter or digit; a lone "-" or an en/em dash
// between clauses is punctuation a reader does not spend time on. Bytes above ASCII
// are taken as letters so that words in any script count.
bool is_word(std::string_view token) {
    if (token == "\xE2\x80\x93" || token == "\xE2\x80\x94")
        return false;  // – —
    for (char c : token)
        if (is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80)
            return true;
    return false;
}

std::size_t words_in(std::string_view text) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space_or_form_feed(text[i]))
            ++i;
        const std::size_t begin = i;
        while (i < text.size() && !is_space_or_form_feed(text[i]))
            ++i;
        if (i > begin && is_word(text.substr(begin, i - begin)))
            ++count;
    }
    return count;
}

std::size_t words_in(const Inlines& spans) {
    // Spans split words only where styles change ("**bold**ly" is one word), so count
    // over the joined text rather than span by span.
    return words_in(plain_text(spans));
}

std::size_t words_in(const std::vector<Block>& blocks);

std::size_t words_in(const Block& block) {
    switch (block.kind) {
        case BlockKind::heading:
        case BlockKind::paragraph:
            return words_in(block.text);
        case BlockKind::list: {
            std::size_t n = 0;
            for (const ListItem& item : block.items)
                n += words_in(item.blocks);
            return n;
        }
        case BlockKind::table: {
            std::size_t n = words_in(block.table.caption);
            for (const Inlines& cell : block.table.header)
                n += words_in(cell);
            for (const auto& row : block.table.rows)
                for (const Inlines& cell : row)
                    n += words_in(cell);
            return n;
        }
        case BlockKind::quote:
            return words_in(block.children);
        case BlockKind::callout:
            return words_in(block.title) + words_in(block.children);
        case BlockKind::step_flow: {
            std::size_t n = words_in(block.title);
            for (const Step& step : block.steps)
                n += words_in(step.title) + words_in(step.detail);
            return n;
        }
        // Images, cards, checks, code and rules are not prose read at reading speed.
        case BlockKind::image:
        case BlockKind::contact_card:
        case BlockKind::knowledge_check:
        case BlockKind::code:
        case BlockKind::rule:
            return 0;
    }
    return 0;
}

std::size_t words_in(const std::vector<Block>& blocks) {
    std::size_t n = 0;
    for (const Block& block : blocks)
        n += words_in(block);
    return n;
}

}  // namespace

std::size_t count_words(const Page& page) {
    return words_in(page.title) + words_in(page.blocks);
}

}  // namespace waymark::content
