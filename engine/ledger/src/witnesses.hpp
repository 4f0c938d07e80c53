// Checking a ledger against checkpoints seen outside it, and keeping the highest one seen
// of each device (the witnessed table).
#pragma once

#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/ledger/witness.hpp"

namespace waymark::ledger {

enum class WitnessFinding {
    consistent,      // the chain holds the checkpoint's event
    rolled_back,     // the chain ends before it
    forked,          // the chain holds another event there
    forged,          // its signature or key is not the device's
    unknown_device,  // no such device here
};

// Compares one checkpoint with `db`'s chains, adding a problem naming `w.source` for
// anything but consistent.
Result<WitnessFinding> check_witness(Database& db, const Witness& w, VerifyReport& report);

// The latest checkpoint of each device in `db`, and the ones it witnessed, as Witnesses
// from `source`.
Result<std::vector<Witness>> latest_checkpoints(Database& db, const std::string& source);

// The checkpoints witnessed from other ledgers, as stored in `db`.
Result<std::vector<Witness>> witnessed(Database& db);

// Records `w` in the witnessed table when it is later than the one kept for its device.
Result<void> keep_witness(Database& db, const Witness& w);

}  // namespace waymark::ledger
