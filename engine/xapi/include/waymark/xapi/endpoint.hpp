// waymark/xapi/endpoint.hpp: the LRS address a manager gives `waymark sync`, checked, and
// written one way for the record of what that LRS acknowledged.
//
// The address is printed in messages and its normalised form is recorded in the ledger,
// an append-only file copied into backups and merged into other devices' ledgers, so
// it must never carry a password: "http://user:secret@lrs.example/xAPI" is refused
// (credentials go in a mode-0600 file, waymark/xapi/credentials.hpp), and messages
// about it quote the address with the "user:secret@" part removed.
#pragma once

#include <string>
#include <string_view>

#include "waymark/core/result.hpp"

namespace waymark::xapi {

// Checks an LRS address: http:// or https://, a host, and no user name or password, query
// ("?...") or fragment ("#..."), since the client appends resource names to it.
// ErrorCode::usage, quoting the address without_userinfo(), saying what to give instead.
Result<void> check_endpoint(std::string_view url);

// `url` with any "user:password@" before the host removed, for messages. Everything else
// is kept as given.
std::string without_userinfo(std::string_view url);

// The same LRS written one way, for the ledger's record of what it acknowledged, so that
// a different spelling of its address does not send everything again:
//   scheme and host in lower case ("HTTPS://LRS.Example" -> "https://lrs.example");
//   the scheme's default port dropped (":80" for http, ":443" for https);
//   "localhost", "127.0.0.1" and "[::1]" written "localhost" (this computer, however
//     it is named);
//   the path as given, less any trailing "/" ("/xAPI/" -> "/xAPI"), and no user name,
//     password, query or fragment.
// "http://127.0.0.1:8080/xAPI/" -> "http://localhost:8080/xAPI". Never fails: an address
// check_endpoint() refuses is normalised as far as it can be.
std::string normalised_endpoint(std::string_view url);

}  // namespace waymark::xapi
