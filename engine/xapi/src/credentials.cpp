#include "waymark/xapi/credentials.hpp"

#include <sys/stat.h>

#include <cstdio>

#include "waymark/core/files.hpp"
#include "waymark/core/json.hpp"

namespace waymark::xapi {

namespace {

constexpr std::uintmax_t kMaxBytes = 64 * 1024;

std::string octal(unsigned mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777);
    return text;
}

// Reads a secret file after checking it is a regular file only its owner can use.
Result<std::string> read_private(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return make_error(ErrorCode::not_found, "there is no such file; check the path",
                          path.string());
    if (!S_ISREG(st.st_mode))
        return make_error(ErrorCode::invalid, "this is not a regular file", path.string());
    if ((st.st_mode & 077) != 0)
        return make_error(ErrorCode::untrusted,
                          "this file holds a password but has mode " + octal(st.st_mode) +
                              ", so other users can read it; sync refuses to use it. Run "
                              "'chmod 600 " +
                              path.string() + "' and try again",
                          path.string());
    return read_file(path, kMaxBytes);
}

}  // namespace

Result<Credentials> read_credentials_file(const std::filesystem::path& path) {
    auto text = read_private(path);
    if (!text)
        return text.error();
    auto json = parse_json(*text, path.string());
    if (!json)
        return json.error();
    if (!json->is(JsonValue::Kind::object))
        return make_error(ErrorCode::invalid,
                          std::string("expected a JSON object {\"user\": ..., \"password\": ...}, "
                                      "found ") +
                              to_string(json->kind),
                          path.string() + ":" + std::to_string(json->line));
    Credentials out;
    for (const char* field : {"user", "password"}) {
        const JsonValue* v = json->find(field);
        if (!v || !v->is(JsonValue::Kind::string) || v->string.empty())
            return make_error(
                ErrorCode::invalid,
                std::string("the credentials need a non-empty \"") + field + "\" text",
                path.string() + ":" + std::to_string(v ? v->line : json->line));
        (std::string_view(field) == "user" ? out.user : out.password) = v->string;
    }
    return out;
}

Result<std::string> read_password_file(const std::filesystem::path& path) {
    auto text = read_private(path);
    if (!text)
        return text.error();
    std::string password = text->substr(0, text->find('\n'));
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    if (password.empty())
        return make_error(ErrorCode::invalid,
                          "the first line of the password file is empty; write the password "
                          "on it",
                          path.string() + ":1");
    return password;
}

}  // namespace waymark::xapi
