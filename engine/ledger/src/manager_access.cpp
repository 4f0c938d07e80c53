// The manager passphrase: set by an administrator into the chain, checked at the device
// with a back-off that the ledger file keeps.
//
// The passphrase is an event (manager-passphrase-set, an Argon2id hash), so it needs the
// device key to set and no file beside the ledger can reset it; it is read only as part
// of the chain the device signed, so an event added or edited with SQL opens nothing.
// Only this device's own events count: a ledger merged in from elsewhere brings its
// device's passphrase events with it, and they must not open this device's manager area.
//
// The back-off counter (manager_sign_in) is outside the chain: it only slows guessing at
// this device. Each try is counted before its passphrase is checked, in a transaction of
// its own, so that a player killed during the check, or a second player on the same
// file, gets no uncounted guesses.
//
// The hash's cost (PassphraseCost) is the caller's, never the file's: the Argon2id string
// records the cost it was made with, and a check refuses one below the cost it expects.
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>
#include <span>

#include "append.hpp"
#include "head.hpp"
#include "integrity.hpp"
#include "state.hpp"
#include "waymark/core/crypto.hpp"

namespace waymark::ledger {

namespace {

constexpr std::size_t kMinPassphraseCharacters = 10;
constexpr std::chrono::seconds kLongestWait{300};

// Characters, not bytes: "fewer than 10 characters" is what the person reads.
std::size_t utf8_characters(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// How long the next try waits after `failures` wrong passphrases in a row: 1 s, 2 s,
// 4 s, ... and never more than five minutes, so a manager who mistypes is not locked out
// for long while guessing stays slow (at most 288 tries a day).
std::chrono::seconds back_off(std::int64_t failures) {
    if (failures <= 0)
        return std::chrono::seconds{0};
    if (failures > 9)  // 2^9 s is already past the cap; also keeps the shift small
        return kLongestWait;
    return std::min(std::chrono::seconds{std::int64_t{1} << (failures - 1)}, kLongestWait);
}

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

bool costs_at_least(std::string_view hash, PassphraseCost least) {
    const auto recorded = recorded_limits(hash);
    const auto floor = limits_of(least);
    return recorded && recorded->passes >= floor.passes &&
           recorded->memory_bytes >= floor.memory_bytes;
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

Error locked(const LedgerState& st, const std::string& why) {
    return make_error(ErrorCode::verification,
                      "the manager area stays locked: " + why +
                          "; run 'waymark ledger verify "
                          "--ledger " +
                          st.path.string() +
                          "' to see what changed, restore the "
                          "ledger from a backup, or set a new passphrase with 'waymark manager "
                          "passphrase'");
}

// The Argon2id string of this device's latest manager-passphrase-set, if any.
//
// Found through the learner index (learner '' and course '' hold only the organisation's
// settings and these events), never by reading the whole chain. Believed only as part of
// this device's signed chain: the signed head must check with the device key and be the
// chain's last event (load_write_head), and every event from the passphrase's on must
// hash and link as it was signed. Otherwise anyone who can write the file but has no key
// could add or edit the event with SQL and so choose the passphrase. This costs the
// events recorded since the passphrase was set.
Result<std::optional<std::string>> current_hash(LedgerState& st) {
    std::optional<std::string> payload;
    auto read = in_read_snapshot(st.db, [&]() -> Result<void> {
        auto s = st.db.prepare(
            "SELECT seq FROM events INDEXED BY events_by_learner"
            " WHERE learner_id = '' AND course_id = '' AND type = ?1 AND device_id = ?2"
            " ORDER BY seq DESC LIMIT 1");
        if (!s)
            return s.error();
        s->bind(1, to_string(EventType::manager_passphrase_set));
        s->bind(2, st.device_id);
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        const std::int64_t from = s->column_int(0);
        auto head = load_write_head(st);
        if (!head)
            return locked(st, head.error().message);
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
                return locked(st, "event " + std::to_string(seq) +
                                      " of this device, at or after "
                                      "the manager passphrase, is not as the device signed it");
            if (seq == from)
                payload = walk->column_text(11);
            last = hash;
        }
        if (seq - 1 != head->end.seq || last != head->end.hash)
            return locked(st,
                          "the chain after the manager passphrase does not end at the "
                          "head this device signed");
        return {};
    });
    if (!read)
        return read.error();
    if (!payload)
        return std::optional<std::string>{};
    auto set = read_manager_passphrase_set(*payload);
    const bool readable = set && set->argon2id.starts_with("$argon2id$") &&
                          set->argon2id.size() < crypto_pwhash_STRBYTES;
    if (!readable)
        return make_error(ErrorCode::verification,
                          "the manager passphrase recorded in the ledger " + st.path.string() +
                              " is damaged, so nobody can sign in as a manager; run 'waymark "
                              "ledger verify', then set a new one with 'waymark manager "
                              "passphrase'");
    return std::optional<std::string>{std::move(set->argon2id)};
}

struct Failures {
    std::int64_t count = 0;
    UtcTime last{};
};

Result<Failures> read_failures(LedgerState& st, UtcTime now) {
    auto s = st.db.prepare("SELECT failures, last_failure FROM manager_sign_in WHERE id = 1");
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    Failures f;
    if (!*row)
        return f;
    f.count = std::max<std::int64_t>(0, s->column_int(0));
    // A time that does not read (the table is outside the chain, so anyone who can write
    // the file can edit it) counts as just now: the full wait, never none.
    const auto last = parse_iso8601(s->column_view(1));
    f.last = last ? *last : now;
    return f;
}

}  // namespace

Result<void> Ledger::set_manager_passphrase(std::string_view passphrase, PassphraseCost cost) {
    auto& st = *state_;
    if (utf8_characters(passphrase) < kMinPassphraseCharacters)
        return make_error(ErrorCode::invalid,
                          "the manager passphrase must have at least 10 characters; a few "
                          "words are easier to remember and harder to guess");
    // Before hashing, which takes a moment and 64 MiB: without the key nothing is recorded.
    if (auto key = require_key(st); !key)
        return key.error();
    crypto_init();
    char hash[crypto_pwhash_STRBYTES];
    const auto limits = limits_of(cost);
    if (crypto_pwhash_str_alg(hash, passphrase.data(), passphrase.size(), limits.passes,
                              limits.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return make_error(
            ErrorCode::io,
            "not enough memory to hash the passphrase; close other programs and try again");
    // Field by field: GCC 12 at -O3 warns that the braced CourseRef{} may be uninitialised.
    NewEvent event;
    event.type = EventType::manager_passphrase_set;
    event.payload = write_payload(ManagerPassphraseSet{hash});
    return in_write_transaction(st.db, [&]() -> Result<void> {
        if (auto r = append_all(st, std::span<const NewEvent>(&event, 1), false); !r)
            return r.error();
        // Wrong guesses at the old passphrase say nothing about the new one.
        return st.db.exec("DELETE FROM manager_sign_in");
    });
}

Result<bool> Ledger::has_manager_passphrase() {
    auto hash = current_hash(*state_);
    if (!hash)
        return hash.error();
    return hash->has_value();
}

Result<ManagerSignIn> Ledger::check_manager_passphrase(std::string_view passphrase,
                                                       PassphraseCost least) {
    auto& st = *state_;
    auto hash = current_hash(st);
    if (!hash)
        return hash.error();
    ManagerSignIn out;
    if (!*hash) {
        out.outcome = ManagerSignIn::Outcome::not_set;
        return out;
    }
    // Before counting the try: no passphrase could open it, so it is not a guess.
    if (!costs_at_least(**hash, least))
        return make_error(ErrorCode::verification,
                          "the manager passphrase recorded in the ledger " + st.path.string() +
                              " was hashed with less work than this program accepts, so it "
                              "opens nothing (only tests set such a one); set a new one with "
                              "'waymark manager passphrase'");
    // Counts this try as a failure before checking it (see the top of this file).
    auto counted = in_write_transaction(st.db, [&]() -> Result<void> {
        const UtcTime now = st.now();
        auto failures = read_failures(st, now);
        if (!failures)
            return failures.error();
        const auto wait = back_off(failures->count);
        // Never longer than the whole wait, even if the clock was put back since.
        const auto left = std::clamp(failures->last + wait - now, UtcTime::duration::zero(),
                                     UtcTime::duration(wait));
        if (left > UtcTime::duration::zero()) {
            out.outcome = ManagerSignIn::Outcome::wait;
            out.failures = static_cast<int>(std::min<std::int64_t>(failures->count, 1 << 20));
            out.wait = std::chrono::ceil<std::chrono::seconds>(left);
            return {};
        }
        auto put = st.db.prepare(
            "INSERT INTO manager_sign_in(id, failures, last_failure) VALUES(1, ?1, ?2)"
            " ON CONFLICT(id) DO UPDATE SET failures = excluded.failures,"
            " last_failure = excluded.last_failure");
        if (!put)
            return put.error();
        out.failures = static_cast<int>(std::min<std::int64_t>(failures->count + 1, 1 << 20));
        put->bind(1, std::int64_t{out.failures});
        put->bind(2, format_iso8601(now));
        return put->run();
    });
    if (!counted)
        return counted.error();
    if (out.outcome == ManagerSignIn::Outcome::wait)
        return out;

    crypto_init();
    if (crypto_pwhash_str_verify((*hash)->c_str(), passphrase.data(), passphrase.size()) != 0) {
        out.outcome = ManagerSignIn::Outcome::refused;
        out.wait = back_off(out.failures);
        return out;
    }
    if (auto r =
            in_write_transaction(st.db, [&] { return st.db.exec("DELETE FROM manager_sign_in"); });
        !r)
        return r.error();
    return ManagerSignIn{ManagerSignIn::Outcome::granted, 0, std::chrono::seconds{0}};
}

}  // namespace waymark::ledger
