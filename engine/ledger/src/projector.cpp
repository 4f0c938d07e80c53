#include "projector.hpp"

#include "schema.hpp"
#include "waymark/assessment/event_json.hpp"

namespace waymark::ledger {

Result<Statement*> Projector::statement(Statement& slot, const std::string& sql) {
    if (!slot) {
        auto s = db_.prepare(sql);
        if (!s)
            return s.error();
        slot = std::move(*s);
    }
    return &slot;
}

Result<void> Projector::clear() {
    for (const char* table : kProjectionTables)
        if (auto r = db_.exec("DELETE FROM " + schema_ + "." + table); !r)
            return r;
    return {};
}

Result<void> Projector::apply(const Event& e) {
    const auto type = parse_event_type(e.type);
    if (!type)
        return make_error(ErrorCode::invalid, "unknown event type \"" + e.type + "\"");
    switch (*type) {
        case EventType::page_viewed:
            return page_viewed(e);
        case EventType::attempt_started:
        case EventType::answer_saved:
        case EventType::attempt_submitted:
        case EventType::attempt_scored:
            return attempt_event(e);
        case EventType::course_completed:
            return course_completed(e);
        case EventType::certificate_issued:
            return certificate_issued(e);
        case EventType::settings_changed:
            return setting_changed(e);
        default:
            return {};
    }
}

Result<void> Projector::page_viewed(const Event& e) {
    auto page = read_page_viewed(e.payload);
    if (!page)
        return page.error();
    auto insert =
        statement(insert_page_, "INSERT OR IGNORE INTO " + schema_ +
                                    ".pages_viewed(learner_id, course_id, page_id, first_position,"
                                    " first_viewed_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!insert)
        return insert.error();
    Statement& s = **insert;
    s.bind(1, e.learner_id);
    s.bind(2, e.course.id);
    s.bind(3, page->page_id);
    s.bind(4, e.position);
    s.bind(5, e.time);
    if (auto r = s.run(); !r)
        return r;

    auto upsert =
        statement(upsert_progress_,
                  "INSERT INTO " + schema_ +
                      ".progress(learner_id, course_id, course_version, pages_viewed, pages_total,"
                      " bookmark, updated_at) VALUES(?1, ?2, ?3, (SELECT count(*) FROM " +
                      schema_ +
                      ".pages_viewed WHERE learner_id = ?1 AND course_id = ?2), ?4, ?5, ?6)"
                      " ON CONFLICT DO UPDATE SET course_version = excluded.course_version,"
                      " pages_viewed = excluded.pages_viewed, pages_total = excluded.pages_total,"
                      " bookmark = excluded.bookmark, updated_at = excluded.updated_at");
    if (!upsert)
        return upsert.error();
    Statement& u = **upsert;
    u.bind(1, e.learner_id);
    u.bind(2, e.course.id);
    u.bind(3, e.course.version);
    u.bind(4, std::int64_t{page->pages_total});
    u.bind(5, page->page_id);
    u.bind(6, e.time);
    return u.run();
}

Result<void> Projector::attempt_event(const Event& e) {
    auto event = assessment::read_attempt_event(e.payload);
    if (!event)
        return event.error();
    if (const auto* started = std::get_if<assessment::AttemptStarted>(&*event)) {
        auto insert = statement(
            insert_attempt_,
            "INSERT INTO " + schema_ +
                ".attempts(attempt_id, learner_id, course_id, course_version, course_digest,"
                " trusted, state, started_at, first_position, last_position)"
                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'in-progress', ?7, ?8, ?8)");
        if (!insert)
            return insert.error();
        Statement& s = **insert;
        s.bind(1, started->attempt_id);
        s.bind(2, e.learner_id);
        s.bind(3, e.course.id);
        s.bind(4, e.course.version);
        s.bind(5, e.course.digest);
        s.bind(6, std::int64_t{e.course.trusted});
        s.bind(7, e.time);
        s.bind(8, e.position);
        return s.run();
    }
    auto latest =
        statement(latest_attempt_, "SELECT attempt_id FROM " + schema_ +
                                       ".attempts WHERE learner_id = ?1 AND course_id = ?2"
                                       " ORDER BY first_position DESC LIMIT 1");
    if (!latest)
        return latest.error();
    Statement& q = **latest;
    q.bind(1, e.learner_id);
    q.bind(2, e.course.id);
    auto row = q.step();
    if (!row) {
        q.reset();
        return row.error();
    }
    if (!*row) {
        q.reset();
        return make_error(ErrorCode::invalid, "a " + e.type + " event for learner " + e.learner_id +
                                                  " on course " + e.course.id +
                                                  " has no attempt-started before it");
    }
    const std::string attempt_id = q.column_text(0);
    q.reset();

    auto update =
        statement(update_attempt_,
                  "UPDATE " + schema_ +
                      ".attempts SET last_position = ?2,"
                      " state = coalesce(?3, state), submitted_at = coalesce(?4, submitted_at),"
                      " scored_at = coalesce(?5, scored_at), raw = coalesce(?6, raw),"
                      " max = coalesce(?7, max), scaled = coalesce(?8, scaled),"
                      " passed = coalesce(?9, passed) WHERE attempt_id = ?1");
    if (!update)
        return update.error();
    Statement& u = **update;
    u.bind(1, attempt_id);
    u.bind(2, e.position);
    if (std::holds_alternative<assessment::AttemptSubmitted>(*event)) {
        u.bind(3, "submitted");
        u.bind(4, e.time);
    } else if (const auto* scored = std::get_if<assessment::AttemptScored>(&*event)) {
        u.bind(3, "scored");
        u.bind(5, e.time);
        u.bind(6, scored->result.raw);
        u.bind(7, scored->result.max);
        u.bind(8, scored->result.scaled);
        u.bind(9, std::int64_t{scored->result.passed});
    }
    return u.run();
}

Result<void> Projector::course_completed(const Event& e) {
    auto completion = read_course_completed(e.payload);
    if (!completion)
        return completion.error();
    const auto completed = parse_iso8601(e.time);
    if (!completed)
        return make_error(ErrorCode::invalid,
                          "event " + e.id + " has an unreadable time \"" + e.time + "\"");
    auto insert =
        statement(insert_completion_,
                  "INSERT INTO " + schema_ +
                      ".completions(event_id, position, learner_id, course_id, course_version,"
                      " course_digest, trusted, completed_at, valid_until, score, attempt_id)"
                      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!insert)
        return insert.error();
    Statement& s = **insert;
    s.bind(1, e.id);
    s.bind(2, e.position);
    s.bind(3, e.learner_id);
    s.bind(4, e.course.id);
    s.bind(5, e.course.version);
    s.bind(6, e.course.digest);
    s.bind(7, std::int64_t{e.course.trusted});
    s.bind(8, e.time);
    if (completion->refresher_months > 0)
        s.bind(9, format_iso8601(add_months(*completed, completion->refresher_months)));
    else
        s.bind_null(9);
    s.bind(10, completion->score);
    s.bind(11, completion->attempt_id);
    return s.run();
}

Result<void> Projector::certificate_issued(const Event& e) {
    auto certificate = read_certificate_issued(e.payload);
    if (!certificate)
        return certificate.error();
    auto insert = statement(insert_certificate_,
                            "INSERT INTO " + schema_ +
                                ".certificates(event_id, learner_id, completion_event_id, code,"
                                " issued_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!insert)
        return insert.error();
    Statement& s = **insert;
    s.bind(1, e.id);
    s.bind(2, e.learner_id);
    s.bind(3, certificate->completion_event_id);
    s.bind(4, certificate->code);
    s.bind(5, e.time);
    return s.run();
}

Result<void> Projector::setting_changed(const Event& e) {
    auto setting = read_setting_changed(e.payload);
    if (!setting)
        return setting.error();
    auto upsert =
        statement(upsert_setting_, "INSERT INTO " + schema_ +
                                       ".settings(learner_id, key, value, changed_at)"
                                       " VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
                                       " value = excluded.value, changed_at = excluded.changed_at");
    if (!upsert)
        return upsert.error();
    Statement& s = **upsert;
    s.bind(1, e.learner_id);
    s.bind(2, setting->key);
    s.bind(3, setting->value);
    s.bind(4, e.time);
    return s.run();
}

}  // namespace waymark::ledger
