// waymark/xapi/lrs_client.hpp: talking to a Learning Record Store over HTTP (libcurl).
//
// This is Waymark's only network use, and it is opt-in: a manager runs `waymark sync`.
// The client posts batches of statements to the LRS's statements resource with xAPI's
// version header and HTTP basic authentication, and tells apart the failures a manager
// must act on differently:
//   5xx, 429, timeouts, refused or reset connections  retried with exponential backoff,
//                                                      then an ErrorCode::io error;
//   400                                               ErrorCode::invalid with the LRS's
//                                                      own message, never retried;
//   409                                               ErrorCode::verification: the LRS
//                                                      holds a different statement with
//                                                      one of these ids;
//   401, 403                                          ErrorCode::untrusted: the user name
//                                                      or password was refused;
//   TLS failures, unknown hosts                       ErrorCode::io, not retried.
// A client holds one connection (kept alive between batches); it is not thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark::xapi {

struct LrsOptions {
    // The LRS's xAPI endpoint, e.g. "https://lrs.example/xAPI"; "statements" is
    // appended to it. http:// and https:// only.
    std::string endpoint;
    std::string user;  // empty: no authentication header
    std::string password;
    std::chrono::milliseconds timeout{30000};      // per request, connecting included
    int retries = 5;                               // after the first try
    std::chrono::milliseconds first_backoff{500};  // doubled after each retry
    std::chrono::milliseconds max_backoff{30000};
    // Called before each retry with the retry number (1, 2, ...), the wait and why.
    std::function<void(int, std::chrono::milliseconds, const std::string&)> on_retry;
};

struct LrsReply {
    long status = 0;
    std::string body;
};

class LrsClient {
  public:
    // Checks the endpoint (ErrorCode::usage for anything but an http(s) URL) and sets up
    // the connection; nothing is sent yet.
    static Result<LrsClient> create(LrsOptions options);
    LrsClient(LrsClient&&) noexcept;
    LrsClient& operator=(LrsClient&&) noexcept;
    ~LrsClient();

    // Posts `statements_json` (a JSON array of `count` statements) and checks that the
    // LRS acknowledged every one: a 200 with `count` ids. Retries and fails as described
    // at the top of this file. On error nothing may be assumed stored.
    Result<void> post_statements(std::string_view statements_json, std::size_t count);

    // GETs `resource`, a path relative to the endpoint ("statements?limit=100") or an
    // absolute path on the same server ("/xAPI/statements?more=..."), as the LRS's
    // "more" links give. Retried like a post; any status is returned, not judged.
    Result<LrsReply> get(std::string_view resource);

    // Every statement the LRS returns for GET statements, following "more" links;
    // each element is one statement's JSON. ErrorCode::io for a non-200 reply.
    Result<std::vector<std::string>> fetch_all_statements();

    const std::string& endpoint() const;
    // Requests retried since the client was created.
    int retries_used() const;

  private:
    struct State;
    explicit LrsClient(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace waymark::xapi
