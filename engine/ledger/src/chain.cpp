#include "chain.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>

namespace waymark::ledger {

namespace {

// True when one of the eight bytes in `w` is below 0x20, '"' or '\\' (the classic
// has-less-than and has-zero-byte bit tricks, eight bytes at a time).
bool needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    const std::uint64_t below_space = (w - ones * 0x20) & ~w;
    const std::uint64_t zero = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    return ((below_space | zero) & highs) != 0;
}

// Copies runs of characters that need no escape in one piece, looking at eight at a
// time: verify builds these bytes for every event, and most fields (ids, times,
// digests) have nothing to escape.
void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0, i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (!needs_escape(w)) {
                i += 8;
                continue;
            }
        }
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(s.data() + run, i - run);
        run = ++i;
        if (u >= 0x20) {
            out += '\\';
            out += c;
        } else {
            const char escape[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
            out.append(escape, sizeof escape);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

}  // namespace

void canonical_event_bytes(const EventFields& e, std::string& out) {
    out.clear();
    out.reserve(160 + e.id.size() + e.device_id.size() + e.time.size() + e.learner_id.size() +
                e.course_id.size() + e.course_version.size() + e.course_digest.size() +
                e.type.size() + e.payload.size());
    out += R"({"v":1,"id":)";
    append_string(out, e.id);
    out += R"(,"device":)";
    append_string(out, e.device_id);
    out += R"(,"seq":)";
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, e.seq).ptr);
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
    // One context for each thread, restarted for each event (appends and verify hash one
    // event after another).
    thread_local Sha256 h;
    h.restart();
    h.update(std::span<const std::uint8_t>(prev));
    h.update(canonical_bytes);
    return h.finish();
}

}  // namespace waymark::ledger
