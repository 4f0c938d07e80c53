#include "waymark/publish/block_html.hpp"

#include <algorithm>

#include "question_form.hpp"
#include "waymark/publish/html_text.hpp"

namespace waymark::publish {

namespace {

using content::Block;
using content::BlockKind;
using content::CalloutKind;

std::string styled(const content::Span& span) {
    std::string html = html_escape(span.text);
    if (span.code)
        html = "<code>" + html + "</code>";
    if (span.strikethrough)
        html = "<s>" + html + "</s>";
    if (span.italic)
        html = "<em>" + html + "</em>";
    if (span.bold)
        html = "<strong>" + html + "</strong>";
    return html;
}

const char* callout_label(CalloutKind kind) {
    switch (kind) {
        case CalloutKind::note:
            return "Note";
        case CalloutKind::important:
            return "Important";
        case CalloutKind::emergency:
            return "Emergency";
    }
    return "Note";
}

const char* callout_class(CalloutKind kind) {
    switch (kind) {
        case CalloutKind::note:
            return "callout-note";
        case CalloutKind::important:
            return "callout-important";
        case CalloutKind::emergency:
            return "callout-emergency";
    }
    return "callout-note";
}

const char* alignment_class(content::Alignment a) {
    switch (a) {
        case content::Alignment::left:
            return "";
        case content::Alignment::center:
            return " class=\"align-center\"";
        case content::Alignment::right:
            return " class=\"align-right\"";
    }
    return "";
}

// Renders the blocks of one page, keeping what spans blocks: the heading level reached
// (so none is skipped), the last heading (a table's caption) and the ids handed out.
class PageRenderer {
  public:
    explicit PageRenderer(const RenderContext& ctx) : ctx_(ctx) {}

    void blocks(const std::vector<Block>& list) {
        for (const auto& b : list)
            block(b);
    }

    std::string take() { return std::move(out_); }

  private:
    void block(const Block& b) {
        switch (b.kind) {
            case BlockKind::heading:
                return heading(b);
            case BlockKind::paragraph:
                out_ += "<p>" + render_inlines(b.text, ctx_) + "</p>\n";
                return;
            case BlockKind::list:
                return list(b);
            case BlockKind::table:
                return table(b.table);
            case BlockKind::image:
                return image(b.image);
            case BlockKind::quote:
                out_ += "<blockquote>\n";
                blocks(b.children);
                out_ += "</blockquote>\n";
                return;
            case BlockKind::callout:
                return callout(b);
            case BlockKind::contact_card:
                return contact_card(b);
            case BlockKind::step_flow:
                return step_flow(b);
            case BlockKind::knowledge_check:
                return knowledge_check(b);
            case BlockKind::code:
                // Focusable: a long line scrolls, and a keyboard must be able to scroll it.
                out_ += "<pre tabindex=\"0\"><code>" + html_escape(b.code) + "</code></pre>\n";
                return;
            case BlockKind::rule:
                out_ += "<hr>\n";
                return;
        }
    }

    void heading(const Block& b) {
        level_ = std::clamp(b.level, 2, std::min(level_ + 1, 6));
        last_heading_ = content::plain_text(b.text);
        const std::string tag = "h" + std::to_string(level_);
        out_ += "<" + tag + ">" + render_inlines(b.text, ctx_) + "</" + tag + ">\n";
    }

    void list(const Block& b) {
        const char* tag = b.ordered ? "ol" : "ul";
        out_ += std::string("<") + tag;
        if (b.ordered && b.start != 1)
            out_ += " start=\"" + std::to_string(b.start) + "\"";
        out_ += ">\n";
        for (const auto& item : b.items) {
            out_ += "<li>";
            // A tight item (one paragraph) is its text, without a paragraph around it.
            if (item.blocks.size() == 1 && item.blocks[0].kind == BlockKind::paragraph)
                out_ += render_inlines(item.blocks[0].text, ctx_);
            else
                blocks(item.blocks);
            out_ += "</li>\n";
        }
        out_ += std::string("</") + tag + ">\n";
    }

    void table(const content::Table& t) {
        const std::string id = next_id("table");
        // A table the trainer did not caption is named by the heading it sits under.
        const std::string caption =
            !t.caption.empty()
                ? render_inlines(t.caption, ctx_)
                : html_escape(last_heading_.empty() ? ctx_.page_title : last_heading_);
        // The region scrolls sideways on a narrow screen instead of the whole page; it is
        // focusable so a keyboard can scroll it, and named by the table's caption.
        out_ += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" +
                id + "\">\n<table>\n<caption id=\"" + id + "\">" + caption +
                "</caption>\n<thead>\n<tr>";
        for (std::size_t c = 0; c < t.header.size(); ++c)
            out_ += "<th scope=\"col\"" + std::string(align(t, c)) + ">" +
                    render_inlines(t.header[c], ctx_) + "</th>";
        out_ += "</tr>\n</thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
            out_ += "<tr>";
            for (std::size_t c = 0; c < row.size(); ++c)
                out_ +=
                    "<td" + std::string(align(t, c)) + ">" + render_inlines(row[c], ctx_) + "</td>";
            out_ += "</tr>\n";
        }
        out_ += "</tbody>\n</table>\n</div>\n";
    }

    static const char* align(const content::Table& t, std::size_t column) {
        return column < t.alignment.size() ? alignment_class(t.alignment[column]) : "";
    }

