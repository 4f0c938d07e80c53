// waymark/xapi/sync.hpp: sending a ledger's statements to an LRS, resumably.
//
// sync() maps the events after the last position the LRS acknowledged, posts them in
// batches, and after each batch the LRS acknowledged records the new position in the
// ledger itself, as the organisation setting "xapi.acknowledged <endpoint>" (an
// appended settings-changed event, so the record is part of the signed chain). An
// interruption at any point (the LRS going away, the process being killed) loses at
// most the batch in flight, and the next sync resends exactly that batch. Statement ids
// are the events' ids, so an LRS that had stored the batch keeps one copy of each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/xapi/lrs_client.hpp"
#include "waymark/xapi/statement.hpp"

namespace waymark::xapi {

// The setting key holding the last acknowledged position for `endpoint`.
std::string acknowledged_setting(std::string_view endpoint);

// The last ledger position the LRS at `endpoint` acknowledged (0: nothing yet).
// ErrorCode::invalid when the stored value is not a position.
Result<std::int64_t> acknowledged_position(ledger::Ledger& ledger, std::string_view endpoint);

struct SyncProgress {
    std::int64_t statements_sent = 0;   // acknowledged in this run
    std::int64_t statements_total = 0;  // to send in this run
    std::int64_t position = 0;          // acknowledged ledger position
};

struct SyncOptions {
    std::size_t batch_size = 200;
    // Called after each acknowledged batch (and once at the start with nothing sent).
    std::function<void(const SyncProgress&)> on_progress;
};

struct SyncReport {
    std::int64_t statements_sent = 0;
    std::int64_t batches = 0;
    std::int64_t resumed_from = 0;  // the acknowledged position this run started after
    std::int64_t position = 0;      // the acknowledged position it ended at
};

// Sends every statement after the acknowledged position, as above. Fails with the
// client's error (lrs_client.hpp) on the first batch the LRS did not acknowledge; the
// message then says how many statements this run had already sent and recorded, and
// nothing from that batch on is marked as synced. ErrorCode::usage for a batch size of
// 0. `mapper` must not have been used before.
Result<SyncReport> sync(ledger::Ledger& ledger, StatementMapper& mapper, LrsClient& client,
                        const SyncOptions& options = {});

}  // namespace waymark::xapi
