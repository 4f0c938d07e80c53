// What an open Ledger holds, shared by the files that implement it.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "projector.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/core/ids.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

// A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds at `now`, then random bits.
// Event ids use it so that successive events sort together in the id index: each append
// then adds to the end of the index instead of rewriting a random page of it (with
// random version 4 ids, a batch of 1,000 appends rewrote some 700 index pages).
std::string time_ordered_id(UtcTime now, std::span<const std::uint8_t, 10> random);

// Random bytes drawn from the CSPRNG a few kilobytes at a time: one getrandom() call for
// each event id was 3% of an append. A forked child draws its own, never its parent's.
class RandomPool {
  public:
    std::span<const std::uint8_t, 10> take();

  private:
    std::array<std::uint8_t, 4000> bytes_{};
    std::size_t used_ = bytes_.size();
    unsigned generation_ = 0;  // fork_generation() when the bytes were drawn
};

struct LedgerState {
    Database db;
    std::filesystem::path path;
    std::filesystem::path key_name;  // NAME of NAME.key / NAME.pub
    std::string device_id;
    std::optional<Ed25519SecretKey> secret_key;  // absent: the key file is missing
    bool read_only = false;                      // OpenOptions::read_only
    // The last position check_evidence() found sound in this process (-1: none); a write
    // that starts there signs everything up to its new tail as checked.
    std::int64_t evidence_checked_to = -1;
    // An erasure inside in_one_transaction: its details sit in the log until the outer
    // transaction commits, so the log is cleared then (a checkpoint cannot run inside it).
    bool clear_log_after_commit = false;
    Ed25519PublicKey public_key;
    std::unique_ptr<Projector> projector;
    Statement insert_event, upsert_head, learner_state;
    std::string canonical_bytes;  // reused by each append, which hashes them
    RandomPool random_pool;
    std::function<Uuid()> new_id;    // OpenOptions::new_id; empty: random
    std::function<UtcTime()> clock;  // OpenOptions::clock; empty: the system clock

    std::string fresh_id() const { return (new_id ? new_id() : Uuid::random()).str(); }
    // An event's id: from new_id when set, else a time-ordered UUID (time_ordered_id).
    std::string fresh_event_id() {
        return new_id ? new_id().str() : time_ordered_id(utc_now(), random_pool.take());
    }
    UtcTime now() const { return clock ? clock() : utc_now(); }
    // A learner's salt (identity.hpp): from new_id when set, so that generated ledgers
    // are the same byte for byte; else random.
    std::array<std::uint8_t, 16> fresh_salt() const {
        std::array<std::uint8_t, 16> salt{};
        if (new_id)
            salt = new_id().bytes();
        else
            random_bytes(salt);
        return salt;
    }
};

// The device's key is needed to record anything; explains what to do when it is missing.
Result<const Ed25519SecretKey*> require_key(LedgerState& state);

struct ChainEnd;
// Writes a checkpoint of `end`, this device's verified chain end, inside the caller's
// write transaction (write_from_signed_head).
Result<Checkpoint> write_checkpoint(LedgerState& state, const ChainEnd& end,
                                    std::string_view reason);

// Clears the projections and replays every event into them, in the caller's
// transaction.
Result<void> rebuild_projections(LedgerState& state);

// Reads a 32-byte hash column; false when the column is not exactly 32 bytes.
bool read_digest(const Statement& s, int column, Sha256Digest& out);

}  // namespace waymark::ledger
