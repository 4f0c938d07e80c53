#include "gift_numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace waymark::gift {

std::optional<double> read_number(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-')
            return std::nullopt;
    }
    if (text.empty())
        return std::nullopt;
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string write_number(double value) {
    char buffer[64];
    const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc())
        return "0";
    return std::string(buffer, ptr);
}

std::optional<double> read_percent(std::string_view text) {
    // Scaling the decimal text rather than the double keeps the one rounding step that
    // write_percent relies on: the shortest decimal of a fraction reads back exactly.
    for (const char c : text)
        if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+')
            return std::nullopt;
    return read_number(std::string(text) + "e-2");
}

std::string write_percent(double fraction) {
    char buffer[400];
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, fraction, std::chars_format::fixed);
    if (ec != std::errc())
        return "0";
    std::string digits(buffer, end);
    std::string sign;
    if (!digits.empty() && digits.front() == '-') {
        sign = "-";
        digits.erase(0, 1);
    }
    // Move the decimal point two places right: 0.335 -> 33.5.
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string decimals = dot == std::string::npos ? std::string() : digits.substr(dot + 1);
    if (decimals.size() < 2)
        decimals.append(2 - decimals.size(), '0');
    whole += decimals.substr(0, 2);
    decimals.erase(0, 2);
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    decimals.erase(decimals.find_last_not_of('0') + 1);
    return sign + whole + (decimals.empty() ? "" : "." + decimals);
}

}  // namespace waymark::gift
