// waymark/publish/html_text.hpp: course text made safe to place in HTML.
//
// Everything a course says (titles, pages, contacts, alt text, link targets) is written
// by someone we do not control and may be hostile: text that closes a tag, a quote that
// ends an attribute, a javascript: link. Every string the publisher puts into a page
// goes through one of these; nothing else reaches the markup.
#pragma once

#include <string>
#include <string_view>

#include "waymark/core/html_text.hpp"

namespace waymark::publish {

// Text is escaped with html_escape() (waymark/core/html_text.hpp), shared with the
// HTML report.
using waymark::html_escape;

// `target` when it is a web, mailto: or tel: link (https://, http://, mailto:, tel:, in
// any letter case), else "". Anything else with a scheme (javascript:, data:, file:,
// vbscript:) is refused, and so is a target with control characters or spaces before its
// scheme, which browsers strip before deciding what a link does.
std::string external_link(std::string_view target);

// "tel:+441234567890" for a phone number as people write it ("01234 567 890"), keeping
// only digits and a leading +; "" when there are no digits.
std::string tel_link(std::string_view phone);

// "mailto:name@example.org" when `email` is a plain address (no spaces, quotes, angle
// brackets, query or second @), else "".
std::string mailto_link(std::string_view email);

// `path` (a course file such as "assets/Run hide.png") percent-encoded for a relative
// URL: letters, digits, - . _ ~ and / stay, every other byte becomes %XX.
std::string url_path(std::string_view path);

}  // namespace waymark::publish
