#include "waymark/player/assessment_session.hpp"

#include <algorithm>
#include <stdexcept>

#include "waymark/assessment/random.hpp"
#include "waymark/assessment/scoring.hpp"

namespace waymark::player {

namespace as = waymark::assessment;

std::string open_attempt_label(const CourseHistory& history) {
    for (const auto& events : history.attempts) {
        auto a = as::rebuild_attempt(events);
        if (!a || (a->state() != as::AttemptState::in_progress &&
                   a->state() != as::AttemptState::submitted))
            continue;
        return "Assessment started, " + std::to_string(a->answers().size()) + " of " +
               std::to_string(a->question_ids().size()) + " questions answered";
    }
    return {};
}

AssessmentSession::AssessmentSession(const course::Course& course, as::Attempt attempt)
    : course_(&course), policy_(policy_of(course.assessment)), attempt_(std::move(attempt)) {
    for (const auto& id : attempt_.question_ids()) {
        const content::Question* q = course.find_assessment_question(id);
        if (!q)
            throw std::logic_error("question missing from the course: " + id);
        questions_.push_back(q);
        shown_.push_back(
            as::present(*q, as::question_seed(attempt_.seed(), id), policy_.shuffle_options));
        const auto saved = attempt_.answers().find(id);
        drafts_.push_back(saved == attempt_.answers().end()
                              ? blank_draft(*q, shown_.back())
                              : from_response(*q, shown_.back(), saved->second));
    }
}

Result<AssessmentSession> AssessmentSession::start(const course::Course& course,
                                                   std::string attempt_id, std::uint64_t seed,
                                                   UtcTime now, const RecordEvent& record) {
    auto started = as::start_attempt(course.assessment_questions, policy_of(course.assessment),
                                     std::move(attempt_id), seed, now);
    if (!started)
        return started.error();
    as::Attempt attempt;
    if (auto r = attempt.apply(*started); !r)
        return r.error();
    if (auto r = record(*started); !r)
        return r.error();
    return AssessmentSession(course, std::move(attempt));
}

Result<AssessmentSession> AssessmentSession::resume(const course::Course& course,
                                                    as::Attempt attempt,
                                                    const SittingPlace& place) {
    for (const auto& id : attempt.question_ids())
        if (!course.find_assessment_question(id))
            return make_error(ErrorCode::not_found,
                              "this attempt asked question \"" + id +
                                  "\", which the course no longer has; start a new attempt");
    AssessmentSession session(course, std::move(attempt));
    session.index_ = session.count();
    for (std::size_t i = 0; i < session.count(); ++i)
        if (!session.answered(i)) {
            session.index_ = i;
            break;
        }
    if (session.index_ == session.count()) {
        session.index_ = session.count() - 1;
        session.stage_ = SittingStage::review;
    }
    const auto& ids = session.attempt_.question_ids();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (std::find(place.flagged.begin(), place.flagged.end(), ids[i]) != place.flagged.end())
            session.flags_.insert(i);
        if (ids[i] == place.question_id) {
            session.index_ = i;
            session.stage_ = SittingStage::question;
        }
    }
    if (session.attempt_.state() == as::AttemptState::scored)
        session.stage_ = SittingStage::finished;
    return session;
}

const content::Question& AssessmentSession::question_at(std::size_t i) const {
    return *questions_.at(i);
}

std::string AssessmentSession::progress_label() const {
    return "Question " + std::to_string(index_ + 1) + " of " + std::to_string(count());
}

bool AssessmentSession::answered(std::size_t i) const {
    return i < count() && attempt_.answers().count(attempt_.question_ids()[i]) != 0;
}

bool AssessmentSession::partly_answered(std::size_t i) const {
    return answered(i) && !is_complete(*questions_[i], drafts_[i]);
}

SittingPlace AssessmentSession::place() const {
    SittingPlace p;
    const auto& ids = attempt_.question_ids();
    if (stage_ == SittingStage::question)
        p.question_id = ids[index_];
    for (const std::size_t i : flags_)
        p.flagged.push_back(ids[i]);
    return p;
}

