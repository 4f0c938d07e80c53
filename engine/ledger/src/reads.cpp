#include <sys/stat.h>

#include "schema.hpp"
#include "state.hpp"
#include "waymark/assessment/event_json.hpp"

namespace waymark::ledger {

namespace {

constexpr const char* kProgressColumns =
    "SELECT learner_id, course_id, course_version, pages_viewed, pages_total, bookmark,"
    " updated_at FROM progress";
constexpr const char* kAttemptColumns =
    "SELECT attempt_id, learner_id, course_id, course_version, course_digest, trusted, state,"
    " started_at, submitted_at, scored_at, raw, max, scaled, passed FROM attempts";
constexpr const char* kCompletionColumns =
    "SELECT event_id, learner_id, course_id, course_version, course_digest, trusted,"
    " completed_at, valid_until, score, attempt_id FROM completions";
constexpr const char* kEventColumns =
    "SELECT position, id, device_id, seq, time, learner_id, course_id, course_version,"
    " course_digest, course_trusted, type, payload, prev_hash, hash FROM events";

Progress read_progress(const Statement& s) {
    Progress p;
    p.learner_id = s.column_text(0);
    p.course_id = s.column_text(1);
    p.course_version = s.column_text(2);
    p.pages_viewed = static_cast<int>(s.column_int(3));
    p.pages_total = static_cast<int>(s.column_int(4));
    p.bookmark = s.column_text(5);
    p.updated_at = s.column_text(6);
    return p;
}

Attempt read_attempt(const Statement& s) {
    Attempt a;
    a.attempt_id = s.column_text(0);
    a.learner_id = s.column_text(1);
    a.course =
        CourseRef{s.column_text(2), s.column_text(3), s.column_text(4), s.column_int(5) != 0};
    const std::string_view state = s.column_view(6);
    a.state = state == "scored"      ? AttemptState::scored
              : state == "submitted" ? AttemptState::submitted
                                     : AttemptState::in_progress;
    a.started_at = s.column_text(7);
    a.submitted_at = s.column_text(8);
    a.scored_at = s.column_text(9);
    a.raw = s.column_double(10);
    a.max = s.column_double(11);
    a.scaled = s.column_double(12);
    a.passed = s.column_int(13) != 0;
    return a;
}

Completion read_completion(const Statement& s) {
    Completion c;
    c.event_id = s.column_text(0);
    c.learner_id = s.column_text(1);
    c.course =
        CourseRef{s.column_text(2), s.column_text(3), s.column_text(4), s.column_int(5) != 0};
    c.completed_at = s.column_text(6);
    if (!s.column_is_null(7))
        c.valid_until = s.column_text(7);
    c.score = s.column_double(8);
    c.attempt_id = s.column_text(9);
    return c;
}

Event read_event(const Statement& s) {
    Event e;
    e.position = s.column_int(0);
    e.id = s.column_text(1);
    e.device_id = s.column_text(2);
    e.seq = s.column_int(3);
    e.time = s.column_text(4);
    e.learner_id = s.column_text(5);
    e.course =
        CourseRef{s.column_text(6), s.column_text(7), s.column_text(8), s.column_int(9) != 0};
    e.type = s.column_text(10);
    e.payload = s.column_text(11);
    (void)read_digest(s, 12, e.prev_hash);
    (void)read_digest(s, 13, e.hash);
    return e;
}

// Runs `sql` with text parameters and hands each row to `visit`.
template <typename Read, typename Visit>
Result<void> each_row(Database& db, const std::string& sql,
                      std::initializer_list<std::string_view> params, Read read, Visit visit) {
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    int i = 1;
    for (std::string_view p : params)
        s->bind(i++, p);
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        if (!visit(read(*s)))
            return {};
    }
}

template <typename T, typename Read>
Result<std::vector<T>> all_rows(Database& db, const std::string& sql,
                                std::initializer_list<std::string_view> params, Read read) {
    std::vector<T> out;
    auto r = each_row(db, sql, params, read, [&](T v) {
        out.push_back(std::move(v));
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

Result<std::int64_t> count(Database& db, const std::string& sql) {
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    return *row ? s->column_int(0) : 0;
}

}  // namespace

Result<std::optional<Progress>> Ledger::progress(std::string_view learner_id,
                                                 std::string_view course_id) {
    auto rows = all_rows<Progress>(
        state_->db, std::string(kProgressColumns) + " WHERE learner_id = ?1 AND course_id = ?2",
        {learner_id, course_id}, read_progress);
    if (!rows)
        return rows.error();
    if (rows->empty())
        return std::optional<Progress>{};
    return std::optional<Progress>{rows->front()};
}

Result<std::vector<std::string>> Ledger::pages_viewed(std::string_view learner_id,
                                                      std::string_view course_id) {
    return all_rows<std::string>(
        state_->db,
        "SELECT page_id FROM pages_viewed WHERE learner_id = ?1 AND course_id = ?2"
        " ORDER BY first_position",
        {learner_id, course_id}, [](const Statement& s) { return s.column_text(0); });
}

Result<std::vector<Attempt>> Ledger::attempts(std::string_view learner_id,
                                              std::string_view course_id) {
    return all_rows<Attempt>(state_->db,
                             std::string(kAttemptColumns) +
                                 " WHERE learner_id = ?1 AND course_id = ?2"
                                 " ORDER BY first_position",
                             {learner_id, course_id}, read_attempt);
}

Result<std::vector<assessment::AttemptEvent>> Ledger::attempt_events(std::string_view attempt_id) {
    auto& db = state_->db;
    auto span = db.prepare(
        "SELECT learner_id, course_id, first_position, last_position FROM attempts"
        " WHERE attempt_id = ?1");
    if (!span)
        return span.error();
    span->bind(1, attempt_id);
    auto row = span->step();
    if (!row)
        return row.error();
    if (!*row)
        return make_error(ErrorCode::not_found,
                          "there is no attempt \"" + std::string(attempt_id) + "\" in the ledger");
    const std::string learner = span->column_text(0), course = span->column_text(1);
    const std::string first = std::to_string(span->column_int(2));
    const std::string last = std::to_string(span->column_int(3));
    std::vector<assessment::AttemptEvent> out;
    std::optional<Error> failure;
    auto r = each_row(
        db,
        "SELECT payload FROM events WHERE learner_id = ?1 AND course_id = ?2"
        " AND position BETWEEN ?3 AND ?4 AND type IN ('attempt-started', 'answer-saved',"
        " 'answer-cleared', 'attempt-submitted', 'attempt-scored') ORDER BY position",
        {learner, course, first, last}, [](const Statement& s) { return s.column_text(0); },
        [&](const std::string& payload) {
            auto e = assessment::read_attempt_event(payload);
            if (!e) {
                failure = e.error();
                return false;
            }
            out.push_back(std::move(*e));
            return true;
        });
    if (!r)
        return r.error();
    if (failure)
        return *failure;
    return out;
}

Result<std::vector<Completion>> Ledger::completions(std::string_view learner_id,
                                                    std::string_view course_id) {
    return all_rows<Completion>(state_->db,
                                std::string(kCompletionColumns) +
                                    " WHERE learner_id = ?1 AND course_id = ?2 ORDER BY position",
                                {learner_id, course_id}, read_completion);
}

Result<std::optional<Completion>> Ledger::completion(std::string_view event_id) {
    auto rows =
        all_rows<Completion>(state_->db, std::string(kCompletionColumns) + " WHERE event_id = ?1",
                             {event_id}, read_completion);
    if (!rows)
        return rows.error();
    if (rows->empty())
        return std::optional<Completion>{};
    return std::optional<Completion>{rows->front()};
}

Result<std::optional<Certificate>> Ledger::certificate_by_code(std::string_view code) {
    auto rows = all_rows<Certificate>(
        state_->db,
        "SELECT event_id, completion_event_id, code, issued_at FROM certificates WHERE code = ?1",
        {code}, [](const Statement& s) {
            return Certificate{s.column_text(0), s.column_text(1), s.column_text(2),
                               s.column_text(3)};
        });
    if (!rows)
        return rows.error();
    if (rows->empty())
        return std::optional<Certificate>{};
    return std::optional<Certificate>{rows->front()};
}

Result<std::vector<std::pair<std::string, std::string>>> Ledger::settings(
    std::string_view learner_id) {
    return all_rows<std::pair<std::string, std::string>>(
        state_->db, "SELECT key, value FROM settings WHERE learner_id = ?1 ORDER BY key",
        {learner_id}, [](const Statement& s) {
            return std::pair{s.column_text(0), s.column_text(1)};
        });
}

Result<void> Ledger::for_each_progress(const std::function<bool(const Progress&)>& visit) {
    return each_row(state_->db, std::string(kProgressColumns) + " ORDER BY learner_id, course_id",
                    {}, read_progress, visit);
}

Result<void> Ledger::for_each_attempt(const std::function<bool(const Attempt&)>& visit) {
    return each_row(state_->db, std::string(kAttemptColumns) + " ORDER BY first_position", {},
                    read_attempt, visit);
}

Result<void> Ledger::for_each_completion(const std::function<bool(const Completion&)>& visit) {
    return each_row(state_->db, std::string(kCompletionColumns) + " ORDER BY position", {},
                    read_completion, visit);
}

Result<void> Ledger::for_each_event(std::int64_t after,
                                    const std::function<bool(const Event&)>& visit) {
    const std::string from = std::to_string(after);
    return each_row(state_->db,
                    std::string(kEventColumns) + " WHERE position > ?1 ORDER BY position", {from},
                    read_event, visit);
}

Result<Stats> Ledger::stats() {
    auto& db = state_->db;
    Stats st;
    st.file = state_->path;
    st.device_id = state_->device_id;
    st.device_fingerprint = state_->public_key.fingerprint();
    auto version = user_version(db);
    if (!version)
        return version.error();
    st.schema_version = *version;
    const std::pair<std::int64_t*, const char*> counts[] = {
        {&st.events, "SELECT count(*) FROM events"},
        {&st.devices, "SELECT count(*) FROM devices"},
        {&st.learners, "SELECT count(*) FROM learners"},
        {&st.erased_learners, "SELECT count(*) FROM learners WHERE erased_at IS NOT NULL"},
        {&st.completions, "SELECT count(*) FROM completions"},
        {&st.checkpoints, "SELECT count(*) FROM checkpoints"}};
    for (const auto& [out, sql] : counts) {
        auto n = count(db, sql);
        if (!n)
            return n.error();
        *out = *n;
    }
    auto times = all_rows<std::pair<std::string, std::string>>(
        db, "SELECT coalesce(min(time), ''), coalesce(max(time), '') FROM events", {},
        [](const Statement& s) {
            return std::pair{s.column_text(0), s.column_text(1)};
        });
    if (!times)
        return times.error();
    st.first_event_time = times->front().first;
    st.last_event_time = times->front().second;
    auto by_type = all_rows<std::pair<std::string, std::int64_t>>(
        db, "SELECT type, count(*) FROM events GROUP BY type ORDER BY type", {},
        [](const Statement& s) {
            return std::pair{s.column_text(0), s.column_int(1)};
        });
    if (!by_type)
        return by_type.error();
    st.events_by_type = std::move(*by_type);
    std::error_code ec;
    st.file_bytes = std::filesystem::file_size(state_->path, ec);
    return st;
}

}  // namespace waymark::ledger
