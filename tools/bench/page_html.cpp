#include "page_html.hpp"

#include "waymark/content/markdown.hpp"

namespace waymark::bench {

namespace {

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string spans(const content::Inlines& text) {
    std::string out;
    for (const auto& s : text) {
        std::string t = escape(s.text);
        if (s.code)
            t = "<code>" + t + "</code>";
        if (s.bold)
            t = "<strong>" + t + "</strong>";
        if (s.italic)
            t = "<em>" + t + "</em>";
        if (s.strikethrough)
            t = "<s>" + t + "</s>";
        if (!s.link.empty())
            t = "<a href=\"" + escape(s.link) + "\">" + t + "</a>";
        out += t;
    }
    return out;
}

void blocks(const course::Course& course, const std::vector<content::Block>& list,
            std::string& out) {
    using content::BlockKind;
    for (const auto& b : list) {
        switch (b.kind) {
            case BlockKind::heading:
                out += "<h" + std::to_string(b.level) + ">" + spans(b.text) + "</h" +
                       std::to_string(b.level) + ">";
                break;
            case BlockKind::paragraph:
                out += "<p>" + spans(b.text) + "</p>";
                break;
            case BlockKind::list:
                out += b.ordered ? "<ol>" : "<ul>";
                for (const auto& item : b.items) {
                    out += "<li>";
                    blocks(course, item.blocks, out);
                    out += "</li>";
                }
                out += b.ordered ? "</ol>" : "</ul>";
                break;
            case BlockKind::table:
                out += "<table><tr>";
                for (const auto& h : b.table.header)
                    out += "<th>" + spans(h) + "</th>";
                out += "</tr>";
                for (const auto& row : b.table.rows) {
                    out += "<tr>";
                    for (const auto& cell : row)
                        out += "<td>" + spans(cell) + "</td>";
                    out += "</tr>";
                }
                out += "</table>";
                break;
            case BlockKind::quote:
                out += "<blockquote>";
                blocks(course, b.children, out);
                out += "</blockquote>";
                break;
            case BlockKind::callout:
                out += "<div class=\"callout\"><strong>" + spans(b.title) + "</strong>";
                blocks(course, b.children, out);
                out += "</div>";
                break;
            case BlockKind::step_flow:
                out += "<h3>" + spans(b.title) + "</h3><ol class=\"steps\">";
                for (const auto& step : b.steps) {
                    out += "<li><strong>" + spans(step.title) + "</strong>";
                    blocks(course, step.detail, out);
                    out += "</li>";
                }
                out += "</ol>";
                break;
            case BlockKind::contact_card:
                if (const auto* c = course.find_contact(b.ref))
                    out += "<div class=\"card\"><strong>" + escape(c->name) + "</strong><p>" +
                           escape(c->phone) + " " + escape(c->email) + "</p><p>" +
                           escape(c->description) + "</p></div>";
                break;
            case BlockKind::code:
                out += "<pre>" + escape(b.code) + "</pre>";
                break;
            case BlockKind::rule:
                out += "<hr>";
                break;
            case BlockKind::image:
            case BlockKind::knowledge_check:
                break;
        }
    }
}

}  // namespace

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
    std::string out =
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" +
        escape(page.title) +
        "</title><style>body{font-family:'DejaVu Sans',sans-serif;background:#f4f3ef;"
        "color:#222;margin:0}main{max-width:70ch;margin:40px auto;line-height:1.6}"
        ".callout{background:#e8f1fb;border-left:4px solid #3b7cc4;padding:8px 16px;"
        "margin:12px 0}.card{background:#fff;border:1px solid #ccc;border-radius:6px;"
        "padding:8px 16px;margin:12px 0}table{border-collapse:collapse}td,th{border:1px "
        "solid #ccc;padding:4px 8px}</style></head><body><main><h1>" +
        escape(page.title) + "</h1>";
    blocks(course, page.blocks, out);
    return out + "</main></body></html>\n";
}

}  // namespace waymark::bench
