#include "waymark/core/terminal_text.hpp"

namespace waymark {

namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string byte_escape(unsigned char c) {
    return {'\\', 'x', kHex[c >> 4], kHex[c & 0xf]};
}

bool continuation(unsigned char c) {
    return (c & 0xc0) == 0x80;
}

// The length of the valid UTF-8 sequence starting at text[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 when the byte there starts none.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char lead = at(0);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf;  // the range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        low = lead == 0xe0 ? 0xa0 : 0x80;
        high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        low = lead == 0xf0 ? 0x90 : 0x80;
        high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 0;
    }
    if (i + length > text.size() || at(1) < low || at(1) > high)
        return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (!continuation(at(k)))
            return 0;
    return length;
}

// Calls `emit` with each piece of the printable form of `text` in turn (one character or
// one escape) and the number of input bytes it stands for, until `emit` returns false.
template <typename Emit>
void for_each_piece(std::string_view text, Emit emit) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::string piece;
        std::size_t used = 1;
        if (c < 0x80) {
            if (c == '\n')
                piece = "\\n";
            else if (c == '\r')
                piece = "\\r";
            else if (c == '\t')
                piece = "\\t";
            else if (c < 0x20 || c == 0x7f)
                piece = byte_escape(c);
            else
                piece.assign(1, static_cast<char>(c));
        } else if (const std::size_t length = sequence_length(text, i); length == 0) {
            piece = byte_escape(c);
        } else {
            used = length;
            const auto second = static_cast<unsigned char>(text[i + 1]);
            // U+0080..U+009F: C1 controls, which some terminals obey like ESC sequences
            // (U+009B is a whole CSI).
            if (c == 0xc2 && second <= 0x9f)
                piece = std::string("\\u00") + kHex[second >> 4] + kHex[second & 0xf];
            else
                piece.assign(text.substr(i, length));
        }
        if (!emit(piece, used))
            return;
        i += used;
    }
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_piece(text, [&](const std::string& piece, std::size_t) {
        out += piece;
        return true;
    });
    return out;
}

std::string printable_excerpt(std::string_view text, std::size_t max_bytes) {
    std::string out;
    std::size_t consumed = 0;
    for_each_piece(text, [&](const std::string& piece, std::size_t used) {
        if (out.size() + piece.size() > max_bytes)
            return false;
        out += piece;
        consumed += used;
        return true;
    });
    if (consumed < text.size())
        out += "... (" + std::to_string(text.size()) + " bytes in all)";
    return out;
}

}  // namespace waymark
