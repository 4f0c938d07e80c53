#include "page_html.hpp"

#include "waymark/content/markdown.hpp"
#include "waymark/publish/block_html.hpp"
#include "waymark/publish/html_text.hpp"

namespace waymark::bench {

const content::Page& longest_page(const course::Course& course, const course::Module** module) {
    const content::Page* best = &course.modules.front().pages.front();
    *module = &course.modules.front();
    std::size_t most = 0;
    for (const auto& m : course.modules)
        for (const auto& p : m.pages)
            if (const std::size_t words = content::count_words(p); words > most) {
                most = words;
                best = &p;
                *module = &m;
            }
    return *best;
}

std::string page_html(const course::Course& course, const content::Page& page) {
    using publish::html_escape;
    // The published course's own rendering of the blocks (engine/publish), so the browser
    // draws what a learner of the published course would; links and images lead nowhere
    // in a single file, so they stay text and are left out.
    publish::RenderContext ctx;
    ctx.course = &course;
    ctx.page_title = page.title;
    std::string out =
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" +
        html_escape(page.title) +
        "</title><style>body{font-family:'DejaVu Sans',sans-serif;background:#f4f3ef;"
        "color:#222;margin:0}main{max-width:70ch;margin:40px auto;line-height:1.6}"
        ".callout{background:#e8f1fb;border-left:4px solid #3b7cc4;padding:8px 16px;"
        "margin:12px 0}.contact-card{background:#fff;border:1px solid #ccc;border-radius:6px;"
        "padding:8px 16px;margin:12px 0}table{border-collapse:collapse}td,th{border:1px "
        "solid #ccc;padding:4px 8px}</style></head><body><main><h1>" +
        html_escape(page.title) + "</h1>";
    out += publish::render_blocks(page.blocks, ctx);
    return out + "</main></body></html>\n";
}

}  // namespace waymark::bench
