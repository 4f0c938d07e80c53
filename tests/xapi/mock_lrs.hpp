// A scripted HTTP server on 127.0.0.1 for the LRS client's unit tests: it answers each
// request with the next scripted reply (status, body, delay) and records what it got.
// It is only a stand-in for failure cases a real LRS will not produce on demand; the
// integration tests use Learning Locker's own statement service.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace waymark::xapi::testing {

struct ScriptedReply {
    int status = 200;
    std::string body;
    std::chrono::milliseconds delay{0};  // before answering: longer than a timeout
};

struct ReceivedRequest {
    std::string method;
    std::string target;
    std::vector<std::string> headers;  // "Name: value", as sent
    std::string body;
    bool has_header(const std::string& line) const;
};

class MockLrs {
  public:
    // Listens on a free port; replies with `fallback` once the script runs out.
    explicit MockLrs(ScriptedReply fallback = {200, "[]", {}});
    ~MockLrs();
    MockLrs(const MockLrs&) = delete;
    MockLrs& operator=(const MockLrs&) = delete;

    void script(ScriptedReply reply);
    std::string endpoint() const;  // "http://127.0.0.1:PORT/xAPI"
    std::vector<ReceivedRequest> requests() const;

  private:
    void serve();
    void answer(int fd);

    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::deque<ScriptedReply> script_;
    ScriptedReply fallback_;
    std::vector<ReceivedRequest> requests_;
    std::thread thread_;
    std::vector<std::thread> workers_;  // touched by the accepting thread only
};

// A JSON array of `n` made-up statement ids, as an LRS acknowledges a batch.
std::string ids_reply(std::size_t n);

}  // namespace waymark::xapi::testing
