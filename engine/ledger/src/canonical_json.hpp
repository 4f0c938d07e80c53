// canonical_json() (events.hpp) that also keeps the payload as parsed, for a caller that
// wants both: an append canonicalises each payload and reads from the same parse what
// the projector takes from it, instead of parsing the stored text again.
#pragma once

// payload_reader.hpp first: cereal's JSON header makes RapidJSON's assertions throw.
#include "payload_reader.hpp"

#include <string>
#include <string_view>

#include "waymark/core/result.hpp"

namespace waymark::ledger {

// canonical_json(json), with `parsed` holding the values of the canonical text as parsing
// it would give them, without parsing it again; or null when that is not certain: when
// `json` is not the canonical text and holds a number with a fraction or an exponent,
// whose canonical digits may read back as a neighbouring double.
Result<std::string> canonical_json(std::string_view json, ParsedPayload& parsed);

}  // namespace waymark::ledger
