// waymark/content/blocks.hpp: the block model of a course page.
//
// Trainers write pages in Markdown; markdown.hpp turns each file into Pages of Blocks,
// and everything downstream (the validator, the player, the renderer) sees only this
// model, never Markdown. A Block is one of a closed set of kinds; which fields are used
// depends on the kind, as noted beside each field. Text inside blocks is a flat run of
// styled spans, which is what a renderer draws.
#pragma once

#include <string>
#include <vector>

namespace waymark::content {

// A run of text with one style. `link` is the target URL when the run is a link.
struct Span {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool code = false;
    bool strikethrough = false;
    std::string link;

    friend bool operator==(const Span&, const Span&) = default;
};
using Inlines = std::vector<Span>;

// Plain text of a run of spans (for search, word counts and screen readers).
std::string plain_text(const Inlines& spans);

enum class BlockKind {
    heading,          // level, text (a page's own title is Page::title, not a block)
    paragraph,        // text
    list,             // ordered, start, items
    table,            // table
    image,            // image
    quote,            // children
    callout,          // callout, title, children:  > [!NOTE] / [!IMPORTANT] / [!EMERGENCY]
    contact_card,     // ref: a contact id from the course's contacts file:  [[contact:id]]
    step_flow,        // title, steps:  > [!STEPS] Title, then an ordered list
    knowledge_check,  // ref: a question id from a knowledge-check bank:  [[check:id]]
    code,             // code (verbatim text)
    rule,             // a thematic break inside a page
};

enum class CalloutKind { note, important, emergency };

struct Block;

struct ListItem {
    std::vector<Block> blocks;
    friend bool operator==(const ListItem&, const ListItem&) = default;
};

enum class Alignment { left, center, right };

struct Table {
    // Names the table for screen readers and above it on screen. Written as a paragraph
    // "Table: ..." directly before or after the table (pandoc's syntax); empty when none.
    Inlines caption;
    std::vector<Inlines> header;             // one entry per column
    std::vector<Alignment> alignment;        // one entry per column
    std::vector<std::vector<Inlines>> rows;  // each row has header.size() cells
    friend bool operator==(const Table&, const Table&) = default;
};

struct Image {
    std::string src;  // path inside the course folder, e.g. "assets/contest.png"
    std::string alt;  // required: describes the image for people who cannot see it
    std::string title;
    friend bool operator==(const Image&, const Image&) = default;
};

struct Step {
    Inlines title;              // the bold lead of the list item, or its first line
    std::vector<Block> detail;  // what follows in the item
    friend bool operator==(const Step&, const Step&) = default;
};

struct Block {
    BlockKind kind = BlockKind::paragraph;
    int line = 0;  // 1-based line in the source file where the block starts

    int level = 0;                            // heading: 2-6 (level 1 starts a new page)
    Inlines text;                             // heading, paragraph
    bool ordered = false;                     // list
    int start = 1;                            // list: number of the first item when ordered
    std::vector<ListItem> items;              // list
    Table table;                              // table
    Image image;                              // image
    CalloutKind callout = CalloutKind::note;  // callout
    Inlines title;                            // callout (optional), step_flow
    std::vector<Block> children;              // quote, callout
    std::vector<Step> steps;                  // step_flow
    std::string ref;                          // contact_card, knowledge_check
    std::string code;                         // code
    std::string code_language;                // code

    friend bool operator==(const Block&, const Block&) = default;
};

// A page is what the player shows at once. In a module file each level-1 heading
// starts a new page; its text is the page title.
struct Page {
    std::string title;
    std::string anchor;  // slug of the title, unique within the module: "due-regard"
    int line = 0;
    std::vector<Block> blocks;
    friend bool operator==(const Page&, const Page&) = default;
};

}  // namespace waymark::content
