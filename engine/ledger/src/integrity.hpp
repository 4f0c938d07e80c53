// The checks behind Ledger::verify(), also run on another ledger before merging it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "head.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

struct PinnedKey {
    std::string device_id;
    Ed25519PublicKey key;  // from the key file beside the ledger, not from the ledger
};

// How a problem names an event: "event 12 (sequence 3 of device 0a1b2c3d)", the device by
// the first eight characters of its id.
inline std::string event_name(std::int64_t position, std::string_view device, std::int64_t seq) {
    return "event " + std::to_string(position) + " (sequence " + std::to_string(seq) +
           " of device " + std::string(device.substr(0, 8)) + ")";
}
// A device as problems name it: the first eight characters of its id.
inline std::string short_device_id(std::string_view device) {
    return std::string(device.substr(0, 8));
}

// Adds a problem to the report (up to a limit) and lowers first_bad_position to
// `position` when it names an event before it.
void add_problem(VerifyReport& report, std::string problem,
                 std::optional<std::int64_t> position = {});
// Every problem `from` found, and its first bad position when it is the earlier: what a
// check run on a second connection adds to the report of the first.
void add_problems(VerifyReport& into, VerifyReport from);

// Runs every check on `db` (SQLite's quick_check, each device chain, signed heads and
// checkpoints and, with check_projections, the projections against a rebuild), adding
// what it finds to `report`: the chains in one read transaction on `db`, quick_check and
// the projections on connections of their own in other threads (on `db` when no thread
// can be had). An error only when the checks could not run.
// Also checks the identities (every learners row against its chain), the counts the
// device signed, and every checkpoint in `witnesses` and in the witnessed table.
Result<void> verify_database(Database& db, const std::optional<PinnedKey>& pinned,
                             bool check_projections, VerifyReport& report,
                             const std::vector<Witness>& witnesses = {});

// The columns an event's chain check reads, in this order.
inline constexpr const char* kChainColumns =
    "SELECT position, id, device_id, seq, time, learner_id, course_id, course_version,"
    " course_digest, course_trusted, type, payload, prev_hash, hash FROM main.events";

// The hash of the event in the current row of a kChainColumns query, for its stored
// previous hash (`bytes` is scratch space).
Sha256Digest hash_of_row(const Statement& s, const Sha256Digest& prev, std::string& bytes);

// This ledger's own device (meta's device_id) and, once check_heads() has read it, its
// signed head.
struct OwnDevice {
    std::string device_id;
    std::optional<SignedHead> head;
};
Result<OwnDevice> own_device(Database& db);

// Checks every device's signed head (signature, and that it is the last event of the
// chain as `ends` gives it) and that this ledger's own device has one; sets own.head.
Result<void> check_heads(Database& db, const std::optional<PinnedKey>& pinned,
                         const std::map<std::string, ChainEnd>& ends, OwnDevice& own,
                         VerifyReport& report);

// The identity, count and witness checks as verify_database() runs them.
// With check_tables, also the rows of the tables (a projection check: rebuild() runs
// verify without it, since rebuilding is what mends those tables).
Result<void> check_tally(Database& db, const OwnDevice& own, const Tally& counted,
                         bool check_tables, VerifyReport& report);
Result<void> check_witnesses(Database& db, const std::vector<Witness>& given, VerifyReport& report);

// Every evidence row (learners, completions, certificates and the organisation's
// settings) against the event it comes from: what a digest cannot say, namely which row
// was edited. The whole table each time, so it is for upgrades and for naming problems.
Result<void> check_evidence_rows(Database& db, VerifyReport& report);

// `rows`, the evidence rows' digest as the tables give it, against the one own.head
// signed. When they differ, check_evidence_rows() names the rows, or one problem says
// that they differ. Nothing to compare without a head whose signature checked.
Result<void> compare_rows_digest(Database& db, const OwnDevice& own, const RowsDigest& rows,
                                 VerifyReport& report);

struct LedgerState;
// This ledger's device key from its key file, when it is there: verify then also checks
// that the ledger's own key record was not replaced.
std::optional<PinnedKey> pinned_key(const LedgerState& st);

}  // namespace waymark::ledger
