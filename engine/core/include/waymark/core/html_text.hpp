// waymark/core/html_text.hpp: text made safe to place in HTML or SVG markup.
//
// The HTML report names learners and teams; published courses carry whatever a course's
// author wrote. Both may hold text that closes a tag or ends an attribute, so every
// string from outside the program goes through html_escape() before it meets markup.
#pragma once

#include <string>
#include <string_view>

namespace waymark {

// `text` with & < > " ' escaped: safe in element content and in quoted attribute values
// (never in an unquoted attribute, a <script> or a URL's scheme: check those apart).
std::string html_escape(std::string_view text);

}  // namespace waymark
