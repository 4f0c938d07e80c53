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
//   TLS failures, unknown hosts                       ErrorCode::io, not retried;
//   a reply longer than LrsOptions::max_reply_bytes   ErrorCode::limit, not retried: the
//                                                      transfer is cut off there;
//   a 200 that does not list exactly the ids sent     ErrorCode::verification.
// Messages quote what the LRS said through printable_excerpt() (core/terminal_text.hpp):
// a hostile or broken server cannot fill the screen or send the terminal escape codes.
// A client holds one connection (kept alive between batches); it is not thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark::xapi {

// The longest reply body read from an LRS. The ids an LRS returns for a batch of 200
// statements are about 8 KB, and a page of 100 statements a few hundred; a server that
// sends more is not answering as an LRS, and reading on would let it fill the memory.
inline constexpr std::size_t kMaxReplyBytes = 1024 * 1024;

struct LrsOptions {
    // The LRS's xAPI endpoint, e.g. "https://lrs.example/xAPI"; "statements" is
    // appended to it. http:// and https:// only, no password, query or fragment
    // (waymark/xapi/endpoint.hpp).
    std::string endpoint;
    std::string user;  // empty: no authentication header
    std::string password;
    std::chrono::milliseconds timeout{30000};      // per request, connecting included
    int retries = 5;                               // after the first try
    std::chrono::milliseconds first_backoff{500};  // doubled after each retry
    std::chrono::milliseconds max_backoff{30000};
    std::size_t max_reply_bytes = kMaxReplyBytes;  // of a reply's body
    // Called before each retry with the retry number (1, 2, ...), the wait and why.
    std::function<void(int, std::chrono::milliseconds, const std::string&)> on_retry;
};

struct LrsReply {
    long status = 0;
    std::string body;
    std::string etag;  // the ETag header, quotes included; "" when there was none
};

class LrsClient {
  public:
    // Checks the endpoint (check_endpoint(): ErrorCode::usage for anything but an http(s)
    // URL, and for one holding a password) and sets up the connection; nothing is sent.
    static Result<LrsClient> create(LrsOptions options);
    LrsClient(LrsClient&&) noexcept;
    LrsClient& operator=(LrsClient&&) noexcept;
    ~LrsClient();

    // Posts `statements_json` (a JSON array of statements whose ids are `ids`, in that
    // order) and checks that the LRS acknowledged every one: a 200 whose body is a JSON
    // array of exactly those ids in the same order, as xAPI 1.0.3 (Communication 2.1.2)
    // has an LRS reply; ids are compared without regard to case, as UUIDs are. Anything
    // else is ErrorCode::verification quoting the reply. Retries and fails as described
    // at the top of this file. On error nothing may be assumed stored.
    Result<void> post_statements(std::string_view statements_json,
                                 std::span<const std::string> ids);

    // GETs `resource`, a path relative to the endpoint ("statements?limit=100") or an
    // absolute path on the same server ("/xAPI/statements?more=..."), as the LRS's
    // "more" links give. Retried like a post; any status is returned, not judged.
    Result<LrsReply> get(std::string_view resource);

    // Stores `json` as the document `profile_id` of the activity `activity_id` (xAPI's
    // Activity Profile resource). xAPI requires a PUT there to say which version it
    // replaces, so this first GETs the document: none (404) is created with
    // If-None-Match: *; one that is there is given to `check_existing` (when set), which
    // says whether to replace it (with If-Match: its ETag) or leave it as it is and
    // succeed, or returns an error, which is returned as it is with nothing stored. A
    // document changed by someone else in between (412 or 409) is read and checked again,
    // once. ErrorCode::untrusted for 401 and 403, ErrorCode::io for other refusals.
    Result<void> put_activity_profile(
        std::string_view activity_id, std::string_view profile_id, std::string_view json,
        const std::function<Result<bool>(const LrsReply& existing)>& check_existing = {});

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
