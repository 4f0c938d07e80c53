// tools/bench/page_html.hpp: a course page as one self-contained HTML file, so the player
// benchmark can time a browser drawing the same content. Not used by the product.
#pragma once

#include <string>

#include "waymark/course/course.hpp"

namespace waymark::bench {

// The page with the most words in the course, and its module.
const content::Page& longest_page(const course::Course& course, const course::Module** module);

// The page's blocks as the published course renders them (publish::render_blocks), with
// inline CSS like the player's light theme; images are left out.
std::string page_html(const course::Course& course, const content::Page& page);

}  // namespace waymark::bench
