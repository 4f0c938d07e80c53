#include "waymark/xapi/lrs_client.hpp"

#include <curl/curl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <mutex>
#include <optional>
#include <thread>

#include "waymark/core/json.hpp"
#include "waymark/core/terminal_text.hpp"
#include "waymark/xapi/endpoint.hpp"

namespace waymark::xapi {

namespace {

struct EasyCloser {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListCloser {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Headers are small; libcurl bounds each line, this bounds them all together.
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

// What one request received, within the limits.
struct Received {
    std::size_t max_body = kMaxReplyBytes;
    std::string body;
    std::string etag;
    std::size_t header_bytes = 0;
    bool body_too_long = false;
    bool headers_too_long = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    auto* r = static_cast<Received*>(out);
    const std::size_t bytes = size * n;
    if (bytes > r->max_body - r->body.size()) {
        // Returning less than was given makes libcurl abort the transfer at once
        // (CURLE_WRITE_ERROR), so an endless body costs at most the limit.
        r->body_too_long = true;
        return 0;
    }
    r->body.append(data, bytes);
    return bytes;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
            return false;
    return true;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t n, void* out) {
    auto* r = static_cast<Received*>(out);
    const std::size_t bytes = size * n;
    r->header_bytes += bytes;
    if (r->header_bytes > kMaxHeaderBytes) {
        r->headers_too_long = true;
        return 0;
    }
    std::string_view line(data, bytes);
    if (starts_with_nocase(line, "etag:")) {
        line.remove_prefix(5);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
            line.remove_suffix(1);
        r->etag = std::string(line);
    }
    return bytes;
}

// One try of a request: either a reply (any status) or a transport failure.
struct Attempt {
    std::optional<LrsReply> reply;
    CURLcode code = CURLE_OK;
    std::string detail;
    // What went past its limit, "" if nothing did: "1 MiB (1048576 bytes)", ...
    std::string too_long;
};

bool transient(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            return true;
        default:
            return false;
    }
}

bool tls_failure(CURLcode code) {
    switch (code) {
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_USE_SSL_FAILED:
            return true;
        default:
            return false;
    }
}

bool transient(long status) {
    return status >= 500 || status == 429;
}

constexpr std::size_t kMaxQuoted = 500;  // bytes of an LRS's words quoted in a message

// The LRS's own words, safe to print: the "message" (or "error") of a JSON error body,
// else the body with its line breaks as spaces (an HTML error page stays on one line),
// cut short and with control characters escaped.
std::string lrs_message(const std::string& body) {
    if (auto json = parse_json(body, "reply"); json && json->is(JsonValue::Kind::object)) {
        for (const char* key : {"message", "error", "errorMessage"})
            if (const JsonValue* v = json->find(key); v && v->is(JsonValue::Kind::string))
                return printable_excerpt(v->string, kMaxQuoted);
    }
    std::string text;
    for (const char c : body.substr(0, 4 * kMaxQuoted)) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (!space)
            text += c;
        else if (!text.empty() && text.back() != ' ')
            text += ' ';
    }
    return text.empty() ? "(no message)" : printable_excerpt(text, kMaxQuoted);
}

// "1 MiB (1048576 bytes)": a size a manager can read, and the exact limit.
std::string size_text(std::size_t bytes) {
    const std::string exact = std::to_string(bytes) + " bytes";
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return std::to_string(bytes / (1024 * 1024)) + " MiB (" + exact + ")";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes / 1024) + " KiB (" + exact + ")";
    return exact;
}

std::string statements(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " statement" : " statements");
}

// What is wrong with `body` as the acknowledgement of statements `ids`, or "" when it
// acknowledges exactly them.
std::string acknowledgement_problem(const std::string& body, std::span<const std::string> ids) {
    const std::string quoted = printable_excerpt(body, 200);
    auto json = parse_json(body, "LRS reply");
    if (!json || !json->is(JsonValue::Kind::array))
        return "its reply is not the list of statement ids an LRS returns: " + quoted;
    if (json->items.size() != ids.size())
        return "its reply lists " + std::to_string(json->items.size()) +
               (json->items.size() == 1 ? " id" : " ids") + " for the " + statements(ids.size()) +
               " sent: " + quoted;
    const auto same = [](std::string_view a, std::string_view b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) ==
                   std::tolower(static_cast<unsigned char>(y));
        });
    };
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const JsonValue& item = json->items[i];
        if (!item.is(JsonValue::Kind::string) || !same(item.string, ids[i]))
            return "statement " + std::to_string(i + 1) + " of the batch was sent with id " +
                   ids[i] + ", but the LRS's reply lists " +
                   (item.is(JsonValue::Kind::string)
                        ? "\"" + printable_excerpt(item.string, 80) + "\""
                        : std::string(to_string(item.kind))) +
                   " in its place: " + quoted;
    }
    return {};
}

}  // namespace

