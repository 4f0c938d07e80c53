#include "chain.hpp"

namespace waymark::ledger {

namespace {

void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

}  // namespace

void canonical_event_bytes(const EventFields& e, std::string& out) {
    out.clear();
    out += R"({"v":1,"id":)";
    append_string(out, e.id);
    out += R"(,"device":)";
    append_string(out, e.device_id);
    out += R"(,"seq":)";
    out += std::to_string(e.seq);
    out += R"(,"time":)";
    append_string(out, e.time);
    out += R"(,"learner":)";
    append_string(out, e.learner_id);
    out += R"(,"course":{"id":)";
    append_string(out, e.course_id);
    out += R"(,"version":)";
    append_string(out, e.course_version);
    out += R"(,"digest":)";
    append_string(out, e.course_digest);
    out += e.trusted ? R"(,"trusted":true},"type":)" : R"(,"trusted":false},"type":)";
    append_string(out, e.type);
    out += R"(,"payload":)";
    out += e.payload;
    out += '}';
}

Sha256Digest chain_hash(const Sha256Digest& prev, std::string_view canonical_bytes) {
    Sha256 h;
    h.update(std::span<const std::uint8_t>(prev));
    h.update(canonical_bytes);
    return h.finish();
}

}  // namespace waymark::ledger
