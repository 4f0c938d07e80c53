#include "waymark/xapi/lrs_client.hpp"

#include <curl/curl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <mutex>
#include <optional>
#include <thread>

#include "waymark/core/json.hpp"

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

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

// One try of a request: either a reply (any status) or a transport failure.
struct Attempt {
    std::optional<LrsReply> reply;
    CURLcode code = CURLE_OK;
    std::string detail;
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

// The LRS's own words: the "message" (or "error") of a JSON error body, else the body.
std::string lrs_message(const std::string& body) {
    if (auto json = parse_json(body, "reply"); json && json->is(JsonValue::Kind::object)) {
        for (const char* key : {"message", "error", "errorMessage"})
            if (const JsonValue* v = json->find(key); v && v->is(JsonValue::Kind::string))
                return v->string;
    }
    std::string text = body.substr(0, 500);
    for (char& c : text)
        if (c == '\n' || c == '\r')
            c = ' ';
    return text.empty() ? "(no message)" : text;
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

    Attempt perform(const std::string& url, const std::string* body) {
        CURL* c = curl.get();
        curl_easy_reset(c);
        char errors[CURL_ERROR_SIZE] = {};
        std::string received;
        std::unique_ptr<curl_slist, ListCloser> headers;
        auto add = [&](const char* h) { headers.reset(curl_slist_append(headers.release(), h)); };
        add("X-Experience-API-Version: 1.0.3");
        add("Accept: application/json");
        add("Expect:");  // no 100-continue round trip before each batch
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout.count()));
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
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
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        Attempt a;
        a.code = curl_easy_perform(c);
        if (a.code != CURLE_OK) {
            a.detail = errors[0] ? errors : curl_easy_strerror(a.code);
            return a;
        }
        LrsReply reply;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
        reply.body = std::move(received);
        a.reply = std::move(reply);
        return a;
    }

    // Tries until a reply that is not transient, or the retries run out.
    Result<LrsReply> request(const std::string& url, const std::string* body) {
        std::chrono::milliseconds wait = options.first_backoff;
        for (int attempt = 0;; ++attempt) {
            Attempt a = perform(url, body);
            std::string why;
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
    const std::string& e = options.endpoint;
    const std::size_t scheme = e.rfind("https://", 0) == 0 ? 8 : e.rfind("http://", 0) == 0 ? 7 : 0;
    if (scheme == 0 || e.size() == scheme)
        return make_error(ErrorCode::usage,
                          "the LRS address \"" + e +
                              "\" is not an http:// or https:// address; give the LRS's xAPI "
                              "endpoint, e.g. https://lrs.example.org/xAPI");
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

Result<void> LrsClient::post_statements(std::string_view statements_json, std::size_t count) {
    const std::string body(statements_json);
    const std::string url = state_->url_of("statements");
    auto reply = state_->request(url, &body);
    if (!reply)
        return reply.error();
    const std::string& where = state_->options.endpoint;
    switch (reply->status) {
        case 200:
            break;
        case 400:
            return make_error(ErrorCode::invalid,
                              "the LRS refused a batch of " + std::to_string(count) +
                                  " statements as invalid (400): " + lrs_message(reply->body),
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
                              "the LRS answered " + std::to_string(reply->status) +
                                  " to a batch of statements: " + lrs_message(reply->body),
                              where);
    }
    auto ids = parse_json(reply->body, "LRS reply");
    std::size_t acknowledged = 0;
    if (ids && ids->is(JsonValue::Kind::array)) {
        for (const auto& id : ids->items)
            acknowledged += id.is(JsonValue::Kind::string) ? 1 : 0;
    }
    if (acknowledged != count)
        return make_error(ErrorCode::io,
                          "the LRS acknowledged " + std::to_string(acknowledged) + " of " +
                              std::to_string(count) +
                              " statements in a batch; none of them is marked as synced",
                          where);
    return {};
}

Result<LrsReply> LrsClient::get(std::string_view resource) {
    return state_->request(state_->url_of(resource), nullptr);
}

Result<std::vector<std::string>> LrsClient::fetch_all_statements() {
    std::vector<std::string> out;
    std::string next = "statements?limit=500";
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