struct LrsClient::State {
    LrsOptions options;
    std::unique_ptr<CURL, EasyCloser> curl;
    std::string origin;  // "https://host:port", for absolute paths
    int retries_used = 0;

    std::string url_of(std::string_view resource) const {
        if (!resource.empty() && resource.front() == '/')
            return origin + std::string(resource);
        std::string url = options.endpoint;
        if (url.empty() || url.back() != '/')
            url += '/';
        return url + std::string(resource);
    }

    // `value` escaped for a query string.
    std::string escaped(std::string_view value) const {
        char* e = curl_easy_escape(curl.get(), value.data(), static_cast<int>(value.size()));
        std::string out = e ? e : "";
        curl_free(e);
        return out;
    }

    Attempt perform(const char* method, const std::string& url, const std::string* body,
                    const std::vector<std::string>& extra_headers) {
        CURL* c = curl.get();
        curl_easy_reset(c);
        char errors[CURL_ERROR_SIZE] = {};
        Received received;
        received.max_body = options.max_reply_bytes;
        std::unique_ptr<curl_slist, ListCloser> headers;
        auto add = [&](const char* h) { headers.reset(curl_slist_append(headers.release(), h)); };
        add("X-Experience-API-Version: 1.0.3");
        add("Accept: application/json");
        add("Expect:");  // no 100-continue round trip before each batch
        for (const std::string& h : extra_headers)
            add(h.c_str());
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout.count()));
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &received);
        // A Content-Length over the limit is refused before any of the body is read.
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                         static_cast<curl_off_t>(options.max_reply_bytes));
        if (!options.user.empty()) {
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
            curl_easy_setopt(c, CURLOPT_USERNAME, options.user.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, options.password.c_str());
        }
        if (body) {
            add("Content-Type: application/json");
            curl_easy_setopt(c, CURLOPT_POST, 1L);
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
        }
        if (std::string_view(method) != (body ? "POST" : "GET"))
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        Attempt a;
        a.code = curl_easy_perform(c);
        if (received.headers_too_long) {
            a.too_long = size_text(kMaxHeaderBytes) + " of headers";
            return a;
        }
        if (received.body_too_long || a.code == CURLE_FILESIZE_EXCEEDED) {
            a.too_long = size_text(options.max_reply_bytes);
            return a;
        }
        if (a.code != CURLE_OK) {
            a.detail = errors[0] ? errors : curl_easy_strerror(a.code);
            return a;
        }
        LrsReply reply;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
        reply.body = std::move(received.body);
        reply.etag = std::move(received.etag);
        a.reply = std::move(reply);
        return a;
    }

    // Tries until a reply that is not transient, or the retries run out. `what` names the
    // request in messages ("a batch of 200 statements").
    Result<LrsReply> request(const char* method, const std::string& url, const std::string* body,
                             std::string_view what, const std::vector<std::string>& headers = {}) {
        std::chrono::milliseconds wait = options.first_backoff;
        for (int attempt = 0;; ++attempt) {
            Attempt a = perform(method, url, body, headers);
            std::string why;
            if (!a.too_long.empty()) {
                // Not retried: a server that does this once will do it again.
                return make_error(
                    ErrorCode::limit,
                    "the LRS at " + url + " sent more than " + a.too_long + " in reply to " +
                        std::string(what) +
                        ", far more than an LRS sends, so sync stopped reading it. Check that "
                        "--lrs names the LRS's xAPI endpoint and not another web server; if "
                        "it does, show this message to the LRS's administrator",
                    options.endpoint);
            }
            if (a.reply && !transient(a.reply->status))
                return std::move(*a.reply);
            if (a.reply) {
                why = "the LRS answered " + std::to_string(a.reply->status) + ": " +
                      lrs_message(a.reply->body);
            } else if (tls_failure(a.code)) {
                return make_error(ErrorCode::io,
                                  "could not make a secure (TLS) connection to the LRS at " + url +
                                      ": " + a.detail +
                                      "; check the address and that the LRS's certificate "
                                      "is valid and trusted by this computer",
                                  options.endpoint);
            } else if (!transient(a.code)) {
                return make_error(ErrorCode::io,
                                  "could not reach the LRS at " + url + ": " + a.detail +
                                      "; check the address and the network connection",
                                  options.endpoint);
            } else {
                why = a.code == CURLE_OPERATION_TIMEDOUT
                          ? "no answer within " + std::to_string(options.timeout.count()) + " ms"
                          : a.detail;
            }
            if (attempt >= options.retries)
                return make_error(ErrorCode::io,
                                  "the LRS at " + url + " did not accept the request after " +
                                      std::to_string(attempt + 1) + " tries (" + why +
                                      "); check that it is running and try again later",
                                  options.endpoint);
            ++retries_used;
            if (options.on_retry)
                options.on_retry(attempt + 1, wait, why);
            std::this_thread::sleep_for(wait);
            wait = std::min(wait * 2, options.max_backoff);
        }
    }
};

