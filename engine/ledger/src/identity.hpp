// Learners' personal details bound to the chain without being written into it.
//
// The learners table holds each person's name, staff id, email, team and role and a
// random 16-byte salt. learner-enrolled and learner-updated events carry a commitment:
// SHA-256 over the learner id, the salt and the details. Verify recomputes it for every
// row, so any edit of the table shows: a changed team, two ids or names swapped, a row
// added or an erasure undone. Erasing clears the details and the salt, so the commitment
// left in the chain can no longer be opened or guessed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

using Salt = std::array<std::uint8_t, 16>;

// 64 hex digits: SHA-256 of "waymark-person-v1", the id, the salt and each field, one a
// line (fields hold no control characters, so the lines cannot be confused).
std::string person_commitment(std::string_view learner_id, const Salt& salt, const Person& p);

// Clears one learner's details and salt and records when (?1 id, ?2 time); the one
// statement every erasure goes through, local or merged.
inline constexpr const char* kErasePersonSql =
    "UPDATE learners SET name = '', staff_id = '', email = '', team = '', role = '',"
    " salt = NULL, erased_at = ?2 WHERE id = ?1 AND erased_at IS NULL";

// Checks every row of the learners table against the identity events of its learner,
// adding a problem per row that does not match.
Result<void> check_identities(Database& db, VerifyReport& report);

}  // namespace waymark::ledger
