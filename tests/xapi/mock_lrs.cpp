#include "mock_lrs.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <stdexcept>

namespace waymark::xapi::testing {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string percent_decoded(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i] == '+' ? ' ' : s[i];
        }
    }
    return out;
}

// The ids of the statements in a POST body (an array of statements, or one), as JSON.
std::string ids_of(const std::string& body) {
    rapidjson::Document d;
    d.Parse(body.c_str(), body.size());
    std::string out = "[";
    auto add = [&](const rapidjson::Value& statement) {
        if (statement.IsObject() && statement.HasMember("id") && statement["id"].IsString())
            out +=
                std::string(out.size() > 1 ? "," : "") + "\"" + statement["id"].GetString() + "\"";
    };
    if (d.IsArray())
        for (const auto& statement : d.GetArray())
            add(statement);
    else if (d.IsObject())
        add(d);
    return out + "]";
}

}  // namespace

ScriptedReply acknowledge() {
    ScriptedReply r;
    r.acknowledge = true;
    return r;
}

bool ReceivedRequest::has_header(const std::string& line) const {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const std::string& h) { return lower(h) == lower(line); });
}

std::optional<std::string> ReceivedRequest::header(const std::string& name) const {
    const std::string prefix = lower(name) + ":";
    for (const std::string& h : headers)
        if (lower(h.substr(0, prefix.size())) == prefix) {
            std::string value = h.substr(prefix.size());
            value.erase(0, value.find_first_not_of(' '));
            return value;
        }
    return std::nullopt;
}

std::string ReceivedRequest::path() const {
    return target.substr(0, target.find('?'));
}

std::string ReceivedRequest::query(const std::string& name) const {
    const auto q = target.find('?');
    if (q == std::string::npos)
        return {};
    std::size_t start = q + 1;
    while (start <= target.size()) {
        const std::size_t end = std::min(target.find('&', start), target.size());
        const std::string pair = target.substr(start, end - start);
        const auto eq = pair.find('=');
        if (percent_decoded(pair.substr(0, eq)) == name)
            return eq == std::string::npos ? "" : percent_decoded(pair.substr(eq + 1));
        start = end + 1;
    }
    return {};
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

void MockLrs::script_documents(ScriptedReply reply) {
    std::lock_guard lock(mutex_);
    document_script_.push_back(std::move(reply));
}

std::vector<ReceivedRequest> MockLrs::requests_to(const std::string& suffix) const {
    std::vector<ReceivedRequest> out;
    for (const auto& r : requests())
        if (r.path().ends_with(suffix))
            out.push_back(r);
    return out;
}

std::optional<std::string> MockLrs::document(const std::string& activity_id,
                                             const std::string& profile_id) const {
    std::lock_guard lock(mutex_);
    const auto it = documents_.find({activity_id, profile_id});
    if (it == documents_.end())
        return std::nullopt;
    return it->second.body;
}

void MockLrs::hold_document(const std::string& activity_id, const std::string& profile_id,
                            const std::string& body) {
    std::lock_guard lock(mutex_);
    store(activity_id, profile_id, body);
}

std::string MockLrs::store(const std::string& activity_id, const std::string& profile_id,
                           const std::string& body) {
    Document& d = documents_[{activity_id, profile_id}];
    d.body = body;
    d.etag = "\"v" + std::to_string(++versions_) + "\"";
    return d.etag;
}

// xAPI 1.0.3 Communication 2.7 (Activity Profile resource) and 3.1 (concurrency): a PUT
// must say which version it replaces (If-Match: its ETag) or that there is none
// (If-None-Match: *); a precondition that fails is 412, and a PUT with neither header
// over an existing document is 409.
ScriptedReply MockLrs::document_reply(const ReceivedRequest& request) {
    if (!document_script_.empty()) {
        ScriptedReply r = document_script_.front();
        document_script_.pop_front();
        return r;
    }
    const std::pair key{request.query("activityId"), request.query("profileId")};
    const auto it = documents_.find(key);
    const bool exists = it != documents_.end();
    if (request.method == "GET") {
        if (!exists)
            return {404, R"({"message":"no such document"})", {}};
        ScriptedReply r{200, it->second.body, {}};
        r.headers.push_back("ETag: " + it->second.etag);
        return r;
    }
    if (request.method != "PUT")
        return {405, R"({"message":"not allowed"})", {}};
    const auto if_match = request.header("If-Match");
    const auto if_none_match = request.header("If-None-Match");
    if (if_match) {
        if (!exists || (*if_match != "*" && *if_match != it->second.etag))
            return {412, R"({"message":"the document has changed"})", {}};
    } else if (if_none_match) {
        if (*if_none_match == "*" && exists)
            return {412, R"({"message":"the document exists"})", {}};
    } else if (exists) {
        return {409, R"({"message":"send If-Match with the document's ETag"})", {}};
    }
    store(key.first, key.second, request.body);
    return {204, "", {}};
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
        if (request.path().ends_with("/activities/profile")) {
            reply = document_reply(request);
        } else if (script_.empty()) {
            reply = fallback_;
        } else {
            reply = script_.front();
            script_.pop_front();
        }
    }
    std::this_thread::sleep_for(reply.delay);
    if (reply.acknowledge)
        reply.body = ids_of(request.body);
    std::string head = "HTTP/1.1 " + std::to_string(reply.status) +
                       " Scripted\r\nContent-Type: application/json\r\nConnection: close\r\n";
    for (const std::string& h : reply.headers)
        head += h + "\r\n";
    if (reply.stream_bytes > 0) {
        // No Content-Length: the body ends when the connection does, so only the client's
        // own limit can stop it. Or header lines that never end.
        if (!reply.stream_as_headers)
            head += "\r\n";
        if (::send(fd, head.data(), head.size(), MSG_NOSIGNAL) < 0)
            return;
        std::string chunk(64 * 1024, 'x');
        if (reply.stream_as_headers)
            for (std::size_t i = 0; i + 100 <= chunk.size(); i += 100)
                chunk.replace(i, 100, "X-Filler: " + std::string(88, 'x') + "\r\n");
        for (std::size_t sent = 0; sent < reply.stream_bytes; sent += chunk.size())
            if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) < 0)
                return;  // the client hung up
        return;
    }
    const std::string response =
        head + "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
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