LrsClient::LrsClient(std::unique_ptr<State> state) : state_(std::move(state)) {}
LrsClient::LrsClient(LrsClient&&) noexcept = default;
LrsClient& LrsClient::operator=(LrsClient&&) noexcept = default;
LrsClient::~LrsClient() = default;

Result<LrsClient> LrsClient::create(LrsOptions options) {
    if (auto checked = check_endpoint(options.endpoint); !checked)
        return checked.error();
    const std::string& e = options.endpoint;
    const std::size_t scheme = e.find("://") + 3;
    global_init();
    auto state = std::make_unique<State>();
    state->curl.reset(curl_easy_init());
    if (!state->curl)
        return make_error(ErrorCode::io, "could not start the HTTP client (libcurl)");
    const std::size_t path = e.find('/', scheme);
    state->origin = path == std::string::npos ? e : e.substr(0, path);
    while (options.endpoint.size() > scheme + 1 && options.endpoint.back() == '/')
        options.endpoint.pop_back();
    state->options = std::move(options);
    return LrsClient(std::move(state));
}

const std::string& LrsClient::endpoint() const {
    return state_->options.endpoint;
}
int LrsClient::retries_used() const {
    return state_->retries_used;
}

Result<void> LrsClient::post_statements(std::string_view statements_json,
                                        std::span<const std::string> ids) {
    const std::string body(statements_json);
    const std::string url = state_->url_of("statements");
    const std::string batch = "a batch of " + statements(ids.size());
    auto reply = state_->request("POST", url, &body, batch);
    if (!reply)
        return reply.error();
    const std::string& where = state_->options.endpoint;
    switch (reply->status) {
        case 200:
            break;
        case 400:
            return make_error(
                ErrorCode::invalid,
                "the LRS refused " + batch + " as invalid (400): " + lrs_message(reply->body),
                where);
        case 401:
        case 403:
            return make_error(ErrorCode::untrusted,
                              "the LRS refused the user name or password (" +
                                  std::to_string(reply->status) + "): " + lrs_message(reply->body) +
                                  "; check the credentials the LRS administrator gave you",
                              where);
        case 409:
            return make_error(ErrorCode::verification,
                              "the LRS already holds a different statement with an id in this "
                              "batch (409 conflict): " +
                                  lrs_message(reply->body) +
                                  "; the ledger and the LRS disagree about that event, so "
                                  "sync stopped there for someone to investigate",
                              where);
        default:
            return make_error(ErrorCode::io,
                              "the LRS answered " + std::to_string(reply->status) + " to " + batch +
                                  ": " + lrs_message(reply->body),
                              where);
    }
    if (const std::string problem = acknowledgement_problem(reply->body, ids); !problem.empty())
        return make_error(ErrorCode::verification,
                          "the LRS answered 200 to " + batch +
                              " but did not acknowledge them: " + problem +
                              ". None of them is marked as synced. Check that --lrs names the "
                              "LRS's xAPI endpoint (a web server that is not an LRS can answer "
                              "like this); if it does, show this message to the LRS's "
                              "administrator",
                          where);
    return {};
}

