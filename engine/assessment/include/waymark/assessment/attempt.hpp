// waymark/assessment/attempt.hpp: one sitting of the final assessment, as a state machine.
//
//     not started --AttemptStarted--> in progress --AttemptSubmitted--> submitted
//                                     (AnswerSaved, AnswerCleared,       |
//                                      any number)                       |
//                                                           AttemptScored v
//                                                                     scored
// An Attempt changes only by apply(event), which refuses an event that does not fit the
// current state and leaves the attempt unchanged. The ledger appends each accepted
// event; after a crash, rebuild_attempt(events) gives back the same attempt.
// start_attempt() and score_attempt() build the two events that need the bank.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/policy.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"

namespace waymark::assessment {

enum class AttemptState { not_started, in_progress, submitted, scored };

const char* to_string(AttemptState state);  // "not started", "in progress", ...

class Attempt {
  public:
    // Applies one event. Refused with ErrorCode::usage, leaving the attempt unchanged:
    //   AttemptStarted   unless not started, or with no attempt id, no questions or a
    //                    question listed twice;
    //   AnswerSaved,     unless in progress, for a question not on the paper, or later
    //   AnswerCleared    than the time limit allows (the player must submit instead);
    //   AttemptSubmitted unless in progress;
    //   AttemptScored    unless submitted, or when its results do not list exactly the
    //                    paper's questions in order.
    // The response inside AnswerSaved is not checked against its question here (the
    // attempt holds ids, not questions): call check_response() first; score_attempt()
    // refuses an attempt holding an invalid one.
    Result<void> apply(const AttemptEvent& event);

    AttemptState state() const { return state_; }
    const std::string& id() const { return id_; }
    std::uint64_t seed() const { return seed_; }
    const std::vector<std::string>& question_ids() const { return question_ids_; }
    // The latest saved answer per question id.
    const std::map<std::string, Response>& answers() const { return answers_; }
    std::optional<UtcTime> started_at() const { return started_at_; }
    std::optional<UtcTime> submitted_at() const { return submitted_at_; }
    // When answers stop being accepted; empty without a time limit or before the start.
    std::optional<UtcTime> deadline() const;
    // The marking, once scored.
    const std::optional<AttemptResult>& result() const { return result_; }
    std::optional<UtcTime> scored_at() const { return scored_at_; }

    friend bool operator==(const Attempt&, const Attempt&) = default;

  private:
    // Why an answer to `question_id` cannot be `change` ("saved", "cleared") at `at`.
    Result<void> may_change_answer(const std::string& question_id, UtcTime at,
                                   const char* change) const;

    AttemptState state_ = AttemptState::not_started;
    std::string id_;
    std::uint64_t seed_ = 0;
    std::vector<std::string> question_ids_;
    std::chrono::milliseconds time_limit_{0};
    std::map<std::string, Response> answers_;
    std::optional<UtcTime> started_at_;
    std::optional<UtcTime> submitted_at_;
    std::optional<UtcTime> scored_at_;
    std::optional<AttemptResult> result_;
};

// The attempt its events describe, applied in order. Fails with the first refused
// event's error, its `where` naming the event ("event 3").
Result<Attempt> rebuild_attempt(std::span<const AttemptEvent> events);

// The event that starts an attempt: draws the paper (draw.hpp) from `seed` and records
// the policy's time limit. The caller supplies a fresh random seed and attempt id.
Result<AttemptStarted> start_attempt(std::span<const content::Question> bank,
                                     const AssessmentPolicy& policy, std::string attempt_id,
                                     std::uint64_t seed, UtcTime now);

// Marks a submitted attempt: each question of the paper by score() (unanswered ones score
// 0 and are incorrect), the total against the policy's pass mark, the duration from
// start to submission. Errors: the attempt is not submitted (ErrorCode::usage), a
// question of the paper is missing from `bank` (ErrorCode::not_found: the course changed
// under the attempt), or a saved answer does not fit its question (never scored).
Result<AttemptScored> score_attempt(const Attempt& attempt, std::span<const content::Question> bank,
                                    const AssessmentPolicy& policy, UtcTime now);

}  // namespace waymark::assessment
