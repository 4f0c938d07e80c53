// The checks behind Ledger::verify(), also run on another ledger before merging it.
#pragma once

#include <optional>
#include <string>

#include "waymark/core/crypto.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

struct PinnedKey {
    std::string device_id;
    Ed25519PublicKey key;  // from the key file beside the ledger, not from the ledger
};

// Adds a problem to the report (up to a limit) and lowers first_bad_position to
// `position` when it names an event before it.
void add_problem(VerifyReport& report, std::string problem,
                 std::optional<std::int64_t> position = {});

// Runs every check on `db` (SQLite's quick_check, each device chain, signed heads and
// checkpoints and, with check_projections, the projections against a rebuild) inside one
// read transaction, adding what it finds to `report`. An error only when the checks
// could not run.
Result<void> verify_database(Database& db, const std::optional<PinnedKey>& pinned,
                             bool check_projections, VerifyReport& report);

}  // namespace waymark::ledger
