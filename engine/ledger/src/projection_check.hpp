// Verify's check of the projection tables against the events, in memory.
//
// Every projection row follows from the events of one learner alone (pages, progress,
// attempts and completions from those on one course, in order; settings and
// certificates from the learner's). So the check reads the events learner by learner
// through the events_by_learner index, works out that learner's rows as the projector
// would write them (projector.hpp defines what they are; this is the same rules applied
// to values in memory instead of through SQL), and compares them, every column with its
// SQLite type, with the learner's rows in each projection table, read in the same
// learner order. Memory holds one learner's rows at a time, whatever the ledger's size.
#pragma once

#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

// Adds to `report` each event the projector could not apply ("event N cannot be
// replayed: ...") and each projection table that differs ("the progress table does not
// match the events (3 rows differ)"). Runs inside the caller's read transaction; an
// Error only when the tables could not be read.
Result<void> compare_projections(Database& db, VerifyReport& report);

}  // namespace waymark::ledger
