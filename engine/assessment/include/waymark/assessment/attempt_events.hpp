// waymark/assessment/attempt_events.hpp: the facts an assessment attempt is made of.
//
// An attempt is never updated in place: each step is an event the ledger appends, and
// the attempt (attempt.hpp) is whatever its events say. The events are plain structs
// with a versioned cereal serialize() beside each, so the ledger can store them as JSON
// (event_json.hpp gives the JSON form and a safe reader; the ledger reads through the
// same serialize()). When a type's fields change, bump its CEREAL_CLASS_VERSION at the
// bottom and read the new field only `if (version >= N)`, so old payloads stay readable;
// each serialize() first refuses a version newer than its own (serialized_fields.hpp).
// The ledger's fixture (tests/fixtures/ledger) holds payloads of today's versions.
#pragma once

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "waymark/assessment/response.hpp"
#include "waymark/assessment/scoring.hpp"
#include "waymark/assessment/serialized_fields.hpp"
#include "waymark/core/time.hpp"

namespace waymark::assessment {

// not started -> in progress. Carries everything needed to show the same paper again.
struct AttemptStarted {
    std::string attempt_id;  // unique, e.g. a Uuid's str()
    std::uint64_t seed = 0;  // drives the draw and every shuffle
    UtcTime at{};
    std::vector<std::string> question_ids;    // the paper, in the order asked
    std::chrono::milliseconds time_limit{0};  // 0 = none; the policy's, fixed at the start
    friend bool operator==(const AttemptStarted&, const AttemptStarted&) = default;
};

// In progress: the learner's current answer to one question (replaces any earlier one).
struct AnswerSaved {
    std::string question_id;
    Response response;
    UtcTime at{};
    friend bool operator==(const AnswerSaved&, const AnswerSaved&) = default;
};

// In progress: the learner took back their answer to one question (unticked every box,
// deleted the text or the number), so the question is unanswered again and scores 0.
// Without it an earlier answer would stay in the attempt and be marked though the
// learner left nothing on screen.
struct AnswerCleared {
    std::string question_id;
    UtcTime at{};
    friend bool operator==(const AnswerCleared&, const AnswerCleared&) = default;
};

// in progress -> submitted: answers are final.
struct AttemptSubmitted {
    UtcTime at{};
    friend bool operator==(const AttemptSubmitted&, const AttemptSubmitted&) = default;
};

// The marking of one question of a paper.
struct QuestionResult {
    std::string question_id;
    bool answered = false;  // false: no answer was saved, so it scores 0
    double fraction = 0;    // 0..1
    Outcome outcome = Outcome::incorrect;
    std::vector<std::string> feedback;  // as Score::feedback
    std::string general_feedback;
    friend bool operator==(const QuestionResult&, const QuestionResult&) = default;
};

// The marking of a whole attempt. Every question is worth 1 mark.
struct AttemptResult {
    double raw = 0;        // marks gained: the sum of the question fractions
    double max = 0;        // marks available: the number of questions
    double scaled = 0;     // raw / max, 0..1 (xAPI's score.scaled)
    double pass_mark = 0;  // the percentage it was marked against
    bool passed = false;
    std::chrono::milliseconds duration{0};  // from start to submission, never negative
    std::vector<QuestionResult> questions;  // in paper order
    friend bool operator==(const AttemptResult&, const AttemptResult&) = default;
};

// submitted -> scored.
struct AttemptScored {
    UtcTime at{};
    AttemptResult result;
    friend bool operator==(const AttemptScored&, const AttemptScored&) = default;
};

// New alternatives go at the end: code that maps events to ledger kinds and back relies
// on nothing but the names (event_json.hpp), yet keeping the order keeps old indices.
using AttemptEvent =
    std::variant<AttemptStarted, AnswerSaved, AttemptSubmitted, AttemptScored, AnswerCleared>;

// --- cereal -------------------------------------------------------------------------

template <class Archive>
std::string save_minimal(const Archive&, const Outcome& outcome) {
    return to_string(outcome);
}

template <class Archive>
void load_minimal(const Archive&, Outcome& outcome, const std::string& text) {
    if (!parse_outcome(text, outcome))
        throw cereal::Exception("unknown outcome \"" + text + "\"");
}

template <class Archive>
void serialize(Archive& ar, AttemptStarted& e, const std::uint32_t version) {
    refuse_newer_version<AttemptStarted>(version);
    ar(cereal::make_nvp("attempt_id", e.attempt_id), cereal::make_nvp("seed", HexSeed{e.seed}),
       cereal::make_nvp("at", IsoTime{e.at}), cereal::make_nvp("question_ids", e.question_ids),
       cereal::make_nvp("time_limit_ms", Milliseconds{e.time_limit}));
}

template <class Archive>
void serialize(Archive& ar, AnswerSaved& e, const std::uint32_t version) {
    refuse_newer_version<AnswerSaved>(version);
    ar(cereal::make_nvp("question_id", e.question_id), cereal::make_nvp("response", e.response),
       cereal::make_nvp("at", IsoTime{e.at}));
}

template <class Archive>
void serialize(Archive& ar, AnswerCleared& e, const std::uint32_t version) {
    refuse_newer_version<AnswerCleared>(version);
    ar(cereal::make_nvp("question_id", e.question_id), cereal::make_nvp("at", IsoTime{e.at}));
}

template <class Archive>
void serialize(Archive& ar, AttemptSubmitted& e, const std::uint32_t version) {
    refuse_newer_version<AttemptSubmitted>(version);
    ar(cereal::make_nvp("at", IsoTime{e.at}));
}

template <class Archive>
void serialize(Archive& ar, QuestionResult& r, const std::uint32_t version) {
    refuse_newer_version<QuestionResult>(version);
    ar(cereal::make_nvp("question_id", r.question_id), cereal::make_nvp("answered", r.answered),
       cereal::make_nvp("fraction", r.fraction), cereal::make_nvp("outcome", r.outcome),
       cereal::make_nvp("feedback", r.feedback),
       cereal::make_nvp("general_feedback", r.general_feedback));
}

template <class Archive>
void serialize(Archive& ar, AttemptResult& r, const std::uint32_t version) {
    refuse_newer_version<AttemptResult>(version);
    ar(cereal::make_nvp("raw", r.raw), cereal::make_nvp("max", r.max),
       cereal::make_nvp("scaled", r.scaled), cereal::make_nvp("pass_mark", r.pass_mark),
       cereal::make_nvp("passed", r.passed),
       cereal::make_nvp("duration_ms", Milliseconds{r.duration}),
       cereal::make_nvp("questions", r.questions));
}

template <class Archive>
void serialize(Archive& ar, AttemptScored& e, const std::uint32_t version) {
    refuse_newer_version<AttemptScored>(version);
    ar(cereal::make_nvp("at", IsoTime{e.at}), cereal::make_nvp("result", e.result));
}

}  // namespace waymark::assessment

CEREAL_CLASS_VERSION(waymark::assessment::AttemptStarted, 1)
CEREAL_CLASS_VERSION(waymark::assessment::AnswerSaved, 1)
CEREAL_CLASS_VERSION(waymark::assessment::AttemptSubmitted, 1)
CEREAL_CLASS_VERSION(waymark::assessment::QuestionResult, 1)
CEREAL_CLASS_VERSION(waymark::assessment::AttemptResult, 1)
CEREAL_CLASS_VERSION(waymark::assessment::AttemptScored, 1)
CEREAL_CLASS_VERSION(waymark::assessment::AnswerCleared, 1)
