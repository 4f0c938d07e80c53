// waymark/assessment/scoring.hpp: marking one response to one question.
//
// Scores are fractions of the question's full marks in [0, 1], following Moodle's
// meaning of GIFT weights (weights in the model are fractions -1..1):
//   single choice, true/false  the chosen choice's weight (partial credit possible).
//   multiple response          the sum of the chosen choices' weights; wrong choices may
//                              carry negative weights; the total is clamped to [0, 1].
//   matching                   the fraction of prompts matched to their own answer text
//                              (distractors are never right; unanswered prompts are wrong).
//   ordering                   the fraction of items in their correct absolute position:
//                              A B C D answered A C B D scores 2/4. Items with identical
//                              text are interchangeable.
//   short answer               the best weight among the accepted answers the text
//                              matches (text_match.hpp), 0 when none matches.
//   numerical                  the best weight among the answers the number falls within
//                              (value +- tolerance, or min..max, both inclusive, with a
//                              relative slack of 1e-12 for decimal rounding), else 0.
//   scenario                   the score of the ending the path reached (scenario.hpp);
//                              0 for a path that stops before any ending (a story left
//                              part-way through reached no score).
// Any weight below 0 or above 1 that survives these rules is clamped to [0, 1]. As in
// Moodle, a fraction within 1e-6 of 1 is full marks and within 1e-6 of 0 is none; both are
// snapped so that 3 x 33.3333% is exactly correct.
// Essays and descriptions are never auto-marked: scoring them is an ErrorCode::usage
// error, never a score (use Question::is_scored() to skip them).
#pragma once

#include <string>
#include <vector>

#include "waymark/assessment/response.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"

namespace waymark::assessment {

enum class Outcome { correct, partial, incorrect };

// "correct", "partial", "incorrect"
const char* to_string(Outcome outcome);
bool parse_outcome(const std::string& text, Outcome& out);

struct Score {
    double fraction = 0;  // 0..1
    Outcome outcome = Outcome::incorrect;
    // Feedback written for the answers given, in model order: the chosen choice(s), the
    // accepted answer matched, the steps of a scenario. Empty texts are left out.
    std::vector<std::string> feedback;
    std::string general_feedback;  // Question::general_feedback, shown after any answer
    // Matching: one entry per prompt (pairs with a prompt, in model order); ordering: one
    // per position. True where that part was right. Empty for other types.
    std::vector<bool> parts_correct;
    friend bool operator==(const Score&, const Score&) = default;
};

// Whether `response` is a well-formed answer to `q`: the right shape for its type
// (ChosenOption for single choice and true/false, ChosenOptions for multiple response,
// Matches, Arrangement, TypedText, TypedNumber, ScenarioPath), every index naming an
// option that exists, no option chosen twice, an arrangement naming every item once, a
// finite number, text no longer than 10,000 bytes, a scenario path that follows the
// story's links (it may stop before an ending). Errors carry the question's file:line in `where`
// and say what was wrong.
Result<void> check_response(const content::Question& q, const Response& response);

// Marks `response` by the rules above. Fails exactly when check_response() fails, or
// with ErrorCode::usage for an essay or description, or ErrorCode::invalid when the
// question itself cannot be marked (a true/false without two choices, a matching
// question without prompts, a scenario link to a missing step).
Result<Score> score(const content::Question& q, const Response& response);

// The outcome of a fraction already in [0, 1].
Outcome outcome_of(double fraction);

}  // namespace waymark::assessment
