// waymark/ui/wrap.hpp: where the player's text breaks into lines.
//
// Text is drawn word by word (rich_text.cpp). A word may be glued to the next, with no
// space between, where a span ends inside a word: a link followed by its full stop, bold
// text followed by a comma. Glued words move to the next line together, so no line ever
// starts with the punctuation after a link or styled word.
#pragma once

#include <cstddef>
#include <vector>

namespace waymark::ui {

struct WrapWord {
    float ink = 0;               // width of the word's letters
    float advance = 0;           // width with the spaces after it
    bool glued_to_next = false;  // no space between this word and the next
};

// The index of the first word of each line when `words` are wrapped at `width`. A run
// of glued words wider than the whole line stays on a line of its own.
std::vector<std::size_t> wrap_words(const std::vector<WrapWord>& words, float width);

}  // namespace waymark::ui