std::size_t AssessmentSession::unanswered_count() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < count(); ++i)
        n += answered(i) ? 0 : 1;
    return n;
}

std::size_t AssessmentSession::partly_answered_count() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < count(); ++i)
        n += partly_answered(i) ? 1 : 0;
    return n;
}

Result<void> AssessmentSession::apply_recorded(const as::AttemptEvent& e,
                                               const RecordEvent& record) {
    // Check the event fits before recording it, so the journal never holds a refused one.
    as::Attempt next = attempt_;
    if (auto r = next.apply(e); !r)
        return r;
    if (auto r = record(e); !r)
        return r;
    attempt_ = std::move(next);
    return {};
}

Result<void> AssessmentSession::save_draft(UtcTime now, const RecordEvent& record) {
    if (stage_ != SittingStage::question || out_of_time(now))
        return {};
    const content::Question& q = question();
    auto response = to_recorded_response(q, shown_[index_], drafts_[index_]);
    if (!response)
        return response.error();
    const auto& id = attempt_.question_ids()[index_];
    const auto saved = attempt_.answers().find(id);
    const bool was_saved = saved != attempt_.answers().end();
    if (!*response)
        return was_saved ? apply_recorded(as::AnswerCleared{id, now}, record) : Result<void>{};
    if (auto ok = as::check_response(q, **response); !ok)
        return ok;
    if (was_saved && saved->second == **response)
        return {};
    return apply_recorded(as::AnswerSaved{id, std::move(**response), now}, record);
}

Result<void> AssessmentSession::next(UtcTime now, const RecordEvent& record) {
    if (auto r = save_draft(now, record); !r)
        return r;
    if (index_ + 1 < count())
        ++index_;
    else
        stage_ = SittingStage::review;
    return {};
}

Result<void> AssessmentSession::back(UtcTime now, const RecordEvent& record) {
    if (!can_go_back())
        return {};
    if (auto r = save_draft(now, record); !r)
        return r;
    --index_;
    return {};
}

Result<void> AssessmentSession::go_to(std::size_t i, UtcTime now, const RecordEvent& record) {
    if (i >= count() || stage_ == SittingStage::finished)
        return {};
    if (auto r = save_draft(now, record); !r)
        return r;
    index_ = i;
    stage_ = SittingStage::question;
    return {};
}

Result<void> AssessmentSession::open_review(UtcTime now, const RecordEvent& record) {
    if (auto r = save_draft(now, record); !r)
        return r;
    stage_ = SittingStage::review;
    return {};
}

void AssessmentSession::ask_to_submit() {
    if (stage_ == SittingStage::review)
        stage_ = SittingStage::confirm;
}

void AssessmentSession::cancel_submit() {
    if (stage_ == SittingStage::confirm)
        stage_ = SittingStage::review;
}

Result<void> AssessmentSession::submit(UtcTime now, const RecordEvent& record) {
    if (attempt_.state() == as::AttemptState::in_progress) {
        if (auto r = save_draft(now, record); !r)
            return r;
        if (auto r = apply_recorded(as::AttemptSubmitted{now}, record); !r)
            return r;
    }
    if (attempt_.state() == as::AttemptState::submitted) {
        auto scored = as::score_attempt(attempt_, course_->assessment_questions, policy_, now);
        if (!scored)
            return scored.error();
        if (auto r = apply_recorded(*scored, record); !r)
            return r;
    }
    stage_ = SittingStage::finished;
    return {};
}

std::optional<std::chrono::seconds> AssessmentSession::time_left(UtcTime now) const {
    const auto deadline = attempt_.deadline();
    if (!deadline)
        return std::nullopt;
    if (now >= *deadline)
        return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(*deadline - now);
}

bool AssessmentSession::out_of_time(UtcTime now) const {
    const auto deadline = attempt_.deadline();
    return deadline && now >= *deadline && attempt_.state() == as::AttemptState::in_progress;
}

}  // namespace waymark::player
