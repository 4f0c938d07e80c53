// Course text made safe for the XML of the LMS manifests. One home for both manifests.
#pragma once

#include <string>
#include <string_view>

#include "waymark/publish/html_text.hpp"

namespace waymark::publish {

// `text` escaped as for HTML (& < > " '), without the control characters XML 1.0 allows
// in no form, not even as a character reference (all below a space but tab, line feed
// and carriage return): one of them in a title would make the whole manifest unreadable.
inline std::string xml_text(std::string_view text) {
    std::string kept;
    kept.reserve(text.size());
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r')
            kept += c;
    return html_escape(kept);
}

}  // namespace waymark::publish
