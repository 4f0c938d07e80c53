#include "waymark/xapi/endpoint.hpp"

#include <algorithm>
#include <cctype>

namespace waymark::xapi {

namespace {

// An address cut at its delimiters (RFC 3986 section 3), without judging the parts.
struct UrlParts {
    std::string_view scheme;     // before "://"; empty when there is no "://"
    bool has_separator = false;  // "://" was there
    bool has_userinfo = false;
    std::string_view host;  // "[::1]" keeps its brackets
    std::string_view port;  // after the host's ":"; may be empty
    bool has_port = false;
    std::string_view path;  // from the first "/" up to "?" or "#"
    bool has_query = false;
    bool has_fragment = false;
};

UrlParts split(std::string_view url) {
    UrlParts p;
    std::string_view rest = url;
    if (const auto separator = url.find("://"); separator != std::string_view::npos) {
        p.scheme = url.substr(0, separator);
        p.has_separator = true;
        rest = url.substr(separator + 3);
    }
    const auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    std::string_view authority = rest.substr(0, authority_end);
    std::string_view tail = rest.substr(authority_end);
    // The last "@" ends the user information (a password may itself hold "@"), so all
    // of it is found however the password is written.
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        p.has_userinfo = true;
        authority.remove_prefix(at + 1);
    }
    std::size_t host_end = authority.size();
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        host_end = close == std::string_view::npos ? authority.size() : close + 1;
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host_end = colon;
    }
    p.host = authority.substr(0, host_end);
    if (host_end < authority.size() && authority[host_end] == ':') {
        p.has_port = true;
        p.port = authority.substr(host_end + 1);
    }
    const auto path_end = std::min(tail.find_first_of("?#"), tail.size());
    p.path = tail.substr(0, path_end);
    if (path_end < tail.size()) {
        p.has_fragment = tail.find('#') != std::string_view::npos;
        p.has_query = tail[path_end] == '?';
    }
    return p;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

Error usage(std::string_view url, const std::string& problem) {
    return make_error(ErrorCode::usage,
                      "the LRS address \"" + without_userinfo(url) + "\" " + problem);
}

constexpr const char* kExample = "e.g. https://lrs.example.org/xAPI";

}  // namespace

Result<void> check_endpoint(std::string_view url) {
    const UrlParts p = split(url);
    if (p.has_userinfo)
        return usage(url,
                     "has a user name or password in it (the part before \"@\"); an address is "
                     "printed and recorded in the ledger, so it must not hold a password. Give "
                     "the address without it, with --user NAME --password-file FILE or "
                     "--credentials FILE (files of mode 0600)");
    const std::string scheme = lower(p.scheme);
    if (!p.has_separator || (scheme != "http" && scheme != "https"))
        return usage(url, std::string("is not an http:// or https:// address; give the LRS's xAPI "
                                      "endpoint, ") +
                              kExample);
    if (p.host.empty() || p.host == "[]")
        return usage(url,
                     std::string("has no host name; give the LRS's xAPI endpoint, ") + kExample);
    if (p.has_port) {
        const int port =
            all_digits(p.port) && p.port.size() <= 5 ? std::stoi(std::string(p.port)) : 0;
        if (port < 1 || port > 65535)
            return usage(url, "has a port that is not a number from 1 to 65535");
    }
    if (p.has_query || p.has_fragment)
        return usage(url, std::string("has a query (\"?...\") or fragment (\"#...\"); give the "
                                      "LRS's xAPI endpoint alone, ") +
                              kExample);
    return {};
}

std::string without_userinfo(std::string_view url) {
    std::string_view rest = url;
    std::string out;
    if (const auto separator = url.find("://"); separator != std::string_view::npos) {
        out = std::string(url.substr(0, separator + 3));
        rest = url.substr(separator + 3);
    }
    const auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    const auto at = rest.substr(0, authority_end).rfind('@');
    if (at != std::string_view::npos)
        rest.remove_prefix(at + 1);
    return out + std::string(rest);
}

std::string normalised_endpoint(std::string_view url) {
    const UrlParts p = split(url);
    const std::string scheme = lower(p.scheme);
    std::string host = lower(p.host);
    if (host == "localhost" || host == "127.0.0.1" || host == "[::1]")
        host = "localhost";
    std::string port(p.port);
    if (all_digits(port)) {
        port.erase(0, std::min(port.find_first_not_of('0'), port.size() - 1));
        if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443"))
            port.clear();
    }
    std::string_view path = p.path;
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    return (p.has_separator ? scheme + "://" : std::string()) + host +
           (port.empty() ? "" : ":" + port) + std::string(path);
}

}  // namespace waymark::xapi
