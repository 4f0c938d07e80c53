// waymark/player/assessment_session.hpp: one sitting of the final assessment on screen.
//
// Wraps the assessment module's Attempt (which holds the facts) with what only the
// screen needs: the question shown, flags for review, drafts, the review-before-submit
// list and the submit confirmation. Every change of fact goes through the Journal
// first and is applied to the Attempt only once recorded, so a killed player resumes
// exactly where the learner was.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "waymark/assessment/attempt.hpp"
#include "waymark/assessment/course_policy.hpp"
#include "waymark/assessment/eligibility.hpp"
#include "waymark/assessment/policy.hpp"
#include "waymark/assessment/presentation.hpp"
#include "waymark/course/course.hpp"
#include "waymark/player/answer_draft.hpp"
#include "waymark/player/journal.hpp"

namespace waymark::player {

// The course's assessment settings as the engine's policy: one home, in the assessment
// module, shared with the published course.
using assessment::policy_of;

// Where the learner is within an attempt.
enum class SittingStage {
    question,  // one question on screen
    review,    // the list of every question, answered or not, flagged or not
    confirm,   // "Submit your answers?" with what is unanswered
    finished,  // scored: the result screen takes over
};

// What a library card says of an attempt left open in `history` ("Assessment started, 3 of
// 10 questions answered"), so that it never reads "In progress, 100%" while the learner
// is part-way through the assessment; empty when no attempt is open.
std::string open_attempt_label(const CourseHistory& history);

// Writes one fact. Returns the journal's error when it could not be recorded.
using RecordEvent = std::function<Result<void>(const assessment::AttemptEvent&)>;

class AssessmentSession {
  public:
    // Starts a new attempt: draws the paper, records AttemptStarted, shows question 1.
    // Errors: the draw fails (the course's settings do not fit its bank) or the event
    // could not be recorded.
    static Result<AssessmentSession> start(const course::Course& course, std::string attempt_id,
                                           std::uint64_t seed, UtcTime now,
                                           const RecordEvent& record);
    // Carries on with an attempt rebuilt from the journal (in progress or submitted), with
    // the flags and the question of `place` (ids no longer on the paper are ignored).
    // Without a question there, resumes at the first unanswered question, or the review
    // list when all are.
    static Result<AssessmentSession> resume(const course::Course& course,
                                            assessment::Attempt attempt,
                                            const SittingPlace& place = {});

    const assessment::Attempt& attempt() const { return attempt_; }
    SittingStage stage() const { return stage_; }
    std::size_t index() const { return index_; }
    std::size_t count() const { return attempt_.question_ids().size(); }
    const content::Question& question() const { return question_at(index_); }
    const content::Question& question_at(std::size_t i) const;
    const assessment::Presentation& shown_at(std::size_t i) const { return shown_[i]; }
    AnswerDraft& draft() { return drafts_[index_]; }
    const AnswerDraft& draft_at(std::size_t i) const { return drafts_[i]; }

    // "Question 3 of 8"
    std::string progress_label() const;
    bool answered(std::size_t i) const;  // a saved answer exists
    // A saved answer that is not whole: some prompts of a matching question left
    // unmatched, a scenario stopped before its end. It scores as the rules say for what
    // was given, so the review list tells the learner it is there but unfinished.
    bool partly_answered(std::size_t i) const;
    bool flagged(std::size_t i) const { return flags_.count(i) != 0; }
    void toggle_flag() {
        flags_.count(index_) ? (void)flags_.erase(index_) : (void)flags_.insert(index_);
    }
    std::size_t unanswered_count() const;
    std::size_t partly_answered_count() const;
    std::size_t flagged_count() const { return flags_.size(); }
    // The question on screen (none in the review list) and the flags, for the journal.
    SittingPlace place() const;

    bool can_go_back() const { return stage_ == SittingStage::question && index_ > 0; }
    // Records what is on screen when it differs from the saved answer: AnswerSaved for an
    // answer, whole or partly given (to_recorded_response()), AnswerCleared when the
    // learner took every part of a saved answer back. Called as the learner changes it,
    // and before moving.
    Result<void> save_draft(UtcTime now, const RecordEvent& record);
    // Saves the draft as save_draft() does, then moves.
    // Next from the last question opens the review list. Errors come from the journal;
    // the screen does not move when the answer could not be recorded.
    Result<void> next(UtcTime now, const RecordEvent& record);
    Result<void> back(UtcTime now, const RecordEvent& record);
    Result<void> go_to(std::size_t i, UtcTime now, const RecordEvent& record);
    Result<void> open_review(UtcTime now, const RecordEvent& record);
    void ask_to_submit();  // review -> confirm
    void cancel_submit();  // confirm -> review

    // Records AttemptSubmitted and AttemptScored and finishes. Used for the confirmed
    // submit and when time runs out.
    Result<void> submit(UtcTime now, const RecordEvent& record);

    // Time left when the attempt is limited; empty otherwise. Never negative.
    std::optional<std::chrono::seconds> time_left(UtcTime now) const;
    // True when the limit has passed and the attempt is not yet submitted.
    bool out_of_time(UtcTime now) const;

  private:
    AssessmentSession(const course::Course& course, assessment::Attempt attempt);
    Result<void> apply_recorded(const assessment::AttemptEvent& e, const RecordEvent& record);

    const course::Course* course_;
    assessment::AssessmentPolicy policy_;
    assessment::Attempt attempt_;
    std::vector<const content::Question*> questions_;
    std::vector<assessment::Presentation> shown_;
    std::vector<AnswerDraft> drafts_;
    std::set<std::size_t> flags_;
    std::size_t index_ = 0;
    SittingStage stage_ = SittingStage::question;
};

}  // namespace waymark::player
