// The digest of the rows evidence is read from, signed in each head (format 3), so that a
// report or certificate can trust those rows by hashing them in storage order instead of
// looking up the event behind each one (at 100,000 learners that lookup was most of a
// report's time).
//
// The evidence rows are every row of learners, completions and certificates and the
// organisation's rows of settings (kEvidenceTables). Their digest is a multiset hash that
// a write updates by the rows it changes, without reading the others: LtHash (Bellare and
// Micciancio 1997; Lewi et al. 2019, "Securing update propagation with homomorphic
// hashing"). Each row is expanded to 1,024 16-bit lanes and the digest is the lane-wise
// sum modulo 2^16; adding a row adds its lanes, removing one subtracts them. Finding other
// rows with the same sum is a lattice problem at this size (2,048 bytes); a 256-bit sum or
// XOR would not do, since an attacker who may change thousands of rows breaks those with
// Wagner's generalised birthday attack or with Gaussian elimination.
//
// The digest moves only from the last signed one: a write adds what it changed (recorded
// by temporary triggers on the writer's own connection, rolled back with the transaction)
// to the digest the device signed before. So a row edited with sqlite3 is never taken into
// a later signature: it stays a mismatch until the ledger is restored or rebuilt.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"

namespace waymark::ledger {

class RowsDigest {
  public:
    static constexpr std::size_t kLanes = 1024;
    static constexpr std::size_t kBytes = kLanes * 2;

    // `row` is a row's hash as waymark_row_hash() gives it.
    void add(const Sha256Digest& row);
    void remove(const Sha256Digest& row);
    void add(const RowsDigest& other);

    // The lanes, little-endian: what the heads table keeps.
    std::string bytes() const;
    // nullopt unless `bytes` is exactly kBytes long.
    static std::optional<RowsDigest> from_bytes(std::span<const std::uint8_t> bytes);
    // SHA-256 of bytes(): what a head's signature covers.
    Sha256Digest fingerprint() const;

    friend bool operator==(const RowsDigest&, const RowsDigest&) = default;

  private:
    std::array<std::uint16_t, kLanes> lanes_{};
};

// Registers the SQL function waymark_row_hash(table, column...) on `db`: SHA-256 of the
// table's name and each value with its type, so that NULL, '' and 0 differ. The one
// encoding of a row, used by the triggers and by the scans.
Result<void> register_row_hash(Database& db);

// Creates the temporary table rows_changed and the temporary triggers that fill it with
// each evidence row a write adds (+1) or removes (-1) on this connection. Temporary: they
// live in this connection only, so no program can change or remove them in the file.
Result<void> track_row_changes(Database& db);

// Adds the rows recorded by the triggers since the last call to `digest` and forgets
// them, inside the write transaction that changed them.
Result<void> apply_row_changes(Database& db, RowsDigest& digest);
// Forgets the recorded rows (a rebuild replaces the digest with a scan).
Result<void> forget_row_changes(Database& db);

// The name of a trigger stored in the ledger file, if it has one. Waymark stores none (its
// triggers are temporary); one planted in the file could change evidence rows during a
// later write, which the digest would then take in, so writes refuse and checks report it.
Result<std::optional<std::string>> foreign_trigger(Database& db);
// What a check or a refused write says about the trigger `name`, after "the ledger ".
std::string foreign_trigger_problem(std::string_view name);

// Rows of a table by rowid, [first, last]. The whole range by default, negative rowids
// included: a row moved to rowid -1 with sqlite3 must still be counted.
struct RowRange {
    std::int64_t first = INT64_MIN;
    std::int64_t last = INT64_MAX;
};

// The digest of the evidence rows as the tables hold them: the completions in
// `completions`, and with `other_tables` every row of the other evidence tables. Two
// calls with complementary ranges on two connections add up to the whole.
Result<RowsDigest> digest_of_rows(Database& db, RowRange completions, bool other_tables);

}  // namespace waymark::ledger
