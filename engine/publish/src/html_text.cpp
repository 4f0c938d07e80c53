#include "waymark/publish/html_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace waymark::publish {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

}  // namespace

std::string external_link(std::string_view target) {
    // Refuse rather than trim: a link that needs cleaning is not one the checker passed.
    if (std::any_of(target.begin(), target.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
        return {};
    for (const std::string_view scheme : {"https://", "http://", "mailto:", "tel:"})
        if (starts_with_ignoring_case(target, scheme) && target.size() > scheme.size())
            return std::string(target);
    return {};
}

std::string tel_link(std::string_view phone) {
    std::string digits;
    for (const char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c == '+' && digits.empty())
            digits += c;
    }
    if (digits.empty() || digits == "+")
        return {};
    return "tel:" + digits;
}

std::string mailto_link(std::string_view email) {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
        email.find('@', at + 1) != std::string_view::npos)
        return {};
    const bool plain = std::all_of(email.begin(), email.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("@.-_+").find(c) != std::string_view::npos;
    });
    return plain ? "mailto:" + std::string(email) : std::string{};
}

std::string url_path(std::string_view path) {
    static constexpr std::array<char, 16> hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string out;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || std::string_view("-._~/").find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

}  // namespace waymark::publish
