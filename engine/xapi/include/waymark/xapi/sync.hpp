// waymark/xapi/sync.hpp: sending a ledger's statements to an LRS, resumably.
//
// sync() maps the events after the last position the LRS acknowledged, posts them in
// batches, and after each batch the LRS acknowledged records the new position in the
// ledger itself, as the organisation setting "xapi.acknowledged <endpoint>" (an
// appended settings-changed event, so the record is part of the signed chain), the
// endpoint written as normalised_endpoint() has it (endpoint.hpp) so that another
// spelling of the same address resumes too. An interruption at any point (the LRS going
// away, the process being killed) loses at most the batch in flight, and the next sync
// resends exactly that batch. Statement ids are the events' ids, so an LRS that had
// stored the batch keeps one copy of each.
//
// Then the LRS becomes a witness of the ledger (waymark/ledger/witness.hpp): it is given
// the device's signed checkpoint, kept outside the ledger file, as the document
// kCheckpointProfileId of the activity checkpoint_activity_id(device id) (xAPI's
// Activity Profile resource), so a ledger later rolled back or rewritten can be caught
// by comparing it with what the LRS holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/xapi/lrs_client.hpp"
#include "waymark/xapi/statement.hpp"

namespace waymark::xapi {

// The setting key holding the last acknowledged position for `endpoint`:
// "xapi.acknowledged " followed by normalised_endpoint(endpoint).
std::string acknowledged_setting(std::string_view endpoint);

// The last ledger position the LRS at `endpoint` acknowledged (0: nothing yet): the value
// of acknowledged_setting(endpoint), or, in a ledger synced before addresses were
// normalised, the highest of the values recorded under any spelling of the same address
// (each is a position that LRS acknowledged everything up to). ErrorCode::invalid when
// the value used is not a position.
Result<std::int64_t> acknowledged_position(ledger::Ledger& ledger, std::string_view endpoint);

// Where the LRS keeps a device's checkpoint: the activity "urn:waymark:device:<id>",
// document "urn:waymark:checkpoint".
inline constexpr const char* kCheckpointProfileId = "urn:waymark:checkpoint";
std::string checkpoint_activity_id(std::string_view device_id);

// Gives the LRS the device's checkpoint, as witness_json() writes it: a fresh one (reason
// "sync") when `fresh`, else the latest (fresh if there is none). Nothing is sent when the
// LRS already holds a checkpoint of this device for the same event with the same hash.
// The LRS's copy is left alone, and ErrorCode::verification says why, when it is a
// checkpoint of this device for a later event than this one, or for the same event with
// another hash: this ledger has then been rolled back, replaced or rewritten since, and
// that copy is the evidence. Other failures are the client's (lrs_client.hpp). Returns
// the checkpoint the LRS holds.
Result<ledger::Checkpoint> send_checkpoint(ledger::Ledger& ledger, LrsClient& client, bool fresh);

struct SyncProgress {
    std::int64_t statements_sent = 0;   // acknowledged in this run
    std::int64_t statements_total = 0;  // to send in this run
    std::int64_t position = 0;          // acknowledged ledger position
};

struct SyncOptions {
    std::size_t batch_size = 200;
    // After the statements, send_checkpoint() (fresh when this run sent statements),
    // whenever the LRS holds any statements of this ledger.
    bool send_checkpoint = true;
    // Called after each acknowledged batch (and once at the start with nothing sent).
    std::function<void(const SyncProgress&)> on_progress;
};

struct SyncReport {
    std::int64_t statements_sent = 0;
    std::int64_t batches = 0;
    std::int64_t resumed_from = 0;  // the acknowledged position this run started after
    std::int64_t position = 0;      // the acknowledged position it ended at
    // What send_checkpoint() came to: the checkpoint the LRS holds, or why it does not.
    // A failure there leaves the statements sent and recorded as they are.
    std::optional<ledger::Checkpoint> checkpoint;
    std::optional<Error> checkpoint_error;
};

// Sends every statement after the acknowledged position, then the checkpoint, as above.
// Fails with the client's error (lrs_client.hpp) on the first batch the LRS did not
// acknowledge; the message then says how many statements this run had already sent and
// recorded, and nothing from that batch on is marked as synced. A checkpoint the LRS
// did not store is not a failure of sync: see SyncReport::checkpoint_error.
// ErrorCode::usage for a batch size of 0. `mapper` must not have been used before.
Result<SyncReport> sync(ledger::Ledger& ledger, StatementMapper& mapper, LrsClient& client,
                        const SyncOptions& options = {});

}  // namespace waymark::xapi