Result<LrsReply> LrsClient::get(std::string_view resource) {
    return state_->request("GET", state_->url_of(resource), nullptr,
                           "GET " + std::string(resource));
}

Result<void> LrsClient::put_activity_profile(
    std::string_view activity_id, std::string_view profile_id, std::string_view json,
    const std::function<Result<bool>(const LrsReply& existing)>& check_existing) {
    const std::string url =
        state_->url_of("activities/profile?activityId=" + state_->escaped(activity_id) +
                       "&profileId=" + state_->escaped(profile_id));
    const std::string document = "the document \"" + std::string(profile_id) + "\"";
    const std::string& where = state_->options.endpoint;
    const auto refused = [&](const LrsReply& reply, const std::string& doing) -> Error {
        if (reply.status == 401 || reply.status == 403)
            return make_error(ErrorCode::untrusted,
                              "the LRS refused to let sync " + doing + " " + document + " (" +
                                  std::to_string(reply.status) + "): " + lrs_message(reply.body) +
                                  "; ask the LRS's administrator to let the user name sync "
                                  "uses (--user or --credentials) read and write activity "
                                  "profiles",
                              where);
        if (reply.status == 404 || reply.status == 405 || reply.status == 501)
            return make_error(ErrorCode::io,
                              "the LRS answered " + std::to_string(reply.status) +
                                  " when asked to " + doing + " " + document + " (" +
                                  lrs_message(reply.body) +
                                  "): it does not seem to offer xAPI's Activity Profile "
                                  "resource (activities/profile), which every LRS must; ask "
                                  "the LRS's administrator",
                              where);
        return make_error(ErrorCode::io,
                          "the LRS answered " + std::to_string(reply.status) + " when asked to " +
                              doing + " " + document + ": " + lrs_message(reply.body),
                          where);
    };
    const std::string body(json);
    for (int round = 0;; ++round) {
        auto existing = state_->request("GET", url, nullptr, "a GET of " + document);
        if (!existing)
            return existing.error();
        std::string precondition = "If-None-Match: *";
        if (existing->status == 200) {
            if (check_existing) {
                auto replace = check_existing(*existing);
                if (!replace)
                    return replace.error();
                if (!*replace)
                    return {};
            }
            // An LRS must send an ETag with a document; one that did not gets "*", which
            // still says "replace the document that is there".
            precondition = "If-Match: " + (existing->etag.empty() ? "*" : existing->etag);
        } else if (existing->status != 404) {
            return refused(*existing, "read");
        }
        auto stored = state_->request("PUT", url, &body, "the PUT of " + document, {precondition});
        if (!stored)
            return stored.error();
        if (stored->status >= 200 && stored->status < 300)
            return {};
        if ((stored->status == 409 || stored->status == 412) && round == 0)
            continue;  // changed since it was read: read it again
        if (stored->status == 409 || stored->status == 412)
            return make_error(ErrorCode::io,
                              "the LRS's " + document + " kept changing while sync replaced it (" +
                                  std::to_string(stored->status) +
                                  "): " + lrs_message(stored->body) + "; run sync again",
                              where);
        return refused(*stored, "store");
    }
}

Result<std::vector<std::string>> LrsClient::fetch_all_statements() {
    std::vector<std::string> out;
    // Pages small enough to stay well inside the reply limit (kMaxReplyBytes).
    std::string next = "statements?limit=100";
    while (!next.empty()) {
        auto reply = get(next);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return make_error(ErrorCode::io,
                              "the LRS answered " + std::to_string(reply->status) +
                                  " when asked for its statements: " + lrs_message(reply->body),
                              state_->options.endpoint);
        rapidjson::Document doc;
        doc.Parse(reply->body.c_str(), reply->body.size());
        if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("statements") ||
            !doc["statements"].IsArray())
            return make_error(ErrorCode::parse,
                              "the LRS's reply to GET statements is not a statement list",
                              state_->options.endpoint);
        next.clear();
        if (doc.HasMember("more") && doc["more"].IsString())
            next = doc["more"].GetString();
        for (const auto& statement : doc["statements"].GetArray()) {
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
            statement.Accept(writer);
            out.emplace_back(buffer.GetString(), buffer.GetSize());
        }
    }
    return out;
}

}  // namespace waymark::xapi
