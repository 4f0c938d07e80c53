// waymark/xapi/credentials.hpp: the LRS user name and password, read from files that
// only their owner can read.
//
// A password never goes on the command line (where `ps` and shell history would show
// it). It comes from a password file (the first line is the password) or a credentials
// file, a JSON object {"user": "...", "password": "..."}. Either file must be a regular
// file of mode 0600 (or stricter): anything readable by others is refused, with the
// chmod that fixes it.
#pragma once

#include <filesystem>
#include <string>

#include "waymark/core/result.hpp"

namespace waymark::xapi {

struct Credentials {
    std::string user;
    std::string password;
};

// ErrorCode::not_found for a missing file; ErrorCode::untrusted when group or others
// may read or write it; ErrorCode::parse / invalid for a malformed credentials file
// (naming the file, line and the missing or wrong field).
Result<Credentials> read_credentials_file(const std::filesystem::path& path);

// The first line of a password file, without its line ending; the same mode checks.
// ErrorCode::invalid for an empty password.
Result<std::string> read_password_file(const std::filesystem::path& path);

}  // namespace waymark::xapi
