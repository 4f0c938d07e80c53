// waymark/content/markdown.hpp: module pages from Markdown (md4c) to the block model.
//
// A module is one Markdown file. Each level-1 heading (`# Title`) starts a page. Beyond
// CommonMark with tables and strikethrough, trainers write:
//     > [!NOTE]  > [!IMPORTANT]  > [!EMERGENCY]   a callout (optional title after it)
//     > [!STEPS] Referral route                   a step flow: an ordered list inside;
//     > 1. **Notice** a concern ...                 each item is a step, its bold lead
//                                                   is the step's title
//     [[contact:prevent-team]]                    a contact card (alone in a paragraph)
//     [[check:contest-four-strands]]              a knowledge check (alone in a paragraph)
//     ![Alt text](assets/picture.png)             an image; alt text is required
// Only problems visible in the file itself are reported here (missing alt text, an
// unknown callout, text before the first page, raw HTML); whether an image, contact
// or question exists is the course validator's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "waymark/content/blocks.hpp"
#include "waymark/core/diagnostics.hpp"

namespace waymark::content {

// Converts one module file. `file` is the path reported in diagnostics. Never throws
// on any input; hostile input yields diagnostics, not crashes.
std::vector<Page> parse_module_markdown(std::string_view text, const std::string& file,
                                        Diagnostics& out);

// Words in a page's visible text (headings, paragraphs, lists, tables, callouts, steps),
// for reading-time estimates.
std::size_t count_words(const Page& page);

}  // namespace waymark::content