    void image(const content::Image& img) {
        const std::string url = ctx_.image_url ? ctx_.image_url(img.src) : std::string{};
        if (url.empty()) {
            // Not in the course (a checked course never gets here): its description at least.
            out_ += "<p>" + html_escape(img.alt) + "</p>\n";
            return;
        }
        out_ += "<figure>\n<img src=\"" + html_escape(url) + "\" alt=\"" + html_escape(img.alt) +
                "\">\n";
        if (!img.title.empty())
            out_ += "<figcaption>" + html_escape(img.title) + "</figcaption>\n";
        out_ += "</figure>\n";
    }

    void callout(const Block& b) {
        const std::string id = next_id("callout");
        const std::string title =
            b.title.empty() ? html_escape(callout_label(b.callout)) : render_inlines(b.title, ctx_);
        out_ += std::string("<div class=\"callout ") + callout_class(b.callout) +
                "\" role=\"note\" aria-labelledby=\"" + id +
                "\">\n<p class=\"callout-title\" id=\"" + id + "\"><strong>" + title +
                "</strong></p>\n";
        blocks(b.children);
        out_ += "</div>\n";
    }

    void contact_card(const Block& b) {
        const course::Contact* contact = ctx_.course ? ctx_.course->find_contact(b.ref) : nullptr;
        if (!contact) {
            out_ += "<p>(The contact \"" + html_escape(b.ref) +
                    "\" is missing from this course.)</p>\n";
            return;
        }
        out_ += render_contact(*contact);
    }

    void step_flow(const Block& b) {
        const std::string id = next_id("steps");
        out_ += "<div class=\"step-flow\">\n";
        if (!b.title.empty())
            out_ += "<p class=\"step-flow-title\" id=\"" + id + "\"><strong>" +
                    render_inlines(b.title, ctx_) +
                    "</strong></p>\n<ol class=\"steps\" "
                    "aria-labelledby=\"" +
                    id + "\">\n";
        else
            out_ += "<ol class=\"steps\">\n";
        for (const auto& step : b.steps) {
            out_ += "<li>\n<p class=\"step-title\"><strong>" + render_inlines(step.title, ctx_) +
                    "</strong></p>\n";
            blocks(step.detail);
            out_ += "</li>\n";
        }
        out_ += "</ol>\n</div>\n";
    }

    // A form that the engine in the browser marks (question_form.hpp); its heading sits
    // one level below the section it is in.
    void knowledge_check(const Block& b) {
        const content::Question* q =
            ctx_.course ? ctx_.course->find_knowledge_check(b.ref) : nullptr;
        if (!q) {
            // Not in the course (a checked course never gets here): say so rather than guess.
            out_ += "<p>A knowledge check belongs here, but the course does not have it.</p>\n";
            return;
        }
        if (ctx_.checks_shown)
            ctx_.checks_shown->push_back(q);
        QuestionFormOptions form;
        form.id = next_id("check");
        form.heading = "Knowledge check";
        form.heading_tag = "h" + std::to_string(std::min(level_ + 1, 6));
        form.submit_label = "Check answer";
        out_ += render_question_form(*q, form);
    }

    std::string next_id(const char* kind) {
        return kind + std::string("-") + std::to_string(++ids_);
    }

    const RenderContext& ctx_;
    std::string out_;
    int level_ = 1;  // the page title is the h1
    int ids_ = 0;
    std::string last_heading_;
};

}  // namespace

std::string render_inlines(const content::Inlines& spans, const RenderContext& ctx) {
    std::string out;
    for (std::size_t i = 0; i < spans.size();) {
        // Neighbouring spans with the same target are one link, read out once.
        std::size_t end = i + 1;
        while (end < spans.size() && spans[end].link == spans[i].link)
            ++end;
        std::string text;
        for (std::size_t j = i; j < end; ++j)
            text += styled(spans[j]);
        const std::string& target = spans[i].link;
        std::string href;
        if (!target.empty()) {
            href = external_link(target);
            if (href.empty() && ctx.course_link && target.find(':') == std::string::npos)
                href = ctx.course_link(target);
        }
        out += href.empty() ? text : "<a href=\"" + html_escape(href) + "\">" + text + "</a>";
        i = end;
    }
    return out;
}

std::string render_blocks(const std::vector<content::Block>& blocks, const RenderContext& ctx) {
    PageRenderer renderer(ctx);
    renderer.blocks(blocks);
    return renderer.take();
}

std::string render_contact(const course::Contact& c, std::string_view heading_tag) {
    std::string out = std::string("<div class=\"contact-card") +
                      (c.emergency ? " contact-emergency" : "") + "\">\n";
    if (heading_tag.empty())
        out += "<p class=\"contact-name\"><strong>" + html_escape(c.name) + "</strong></p>\n";
    else
        out += "<" + std::string(heading_tag) + " class=\"contact-name\">" + html_escape(c.name) +
               "</" + std::string(heading_tag) + ">\n";
    if (!c.role.empty())
        out += "<p class=\"contact-role\">" + html_escape(c.role) + "</p>\n";
    std::string ways;
    auto way = [&](const char* label, const std::string& text, const std::string& href) {
        if (text.empty())
            return;
        ways +=
            std::string("<li>") + label + ": " +
            (href.empty() ? html_escape(text)
                          : "<a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a>") +
            "</li>\n";
    };
    way("Phone", c.phone, tel_link(c.phone));
    way("Email", c.email, mailto_link(c.email));
    way("Web", c.url, external_link(c.url));
    if (!ways.empty())
        out += "<ul class=\"contact-ways\">\n" + ways + "</ul>\n";
    if (!c.hours.empty())
        out += "<p class=\"contact-hours\">Hours: " + html_escape(c.hours) + "</p>\n";
    if (!c.description.empty())
        out += "<p>" + html_escape(c.description) + "</p>\n";
    out += "</div>\n";
    return out;
}

}  // namespace waymark::publish
