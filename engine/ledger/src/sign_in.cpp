#include "sign_in.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "head.hpp"
#include "integrity.hpp"
#include "waymark/core/crypto.hpp"

namespace waymark::ledger {

namespace {

constexpr std::chrono::seconds kLongestWait{300};

struct Argon2idLimits {
    unsigned long long passes = 0;
    std::size_t memory_bytes = 0;
};

Argon2idLimits limits_of(PassphraseCost cost) {
    if (cost == PassphraseCost::test_minimum)
        return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

// The passes and memory an Argon2id string records ("$argon2id$v=19$m=65536,t=2,p=1$..."
// with m in KiB), or nothing if it does not say them in that order.
std::optional<Argon2idLimits> recorded_limits(std::string_view hash) {
    constexpr std::string_view kStart = "$argon2id$v=19$m=";
    if (!hash.starts_with(kStart))
        return std::nullopt;
    const char* end = hash.data() + hash.size();
    unsigned long long kib = 0, passes = 0;
    auto m = std::from_chars(hash.data() + kStart.size(), end, kib);
    if (m.ec != std::errc{} || std::string_view(m.ptr, end - m.ptr).substr(0, 3) != ",t=")
        return std::nullopt;
    auto t = std::from_chars(m.ptr + 3, end, passes);
    if (t.ec != std::errc{} || t.ptr == end || *t.ptr != ',')
        return std::nullopt;
    constexpr auto kMost = std::numeric_limits<std::size_t>::max();
    return Argon2idLimits{passes, kib > kMost / 1024 ? kMost : std::size_t(kib * 1024)};
}

// Runs `body` on one snapshot of the file (a read transaction of its own unless the
// caller's is open), so that a writer in another process cannot change the file between
// its reads.
Result<void> in_read_snapshot(Database& db, const std::function<Result<void>()>& body) {
    if (db.in_transaction())
        return body();
    if (auto r = db.exec("BEGIN"); !r)
        return r;
    auto result = body();
    if (auto r = db.exec(result ? "COMMIT" : "ROLLBACK"); !r && result)
        return r;
    return result;
}

}  // namespace

std::chrono::seconds back_off(std::int64_t failures) {
    if (failures <= 0)
        return std::chrono::seconds{0};
    if (failures > 9)  // 2^9 s is already past the cap; also keeps the shift small
        return kLongestWait;
    return std::min(std::chrono::seconds{std::int64_t{1} << (failures - 1)}, kLongestWait);
}

Result<std::string> argon2id_hash(std::string_view secret, PassphraseCost cost) {
    crypto_init();
    char hash[crypto_pwhash_STRBYTES];
    const auto limits = limits_of(cost);
    if (crypto_pwhash_str_alg(hash, secret.data(), secret.size(), limits.passes,
                              limits.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return make_error(ErrorCode::io,
                          "not enough memory to hash the passphrase or PIN; close other programs "
                          "and try again");
    return std::string(hash);
}

bool costs_at_least(std::string_view hash, PassphraseCost least) {
    const auto recorded = recorded_limits(hash);
    const auto floor = limits_of(least);
    return recorded && recorded->passes >= floor.passes &&
           recorded->memory_bytes >= floor.memory_bytes;
}

// Found through the learner index (learner '' and course '' hold only the organisation's
// settings and the manager passphrase; a learner's own events about no course are a
// handful each), never by reading the whole chain.
Result<std::optional<std::string>> latest_signed_payload(
    LedgerState& st, std::string_view learner_id, EventType type,
    const std::function<Error(const std::string& why)>& locked) {
    std::optional<std::string> payload;
    auto read = in_read_snapshot(st.db, [&]() -> Result<void> {
        auto s = st.db.prepare(
            "SELECT seq FROM events INDEXED BY events_by_learner"
            " WHERE learner_id = ?3 AND course_id = '' AND type = ?1 AND device_id = ?2"
            " ORDER BY seq DESC LIMIT 1");
        if (!s)
            return s.error();
        s->bind(1, to_string(type));
        s->bind(2, st.device_id);
        s->bind(3, learner_id);
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        const std::int64_t from = s->column_int(0);
        auto head = load_write_head(st);
        if (!head)
            return locked(head.error().message);
        auto walk = st.db.prepare(std::string(kChainColumns) +
                                  " WHERE device_id = ?1 AND seq >= ?2 ORDER BY seq");
        if (!walk)
            return walk.error();
        walk->bind(1, st.device_id);
        walk->bind(2, from);
        std::string bytes;
        Sha256Digest last{};
        std::int64_t seq = from;
        for (;; ++seq) {
            auto next = walk->step();
            if (!next)
                return next.error();
            if (!*next)
                break;
            Sha256Digest prev{}, hash{};
            const bool sound = read_digest(*walk, 12, prev) && read_digest(*walk, 13, hash) &&
                               walk->column_int(3) == seq && (seq == from || prev == last) &&
                               hash_of_row(*walk, prev, bytes) == hash;
            if (!sound)
                return locked("event " + std::to_string(seq) + " of this device, at or after the " +
                              to_string(type) + " event, is not as the device signed it");
            if (seq == from)
                payload = walk->column_text(11);
            last = hash;
        }
        if (seq - 1 != head->end.seq || last != head->end.hash)
            return locked("the chain after the " + std::string(to_string(type)) +
                          " event does not end at the head this device signed");
        return {};
    });
    if (!read)
        return read.error();
    return payload;
}

Result<FailureCount> failure_count_of(Statement& query, UtcTime now) {
    auto row = query.step();
    if (!row)
        return row.error();
    FailureCount f;
    if (!*row)
        return f;
    f.count = std::max<std::int64_t>(0, query.column_int(0));
    const auto last = parse_iso8601(query.column_view(1));
    f.last = last ? *last : now;
    return f;
}

Result<SignInCheck> check_with_back_off(LedgerState& st, const FailureStore& failures,
                                        const std::string& hash, std::string_view typed) {
    SignInCheck out;
    // Counts this try as a failure before checking it (see the top of sign_in.hpp).
    auto counted = in_write_transaction(st.db, [&]() -> Result<void> {
        const UtcTime now = st.now();
        auto before = failures.read(now);
        if (!before)
            return before.error();
        const auto wait = back_off(before->count);
        // Never longer than the whole wait, even if the clock was put back since.
        const auto left = std::clamp(before->last + wait - now, UtcTime::duration::zero(),
                                     UtcTime::duration(wait));
        if (left > UtcTime::duration::zero()) {
            out.outcome = SignInCheck::Outcome::wait;
            out.failures = static_cast<int>(std::min<std::int64_t>(before->count, 1 << 20));
            out.wait = std::chrono::ceil<std::chrono::seconds>(left);
            return {};
        }
        out.failures = static_cast<int>(std::min<std::int64_t>(before->count + 1, 1 << 20));
        return failures.write(out.failures, now);
    });
    if (!counted)
        return counted.error();
    if (out.outcome == SignInCheck::Outcome::wait)
        return out;

    crypto_init();
    if (crypto_pwhash_str_verify(hash.c_str(), typed.data(), typed.size()) != 0) {
        out.outcome = SignInCheck::Outcome::refused;
        out.wait = back_off(out.failures);
        return out;
    }
    if (auto r = in_write_transaction(st.db, [&] { return failures.clear(); }); !r)
        return r.error();
    return SignInCheck{SignInCheck::Outcome::granted, 0, std::chrono::seconds{0}};
}

}  // namespace waymark::ledger
