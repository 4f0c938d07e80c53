// waymark/ledger/witness.hpp: checkpoints kept outside the ledger file.
//
// A ledger is trusted through checkpoints that parties outside it keep (as Certificate
// Transparency's logs are, RFC 9162, and C2SP's signed checkpoints): the device signs
// "my chain had N events ending in hash H at time T", and whoever holds that statement
// (an auditor's file, another device's ledger after a merge, the organisation's LRS
// after a sync) can later show that the ledger was rolled back (it ends before N) or
// forked (its event N is not H), which nothing inside the file can show once someone
// rewrote the whole file. The witness file is one JSON object:
//   {"format":"waymark-checkpoint-v1","device_id":"..","seq":N,"head_hash":"<hex>",
//    "time":"..","reason":"..","signature":"<hex>","public_key":"<hex>"}
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

// The text a device signs for a checkpoint: device, sequence number, head hash, time and
// reason, one a line after "waymark-checkpoint-v1". Whoever holds a checkpoint checks its
// signature over this (a witness file, an export's .sig).
std::string checkpoint_message(std::string_view device, std::int64_t seq, const Sha256Digest& hash,
                               std::string_view time, std::string_view reason);

// The witness file's text for `checkpoint` (one line, newline at the end).
std::string witness_json(const Checkpoint& checkpoint);
// Reads a witness file's text; ErrorCode::parse names what is wrong. The signature is
// not checked here (check_witness does).
Result<Checkpoint> read_witness_json(std::string_view text);

// The checkpoints a file vouches for: a witness file holds one; another ledger gives the
// latest checkpoint of each of its devices and every checkpoint it witnessed itself.
// The file is only read.
Result<std::vector<Witness>> read_witnesses(const std::filesystem::path& file);

}  // namespace waymark::ledger
