#include "mock_lrs.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>

#include <algorithm>
#include <stdexcept>

namespace waymark::xapi::testing {

bool ReceivedRequest::has_header(const std::string& line) const {
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    return std::any_of(headers.begin(), headers.end(),
                       [&](const std::string& h) { return lower(h) == lower(line); });
}

MockLrs::MockLrs(ScriptedReply fallback) : fallback_(std::move(fallback)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("the mock LRS could not listen on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
}

MockLrs::~MockLrs() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    for (auto& t : workers_)
        t.join();
    ::close(listener_);
}

void MockLrs::script(ScriptedReply reply) {
    std::lock_guard lock(mutex_);
    script_.push_back(std::move(reply));
}

std::string MockLrs::endpoint() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/xAPI";
}

std::vector<ReceivedRequest> MockLrs::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void MockLrs::serve() {
    while (!stopping_) {
        const int fd = ::accept(listener_, nullptr, nullptr);
        if (fd < 0)
            continue;
        // One thread per connection, so a reply held back to provoke a timeout does not
        // hold up the retry that follows it.
        workers_.emplace_back([this, fd] {
            answer(fd);
            ::close(fd);
        });
    }
}

void MockLrs::answer(int fd) {
    std::string data;
    char buffer[8192];
    std::size_t header_end = std::string::npos;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return;
        data.append(buffer, std::size_t(n));
        // Not HTTP (a TLS handshake): hang up, as a plain server would.
        if (!std::isupper(static_cast<unsigned char>(data[0])))
            return;
    }
    ReceivedRequest request;
    std::size_t line_start = 0;
    std::size_t content_length = 0;
    while (line_start < header_end) {
        std::size_t line_end = data.find("\r\n", line_start);
        const std::string line = data.substr(line_start, line_end - line_start);
        if (request.method.empty()) {
            const auto space = line.find(' ');
            request.method = line.substr(0, space);
            request.target = line.substr(space + 1, line.rfind(' ') - space - 1);
        } else {
            request.headers.push_back(line);
            if (line.size() > 15 && strncasecmp(line.c_str(), "content-length:", 15) == 0)
                content_length = std::stoul(line.substr(15));
        }
        line_start = line_end + 2;
    }
    request.body = data.substr(header_end + 4);
    while (request.body.size() < content_length) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return;
        request.body.append(buffer, std::size_t(n));
    }
    ScriptedReply reply;
    {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        if (script_.empty()) {
            reply = fallback_;
        } else {
            reply = script_.front();
            script_.pop_front();
        }
    }
    std::this_thread::sleep_for(reply.delay);
    const std::string response = "HTTP/1.1 " + std::to_string(reply.status) +
                                 " Scripted\r\nContent-Type: application/json\r\n"
                                 "Connection: close\r\nContent-Length: " +
                                 std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
    (void)::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
}

std::string ids_reply(std::size_t n) {
    std::string out = "[";
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ",\"" : "\"") + std::string("00000000-0000-4000-8000-") +
               std::string(12 - std::to_string(i).size(), '0') + std::to_string(i) + "\"";
    return out + "]";
}

}  // namespace waymark::xapi::testing
