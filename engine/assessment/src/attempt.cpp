#include "waymark/assessment/attempt.hpp"

#include <algorithm>
#include <set>

#include "waymark/assessment/draw.hpp"
#include "waymark/assessment/scoring.hpp"

namespace waymark::assessment {

namespace {

Error refused(std::string message) {
    return make_error(ErrorCode::usage, std::move(message));
}

}  // namespace

const char* to_string(AttemptState state) {
    switch (state) {
        case AttemptState::not_started:
            return "not started";
        case AttemptState::in_progress:
            return "in progress";
        case AttemptState::submitted:
            return "submitted";
        case AttemptState::scored:
            return "scored";
    }
    return "unknown";
}

std::optional<UtcTime> Attempt::deadline() const {
    if (!started_at_ || time_limit_.count() <= 0)
        return std::nullopt;
    return *started_at_ + time_limit_;
}

Result<void> Attempt::may_change_answer(const std::string& question_id, UtcTime at,
                                        const char* change) const {
    if (state_ != AttemptState::in_progress)
        return refused(std::string("answers can only be ") + change +
                       " while an attempt is in progress, but this one is " + to_string(state_));
    if (std::find(question_ids_.begin(), question_ids_.end(), question_id) == question_ids_.end())
        return refused("question \"" + question_id + "\" is not on this attempt's paper");
    if (const auto limit = deadline(); limit && at > *limit)
        return refused("the time limit ended at " + format_iso8601(*limit) +
                       "; the answer was not " + change + " and the attempt must be submitted");
    return {};
}

Result<void> Attempt::apply(const AttemptEvent& event) {
    if (const auto* e = std::get_if<AttemptStarted>(&event)) {
        if (state_ != AttemptState::not_started)
            return refused("attempt \"" + id_ + "\" has already started; it cannot start again");
        if (e->attempt_id.empty())
            return refused("an attempt needs an id to start");
        if (e->question_ids.empty())
            return refused("an attempt needs at least one question");
        if (e->time_limit.count() < 0)
            return refused("an attempt's time limit cannot be negative");
        std::set<std::string> seen;
        for (const auto& id : e->question_ids) {
            if (!seen.insert(id).second)
                return refused("question \"" + id + "\" is on the paper twice");
        }
        state_ = AttemptState::in_progress;
        id_ = e->attempt_id;
        seed_ = e->seed;
        question_ids_ = e->question_ids;
        time_limit_ = e->time_limit;
        started_at_ = e->at;
        return {};
    }
    if (const auto* e = std::get_if<AnswerSaved>(&event)) {
        if (auto r = may_change_answer(e->question_id, e->at, "saved"); !r)
            return r;
        answers_[e->question_id] = e->response;
        return {};
    }
    if (const auto* e = std::get_if<AnswerCleared>(&event)) {
        if (auto r = may_change_answer(e->question_id, e->at, "cleared"); !r)
            return r;
        answers_.erase(e->question_id);
        return {};
    }
    if (const auto* e = std::get_if<AttemptSubmitted>(&event)) {
        if (state_ != AttemptState::in_progress)
            return refused(std::string("only an attempt in progress can be submitted, but this "
                                       "one is ") +
                           to_string(state_));
        state_ = AttemptState::submitted;
        submitted_at_ = e->at;
        return {};
    }
    const auto& e = std::get<AttemptScored>(event);
    if (state_ != AttemptState::submitted)
        return refused(std::string("only a submitted attempt can be scored, but this one is ") +
                       to_string(state_));
    const auto& results = e.result.questions;
    const bool same_paper = results.size() == question_ids_.size() &&
                            std::equal(results.begin(), results.end(), question_ids_.begin(),
                                       [](const QuestionResult& r, const std::string& id) {
                                           return r.question_id == id;
                                       });
    if (!same_paper)
        return refused(
            "the scores do not list this attempt's questions in paper order; score "
            "the attempt with score_attempt()");
    state_ = AttemptState::scored;
    scored_at_ = e.at;
    result_ = e.result;
    return {};
}

Result<Attempt> rebuild_attempt(std::span<const AttemptEvent> events) {
    Attempt attempt;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (auto applied = attempt.apply(events[i]); !applied) {
            Error error = applied.error();
            error.where = "event " + std::to_string(i + 1);
            return error;
        }
    }
    return attempt;
}

Result<AttemptStarted> start_attempt(std::span<const content::Question> bank,
                                     const AssessmentPolicy& policy, std::string attempt_id,
                                     std::uint64_t seed, UtcTime now) {
    auto paper = draw_paper(bank, policy, seed);
    if (!paper)
        return paper.error();
    return AttemptStarted{std::move(attempt_id), seed, now, std::move(*paper),
                          std::chrono::duration_cast<std::chrono::milliseconds>(policy.time_limit)};
}

Result<AttemptScored> score_attempt(const Attempt& attempt, std::span<const content::Question> bank,
                                    const AssessmentPolicy& policy, UtcTime now) {
    if (attempt.state() != AttemptState::submitted)
        return refused(std::string("only a submitted attempt can be scored, but this one is ") +
                       to_string(attempt.state()));
    AttemptResult result;
    result.pass_mark = policy.pass_mark;
    for (const auto& id : attempt.question_ids()) {
        const auto q =
            std::find_if(bank.begin(), bank.end(),
                         [&](const content::Question& candidate) { return candidate.id == id; });
        if (q == bank.end())
            return make_error(ErrorCode::not_found,
                              "question \"" + id + "\" of attempt \"" + attempt.id() +
                                  "\" is not in this course version; score the attempt against "
                                  "the course version it was started on");
        QuestionResult r;
        r.question_id = id;
        r.general_feedback = q->general_feedback;
        if (const auto answer = attempt.answers().find(id); answer != attempt.answers().end()) {
            auto marked = score(*q, answer->second);
            if (!marked)
                return marked.error();
            r.answered = true;
            r.fraction = marked->fraction;
            r.outcome = marked->outcome;
            r.feedback = std::move(marked->feedback);
        }
        result.raw += r.fraction;
        result.questions.push_back(std::move(r));
    }
    result.max = static_cast<double>(result.questions.size());
    result.scaled = result.max > 0 ? result.raw / result.max : 0;
    result.passed = passes(policy, result.scaled);
    if (attempt.started_at() && attempt.submitted_at())
        result.duration =
            std::max(std::chrono::milliseconds{0}, *attempt.submitted_at() - *attempt.started_at());
    return AttemptScored{now, std::move(result)};
}

}  // namespace waymark::assessment
