// waymark/assessment/event_json.hpp: attempt and practice events as JSON text.
//
// The ledger stores each event as JSON. An attempt event is written as
//     {"type": "attempt-started", "event": {"cereal_class_version": 1, ...}}
// so a reader knows its shape before reading it. Reading never throws: malformed or
// hostile JSON (a wrong type, a missing field, a bad time or seed) is an Error.
#pragma once

#include <string>
#include <string_view>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/core/result.hpp"

namespace waymark::assessment {

// "attempt-started", "answer-saved", "attempt-submitted", "attempt-scored",
// "answer-cleared": the same names as the ledger's event types for them.
const char* event_type(const AttemptEvent& event);

// The JSON of one event on one line (cereal's spacing; the ledger canonicalises it),
// read back by read_attempt_event() to an equal event.
std::string write_attempt_event(const AttemptEvent& event);
// Fails with ErrorCode::parse, naming what was wrong; with ErrorCode::invalid, saying to
// upgrade Waymark, for an event of a newer version than this build reads.
Result<AttemptEvent> read_attempt_event(std::string_view json);

std::string write_practice_event(const PracticeAnswered& event);
Result<PracticeAnswered> read_practice_event(std::string_view json);

}  // namespace waymark::assessment
