// What an open Ledger holds, shared by the files that implement it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "projector.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

struct LedgerState {
    Database db;
    std::filesystem::path path;
    std::filesystem::path key_name;  // NAME of NAME.key / NAME.pub
    std::string device_id;
    std::optional<Ed25519SecretKey> secret_key;  // absent: the key file is missing
    Ed25519PublicKey public_key;
    std::unique_ptr<Projector> projector;
    Statement last_event, insert_event, upsert_head;
};

// The device's key is needed to record anything; explains what to do when it is missing.
Result<const Ed25519SecretKey*> require_key(LedgerState& state);

// Signs the head of this device's chain (its last event) into `heads`. Called at the end
// of every write transaction that appended, so truncating the chain is detectable.
Result<void> sign_head(LedgerState& state);

// The signed texts: a head and a checkpoint commit to device, sequence number, hash and
// time (and a checkpoint to its reason).
std::string head_message(std::string_view device, std::int64_t seq, const Sha256Digest& hash,
                         std::string_view time);
std::string checkpoint_message(std::string_view device, std::int64_t seq, const Sha256Digest& hash,
                               std::string_view time, std::string_view reason);

// Writes a checkpoint of this device's current head; inside the caller's transaction.
Result<Checkpoint> write_checkpoint(LedgerState& state, std::string_view reason);

// Clears the projections and replays every event into them, in the caller's
// transaction.
Result<void> rebuild_projections(LedgerState& state);

// Reads a 32-byte hash column; false when the column is not exactly 32 bytes.
bool read_digest(const Statement& s, int column, Sha256Digest& out);

}  // namespace waymark::ledger
