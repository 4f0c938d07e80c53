// The ledger's tables, by schema version, and the migrations between versions.
//
// Version 1: meta, events, learners.
// Version 2: adds devices, heads and checkpoints (signatures) and the projections.
// Version 3: binds the learners table to the chain (a salt per learner, committed to by
//            identity events), signs counts and the verified position into each head,
//            keeps the checkpoints witnessed from other ledgers, the backups made and
//            the manager sign-in back-off.
// Version 4: each head also signs the digest of the evidence rows (rows_digest.hpp).
// A migration runs inside the caller's write transaction; migrate_to_current() leaves
// user_version at kSchemaVersion.
#pragma once

#include <string>

#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"

namespace waymark::ledger {

// CREATE statements of the projection tables in `schema`. verify() compares each table
// with the rows projection_check.cpp works out, every column in this order.
std::string projection_tables_sql(const std::string& schema);

// The projection tables, in a fixed order, for comparisons and rebuilds.
inline constexpr const char* kProjectionTables[] = {"pages_viewed", "progress",     "attempts",
                                                    "completions",  "certificates", "settings"};

// Creates the version-1 tables (used for new ledgers, then migrated like any other).
Result<void> create_version_1(Database& db);
// Adds the version-2 tables to a version-1 ledger. The caller fills devices, heads and
// projections afterwards (that needs the device key and the projector).
Result<void> migrate_1_to_2(Database& db);

// Adds the version-3 columns and tables to a version-2 ledger. The caller binds the
// existing learners to the chain and signs a version-2 head afterwards.
Result<void> migrate_2_to_3(Database& db);

// Adds the version-4 column (heads.rows_digest) to a version-3 ledger. The caller checks
// the evidence rows against the events and signs a format-3 head afterwards.
Result<void> migrate_3_to_4(Database& db);

Result<int> user_version(Database& db);
Result<void> set_user_version(Database& db, int version);

}  // namespace waymark::ledger
