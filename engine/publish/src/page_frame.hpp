// The frame every published page shares: head (language, CSP, the web runtime), skip
// link, banner with the course name, the pinned contact and the course navigation, main,
// the previous/next navigation and the footer. One home for what is on every page.
#pragma once

#include <string>

#include "waymark/course/course.hpp"

namespace waymark::publish {

// The Content-Security-Policy of every page: only the site's own scripts, styles and
// images; no connections, frames, fonts, forms or base URL. A page that runs the
// assessment engine (assessment.js) may also compile WebAssembly ('wasm-unsafe-eval',
// which allows no eval() of script).
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'";
inline constexpr const char* kEngineContentSecurityPolicy =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'";

// Where a page sits in the course navigation (marked aria-current there).
enum class Section { contents, page, contacts, assessment };

struct PageLink {
    std::string href;   // empty: no such page
    std::string title;  // plain text
};

struct FrameInput {
    std::string title;      // plain text: the h1 and the start of <title>
    std::string kicker;     // plain text above the h1, such as "Module 2 of 8: CONTEST"
    std::string body_html;  // what follows the h1 inside main
    Section section = Section::page;
    PageLink previous;
    PageLink next;
    // Loads the assessment engine (assessment.js) before waymark.js: the page has
    // knowledge checks or is the assessment.
    bool runs_engine = false;
    // <script type="application/json"> elements for waymark.js (assessment_data.hpp),
    // placed at the end of the body.
    std::string data_html;
};

std::string page_html(const course::Course& course, const FrameInput& page);

}  // namespace waymark::publish
