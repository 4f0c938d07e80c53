// What the manager passphrase and learners' PINs share: an Argon2id hash kept in this
// device's signed chain, and a check that backs off after wrong tries.
//
// The hash is an event, so it needs the device key to set and no file beside the ledger
// can reset it; it is read only as part of the chain the device signed, so an event
// added or edited with SQL opens nothing. Only this device's own events count: a ledger
// merged in from elsewhere brings its device's events with it, and they must not open
// anything on this device.
//
// The back-off counters are outside the chain: they only slow guessing at this device.
// Each try is counted before its secret is checked, in a transaction of its own, so that
// a player killed during the check, or a second player on the same file, gets no
// uncounted guesses.
//
// The hash's cost (PassphraseCost) is the caller's, never the file's: the Argon2id string
// records the cost it was made with, and a check refuses one below the cost it expects.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "state.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

// How long the next try waits after `failures` wrong ones in a row: 1 s, 2 s, 4 s, ...
// and never more than five minutes, so a person who mistypes is not locked out for long
// while guessing stays slow (at most 288 tries a day).
std::chrono::seconds back_off(std::int64_t failures);

// The Argon2id string of `secret` at `cost`; ErrorCode::io when memory runs out.
Result<std::string> argon2id_hash(std::string_view secret, PassphraseCost cost);

// Whether an Argon2id string records at least the passes and memory of `least`.
bool costs_at_least(std::string_view hash, PassphraseCost least);

// The payload of this device's latest event of `type` about `learner_id` ("" for the
// organisation), if any, believed only as part of this device's signed chain: the signed
// head must check with the device key and be the chain's last event, and every event from
// that one on must hash and link as it was signed (this costs the events recorded since).
// Otherwise the error is `locked(why)`.
Result<std::optional<std::string>> latest_signed_payload(
    LedgerState& st, std::string_view learner_id, EventType type,
    const std::function<Error(const std::string& why)>& locked);

// Where one kind of secret keeps its wrong tries in a row (a table outside the chain).
struct FailureCount {
    std::int64_t count = 0;
    UtcTime last{};
};
// The count the row of `query` (bound, not yet stepped) holds: none when there is no row.
// A time that does not read counts as `now`, as FailureStore says.
Result<FailureCount> failure_count_of(Statement& query, UtcTime now);

struct FailureStore {
    // Inside a write transaction. A time that does not read counts as `now` (the full
    // wait, never none): anyone who can write the file can edit these rows.
    std::function<Result<FailureCount>(UtcTime now)> read;
    std::function<Result<void>(std::int64_t failures, UtcTime at)> write;
    std::function<Result<void>()> clear;
};

// Counts the try, then checks `typed` against the Argon2id string `hash`: granted (and the
// count cleared), refused (with the wait before the next), or wait (a try during the wait,
// not checked).
Result<SignInCheck> check_with_back_off(LedgerState& st, const FailureStore& failures,
                                        const std::string& hash, std::string_view typed);

}  // namespace waymark::ledger
