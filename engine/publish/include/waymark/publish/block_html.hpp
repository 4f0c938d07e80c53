// waymark/publish/block_html.hpp: the one HTML rendering of the block model.
//
// Every published format (the html folder now; SCORM 1.2 and cmi5 packages later) shows a
// page through render_blocks(). The markup is semantic so that screen readers and
// keyboards get structure from the elements themselves: headings stay in order below the
// page's h1, tables have a caption and header cells, images keep their alt text, step
// flows are ordered lists, contact cards link phone numbers (tel:) and email addresses
// (mailto:), knowledge checks are forms (question_form.hpp) that the engine in the
// browser marks. All course text is escaped (html_text.hpp) and a link is only made for a
// web, mailto: or tel: target or a page of the course; anything else stays plain text.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/content/blocks.hpp"
#include "waymark/course/course.hpp"

namespace waymark::publish {

// What the renderer needs from the site around a page.
struct RenderContext {
    // Contacts (for contact cards) and knowledge checks; may be null in tests of plain text.
    const course::Course* course = nullptr;
    // The published URL of a link target written in the page ("02-contest.md#due-regard",
    // "#scope"), or "" when it leads to nothing in the course.
    std::function<std::string(std::string_view target)> course_link;
    // The published URL of an image's src, or "" when the course has no such image.
    std::function<std::string(std::string_view src)> image_url;
    // The accessible name of the tables on this page that have no heading above them.
    std::string page_title;
    // When set, each knowledge check rendered as a form is added to it, so the page can
    // hand those questions to the engine in the browser.
    std::vector<const content::Question*>* checks_shown = nullptr;
};

// The blocks of one page, placed below the page's own h1: headings are shifted so none
// skips a level (a level-4 heading straight after the h1 becomes an h2).
std::string render_blocks(const std::vector<content::Block>& blocks, const RenderContext& ctx);

// A run of styled text as phrasing content.
std::string render_inlines(const content::Inlines& spans, const RenderContext& ctx);

// A contact as a card: name, role, phone (tel:), email (mailto:), web site, hours and
// what to call about. `heading_tag` is "h2".."h6" on the contacts page, or "" inside a
// page, where the name is bold text so the page's heading order stays intact.
std::string render_contact(const course::Contact& contact, std::string_view heading_tag = "");

}  // namespace waymark::publish
