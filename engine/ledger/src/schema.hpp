// The ledger's tables, by schema version, and the migrations between versions.
//
// Version 1: meta, events, learners.
// Version 2: adds devices, heads and checkpoints (signatures) and the projections.
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

Result<int> user_version(Database& db);
Result<void> set_user_version(Database& db, int version);

}  // namespace waymark::ledger
