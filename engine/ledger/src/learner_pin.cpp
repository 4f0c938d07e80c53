// Learners' PINs: chosen by the learner, kept in the chain as an Argon2id hash
// (learner-pin-set), checked at the device with the manager passphrase's back-off
// (sign_in.hpp says how and why).
//
// Wrong tries are counted per learner in learner_sign_in, a table outside the chain that
// the first count creates: it holds no evidence, so a ledger without it needs no upgrade
// and older Waymarks ignore it. A new PIN or a manager's reset (learner-pin-set with no
// hash) clears the learner's count.
#include <sodium.h>

#include <span>

#include "append.hpp"
#include "sign_in.hpp"
#include "state.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/person.hpp"

namespace waymark::ledger {

namespace {

constexpr const char* kCreateCounts =
    "CREATE TABLE IF NOT EXISTS learner_sign_in(learner_id TEXT PRIMARY KEY,"
    " failures INTEGER NOT NULL, last_failure TEXT NOT NULL) STRICT";

Error locked(const LedgerState& st, std::string_view learner_id, const std::string& why) {
    return make_error(ErrorCode::verification,
                      "learner " + std::string(learner_id) + " cannot sign in with a PIN: " + why +
                          "; run 'waymark ledger verify --ledger " + st.path.string() +
                          "' to see what changed and restore the ledger from a backup, or have a "
                          "manager reset the PIN with 'waymark learner pin-reset'");
}

// The learner's current PIN hash: nothing when they never set one, "" after a reset.
Result<std::optional<std::string>> current_pin(LedgerState& st, std::string_view learner_id) {
    auto payload =
        latest_signed_payload(st, learner_id, EventType::learner_pin_set,
                              [&](const std::string& why) { return locked(st, learner_id, why); });
    if (!payload)
        return payload.error();
    if (!*payload)
        return std::optional<std::string>{};
    auto set = read_learner_pin_set(**payload);
    const bool readable =
        set && (set->argon2id.empty() || (set->argon2id.starts_with("$argon2id$") &&
                                          set->argon2id.size() < crypto_pwhash_STRBYTES));
    if (!readable)
        return locked(st, learner_id, "the PIN recorded for them is damaged");
    return std::optional<std::string>{std::move(set->argon2id)};
}

FailureStore learner_failures(LedgerState& st, std::string learner_id) {
    FailureStore store;
    store.read = [&st, learner_id](UtcTime now) -> Result<FailureCount> {
        if (auto r = st.db.exec(kCreateCounts); !r)
            return r.error();
        auto s = st.db.prepare(
            "SELECT failures, last_failure FROM learner_sign_in WHERE learner_id = ?1");
        if (!s)
            return s.error();
        s->bind(1, learner_id);
        return failure_count_of(*s, now);
    };
    store.write = [&st, learner_id](std::int64_t failures, UtcTime at) -> Result<void> {
        if (auto r = st.db.exec(kCreateCounts); !r)
            return r;
        auto put = st.db.prepare(
            "INSERT INTO learner_sign_in(learner_id, failures, last_failure) VALUES(?1, ?2, ?3)"
            " ON CONFLICT(learner_id) DO UPDATE SET failures = excluded.failures,"
            " last_failure = excluded.last_failure");
        if (!put)
            return put.error();
        put->bind(1, learner_id);
        put->bind(2, failures);
        put->bind(3, format_iso8601(at));
        return put->run();
    };
    store.clear = [&st, learner_id]() -> Result<void> {
        if (auto r = st.db.exec(kCreateCounts); !r)
            return r;
        auto del = st.db.prepare("DELETE FROM learner_sign_in WHERE learner_id = ?1");
        if (!del)
            return del.error();
        del->bind(1, learner_id);
        return del->run();
    };
    return store;
}

Result<void> record_pin(LedgerState& st, std::string_view learner_id, std::string hash) {
    NewEvent event;
    event.learner_id = std::string(learner_id);
    event.type = EventType::learner_pin_set;
    event.payload = write_payload(LearnerPinSet{std::move(hash)});
    return in_write_transaction(st.db, [&]() -> Result<void> {
        if (auto r = append_all(st, std::span<const NewEvent>(&event, 1), false); !r)
            return r.error();
        // Wrong guesses at the old PIN say nothing about the new one.
        return learner_failures(st, event.learner_id).clear();
    });
}

}  // namespace

Result<void> Ledger::set_learner_pin(std::string_view learner_id, std::string_view pin,
                                     PassphraseCost cost) {
    auto& st = *state_;
    if (auto problem = pin_problem(pin))
        return make_error(ErrorCode::invalid, *problem);
    // Before hashing, which takes a moment and 64 MiB: without the key nothing is recorded.
    if (auto key = require_key(st); !key)
        return key.error();
    auto hash = argon2id_hash(pin, cost);
    if (!hash)
        return hash.error();
    return record_pin(st, learner_id, std::move(*hash));
}

Result<void> Ledger::reset_learner_pin(std::string_view learner_id) {
    if (auto key = require_key(*state_); !key)
        return key.error();
    return record_pin(*state_, learner_id, "");
}

Result<bool> Ledger::has_learner_pin(std::string_view learner_id) {
    auto hash = current_pin(*state_, learner_id);
    if (!hash)
        return hash.error();
    return hash->has_value() && !(*hash)->empty();
}

Result<SignInCheck> Ledger::check_learner_pin(std::string_view learner_id, std::string_view pin,
                                              PassphraseCost least) {
    auto& st = *state_;
    auto hash = current_pin(st, learner_id);
    if (!hash)
        return hash.error();
    if (!*hash || (*hash)->empty())
        return SignInCheck{SignInCheck::Outcome::not_set, 0, std::chrono::seconds{0}};
    // Before counting the try: no PIN could open it, so it is not a guess.
    if (!costs_at_least(**hash, least))
        return locked(st, learner_id,
                      "their PIN was hashed with less work than this program "
                      "accepts (only tests set such a one)");
    return check_with_back_off(st, learner_failures(st, std::string(learner_id)), **hash, pin);
}

Result<bool> Ledger::learner_pins_required() {
    auto all = settings("");
    if (!all)
        return all.error();
    for (const auto& [key, value] : *all)
        if (key == kPinRequiredSetting)
            return value == "true";
    return false;
}

}  // namespace waymark::ledger
