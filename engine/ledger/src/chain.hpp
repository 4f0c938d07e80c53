// The bytes each event's hash covers, and the hash itself.
//
// An event's canonical bytes (version 1) are one line of JSON built from its stored
// fields, in this order and with no spaces:
//   {"v":1,"id":"<uuid>","device":"<id>","seq":<n>,"time":"<iso>","learner":"<id>",
//    "course":{"id":"..","version":"..","digest":"..","trusted":true|false},
//    "type":"<type>","payload":<canonical payload>}
// hash = SHA-256(previous hash (32 bytes) || canonical bytes); the first event of a
// device's chain has 32 zero bytes as its previous hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "waymark/core/crypto.hpp"

namespace waymark::ledger {

struct EventFields {
    std::string_view id;
    std::string_view device_id;
    std::int64_t seq = 0;
    std::string_view time;
    std::string_view learner_id;
    std::string_view course_id;
    std::string_view course_version;
    std::string_view course_digest;
    bool trusted = false;
    std::string_view type;
    std::string_view payload;
};

// Replaces `out` with the canonical bytes of `e` (reusing its storage).
void canonical_event_bytes(const EventFields& e, std::string& out);

Sha256Digest chain_hash(const Sha256Digest& prev, std::string_view canonical_bytes);

inline constexpr Sha256Digest kGenesisHash{};

}  // namespace waymark::ledger
