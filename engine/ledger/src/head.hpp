// The head of a device's chain, in one place: the last event of the chain (ChainEnd), the
// record the device signs of it (SignedHead), and the rule every write starts from.
//
// A write starts only from a head the device signed: its signature checks with this
// device's key and its sequence and hash are those of the chain's last event. A chain
// that goes on past its signed head (an event added without the key) or stops short of
// it (events removed) is refused, so no later signature can make a forgery look right.
// A head in format 2 also signs the counts of learners, completions and certificates the
// ledger holds and the position up to which the chain was checked (reports re-check only
// what came after it). Format 3 also signs the digest of the evidence rows
// (rows_digest.hpp), so that reports trust those rows by hashing them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "chain.hpp"
#include "rows_digest.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/events.hpp"

namespace waymark::ledger {

struct LedgerState;

// The last event of a device's chain: what the next event links to.
struct ChainEnd {
    std::int64_t seq = 0;
    Sha256Digest hash = kGenesisHash;
    friend bool operator==(const ChainEnd&, const ChainEnd&) = default;
};

// How many rows the learners, completions and certificates tables must hold: one per
// learner-enrolled, course-completed and certificate-issued event.
struct Tally {
    std::int64_t learners = 0;
    std::int64_t completions = 0;
    std::int64_t certificates = 0;
    void count(EventType type);
    void count(std::string_view type);
    friend bool operator==(const Tally&, const Tally&) = default;
};

// The counts as the tables hold them now. Used once, when a ledger written before schema 3
// is upgraded: its format-1 head did not sign them, and the upgrade starts from that head
// after checking it.
Result<Tally> tally_of_tables(Database& db);

struct SignedHead {
    std::string device_id;
    ChainEnd end;
    std::string time;
    // 1: device, seq, hash and time only (ledgers before schema 3); 2: also the tally and
    // the verified position; 3: also the evidence rows' digest (schema 4 on).
    int format = 3;
    Tally tally;
    std::int64_t verified_position = 0;  // events up to here were checked when signed
    std::optional<RowsDigest> rows;      // format 3
    Ed25519Signature signature{};
};

// The signed text of a head, in its format.
std::string head_message(const SignedHead& head);

// The columns of the heads table, for reading a head with read_signed_head_row().
inline constexpr const char* kHeadColumns =
    "device_id, seq, hash, time, signature, format, learners, completions, certificates,"
    " verified_position, rows_digest";
// A head from a row of "SELECT kHeadColumns FROM heads"; nullopt when a blob is damaged.
std::optional<SignedHead> read_signed_head_row(const Statement& s);

// The signed head of `device`, if it has one (signature not checked).
Result<std::optional<SignedHead>> read_signed_head(Database& db, std::string_view device);
// The last event of `device`'s chain; the genesis end when it has none.
Result<ChainEnd> read_chain_end(Database& db, std::string_view device);

// This device's head as a write starts from it (see the file comment).
struct WriteHead {
    ChainEnd end;
    Tally tally;
    std::int64_t verified_position = 0;
    // check_evidence() found the chain sound up to its last event just before this write:
    // the signed verified position moves to the new tail.
    bool verified_to_tail = false;
    // The evidence rows' digest as signed; the write adds the rows it changes.
    std::optional<RowsDigest> rows;
    // The evidence rows were just made from the events (a rebuild) or checked against them
    // (an upgrade): the head signs a digest of them as they are stored.
    bool rows_match_events = false;
};
Result<WriteHead> load_write_head(LedgerState& st);

// Signs `head` as this device's head; inside the write transaction that made it.
Result<void> sign_head(LedgerState& st, const WriteHead& head);

// Runs `body` in a write transaction that starts from the verified signed head and ends
// by signing the head `body` leaves (see in_write_transaction for nesting).
Result<void> write_from_signed_head(LedgerState& st,
                                    const std::function<Result<void>(WriteHead&)>& body);

}  // namespace waymark::ledger
