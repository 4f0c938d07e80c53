// A scripted HTTP server on 127.0.0.1 for the LRS client's unit tests: it answers each
// request with the next scripted reply (status, body, delay) and records what it got.
// It is only a stand-in for failure cases a real LRS will not produce on demand; the
// integration tests use Learning Locker's own statement service.
//
// Requests to the Activity Profile resource (".../activities/profile") are answered by a
// document store that keeps xAPI's concurrency rules (ETags, If-Match, If-None-Match),
// unless replies were scripted for them with script_documents().
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace waymark::xapi::testing {

struct ScriptedReply {
    int status = 200;
    std::string body;
    std::chrono::milliseconds delay{0};  // before answering: longer than a timeout
    // Answer a POST of statements as an LRS does: 200 and the ids of the statements in
    // the request, in order (`body` is not used).
    bool acknowledge = false;
    // Send this many bytes of body with no Content-Length, as fast as the client takes
    // them, and stop early when it hangs up (`body` is not used): an endless reply.
    std::size_t stream_bytes = 0;
    bool stream_as_headers = false;    // stream header lines instead, and never end them
    std::vector<std::string> headers;  // more header lines, "Name: value"
};

// The reply an LRS gives a batch of statements it stored.
ScriptedReply acknowledge();

struct ReceivedRequest {
    std::string method;
    std::string target;
    std::vector<std::string> headers;  // "Name: value", as sent
    std::string body;
    bool has_header(const std::string& line) const;
    // The value of the first header of that name (any case), if any.
    std::optional<std::string> header(const std::string& name) const;
    // The target's path, without the query.
    std::string path() const;
    // A query parameter, percent-decoded; "" when absent.
    std::string query(const std::string& name) const;
};

class MockLrs {
  public:
    // Listens on a free port; replies with `fallback` once the script runs out.
    explicit MockLrs(ScriptedReply fallback = acknowledge());
    ~MockLrs();
    MockLrs(const MockLrs&) = delete;
    MockLrs& operator=(const MockLrs&) = delete;

    void script(ScriptedReply reply);
    // Replies for the Activity Profile resource, used before its document store.
    void script_documents(ScriptedReply reply);
    std::string endpoint() const;  // "http://127.0.0.1:PORT/xAPI"
    std::vector<ReceivedRequest> requests() const;
    // The requests whose path ends in `suffix` ("/statements", "/activities/profile").
    std::vector<ReceivedRequest> requests_to(const std::string& suffix) const;

    // The Activity Profile document store: what it holds for an activity and profile id,
    // and a document put there as if by another client.
    std::optional<std::string> document(const std::string& activity_id,
                                        const std::string& profile_id) const;
    void hold_document(const std::string& activity_id, const std::string& profile_id,
                       const std::string& body);

  private:
    struct Document {
        std::string body;
        std::string etag;
    };

    void serve();
    void answer(int fd);
    ScriptedReply document_reply(const ReceivedRequest& request);  // with mutex_ held
    std::string store(const std::string& key_activity, const std::string& key_profile,
                      const std::string& body);  // with mutex_ held; returns the ETag

    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::deque<ScriptedReply> script_;
    std::deque<ScriptedReply> document_script_;
    std::map<std::pair<std::string, std::string>, Document> documents_;
    int versions_ = 0;
    ScriptedReply fallback_;
    std::vector<ReceivedRequest> requests_;
    std::thread thread_;
    std::vector<std::thread> workers_;  // touched by the accepting thread only
};

// A JSON array of `n` made-up statement ids, as an LRS acknowledges a batch.
std::string ids_reply(std::size_t n);

}  // namespace waymark::xapi::testing
