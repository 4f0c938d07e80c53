// Recording new events: each is checked, given its id, time and place in this device's
// chain, hashed, stored and projected, inside the caller's write transaction.
//
// A large batch is prepared (checked, stamped, hashed) in a second thread while the
// calling thread stores the events already prepared, in order: on two cores the
// SQLite work and the preparation overlap. The result is the same either way.
#pragma once

#include <span>
#include <vector>

#include "chain.hpp"
#include "head.hpp"
#include "state.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/events.hpp"

namespace waymark::ledger {

// Inserts the row of an event whose fields are all set (its own or another device's),
// with the one reused INSERT statement; sets its position. Projections are the
// caller's.
Result<void> insert_event_row(LedgerState& st, Event& e);

// Appends one event after `head` and advances it (end and tally). Runs inside the
// caller's write_from_signed_head(), which signs the new head before it commits.
Result<Event> append_one(LedgerState& st, const NewEvent& ne, WriteHead& head);

// Appends `events` in one write transaction of their own, all or none, starting from the
// verified signed head and signing the new one; with `checkpoint_after`, also writes a
// "completion" checkpoint.
Result<std::vector<Event>> append_all(LedgerState& st, std::span<const NewEvent> events,
                                      bool checkpoint_after);

}  // namespace waymark::ledger
