#include "projector.hpp"

#include "payload_reader.hpp"
#include "schema.hpp"
#include "waymark/assessment/attempt_events.hpp"

namespace waymark::ledger {

bool is_attempt_event(EventType type) {
    return type == EventType::attempt_started || type == EventType::answer_saved ||
           type == EventType::answer_cleared || type == EventType::attempt_submitted ||
           type == EventType::attempt_scored;
}

Result<AttemptFields> read_attempt_fields(EventType type, std::string_view payload) {
    // The whole event, through the assessment module's serialize(), though the
    // projections take only these fields: this read is also the check that every
    // recorded attempt event is readable in full by the modules that read it back.
    AttemptFields f;
    switch (type) {
        case EventType::attempt_started: {
            auto e = read_payload<assessment::AttemptStarted>(type, payload);
            if (!e)
                return e.error();
            f.attempt_id = std::move(e->attempt_id);
            return f;
        }
        case EventType::answer_saved: {
            auto e = read_payload<assessment::AnswerSaved>(type, payload);
            if (!e)
                return e.error();
            return f;
        }
        case EventType::answer_cleared: {
            auto e = read_payload<assessment::AnswerCleared>(type, payload);
            if (!e)
                return e.error();
            return f;
        }
        case EventType::attempt_submitted: {
            auto e = read_payload<assessment::AttemptSubmitted>(type, payload);
            if (!e)
                return e.error();
            return f;
        }
        case EventType::attempt_scored: {
            auto e = read_payload<assessment::AttemptScored>(type, payload);
            if (!e)
                return e.error();
            f.raw = e->result.raw;
            f.max = e->result.max;
            f.scaled = e->result.scaled;
            f.passed = e->result.passed;
            return f;
        }
        default:
            return make_error(ErrorCode::invalid, std::string("a ") + to_string(type) +
                                                      " event is not an attempt event");
    }
}

std::optional<std::string> completion_valid_until(UtcTime completed, int refresher_months) {
    if (refresher_months <= 0)
        return std::nullopt;
    return format_iso8601(add_months(completed, refresher_months));
}

template <class Sql>
Result<Statement*> Projector::statement(Statement& slot, Sql&& sql) {
    if (!slot) {
        auto s = db_.prepare(sql());
        if (!s)
            return s.error();
        slot = std::move(*s);
    }
    return &slot;
}

Result<void> Projector::clear() {
    latest_attempt_.reset();
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
        case EventType::answer_cleared:
        case EventType::attempt_submitted:
        case EventType::attempt_scored:
            return attempt_event(e, *type);
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
    auto insert = statement(insert_page_, [&] {
        return "INSERT OR IGNORE INTO " + schema_ +
               ".pages_viewed(learner_id, course_id, page_id, first_position,"
               " first_viewed_at) VALUES(?1, ?2, ?3, ?4, ?5)";
    });
    if (!insert)
        return insert.error();
    Statement& s = **insert;
    s.bind_view(1, e.learner_id);
    s.bind_view(2, e.course.id);
    s.bind_view(3, page->page_id);
    s.bind(4, e.position);
    s.bind_view(5, e.time);
    if (auto r = s.run(); !r)
        return r;
    // The page count moves by what the insert added (1 for a page new to this learner,
    // 0 for a page seen before): the same as counting pages_viewed, without the count.
    const std::int64_t added = db_.changes();

    auto upsert = statement(upsert_progress_, [&] {
        return "INSERT INTO " + schema_ +
               ".progress(learner_id, course_id, course_version, pages_viewed, pages_total,"
               " bookmark, updated_at) VALUES(?1, ?2, ?3, ?7, ?4, ?5, ?6)"
               " ON CONFLICT DO UPDATE SET course_version = excluded.course_version,"
               " pages_viewed = pages_viewed + ?7, pages_total = excluded.pages_total,"
               " bookmark = excluded.bookmark, updated_at = excluded.updated_at";
    });
    if (!upsert)
        return upsert.error();
    Statement& u = **upsert;
    u.bind_view(1, e.learner_id);
    u.bind_view(2, e.course.id);
    u.bind_view(3, e.course.version);
    u.bind(4, std::int64_t{page->pages_total});
    u.bind_view(5, page->page_id);
    u.bind_view(6, e.time);
    u.bind(7, added);
    return u.run();
}

Result<void> Projector::attempt_event(const Event& e, EventType type) {
    auto event = read_attempt_fields(type, e.payload);
    if (!event)
        return event.error();
    if (type == EventType::attempt_started) {
        auto insert = statement(insert_attempt_, [&] {
            return "INSERT INTO " + schema_ +
                   ".attempts(attempt_id, learner_id, course_id, course_version, course_digest,"
                   " trusted, state, started_at, first_position, last_position)"
                   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'in-progress', ?7, ?8, ?8)";
        });
        if (!insert)
            return insert.error();
        Statement& s = **insert;
        s.bind_view(1, event->attempt_id);
        s.bind_view(2, e.learner_id);
        s.bind_view(3, e.course.id);
        s.bind_view(4, e.course.version);
        s.bind_view(5, e.course.digest);
        s.bind(6, std::int64_t{e.course.trusted});
        s.bind_view(7, e.time);
        s.bind(8, e.position);
        if (auto r = s.run(); !r)
            return r;
        if (remembering_)
            latest_attempt_ = LatestAttempt{e.learner_id, e.course.id, db_.last_insert_rowid()};
        return {};
    }
    auto rowid = latest_attempt(e);
    if (!rowid)
        return rowid.error();
    auto update = statement(update_attempt_, [&] {
        return "UPDATE " + schema_ +
               ".attempts SET last_position = ?2,"
               " state = coalesce(?3, state), submitted_at = coalesce(?4, submitted_at),"
               " scored_at = coalesce(?5, scored_at), raw = coalesce(?6, raw),"
               " max = coalesce(?7, max), scaled = coalesce(?8, scaled),"
               " passed = coalesce(?9, passed) WHERE rowid = ?1";
    });
    if (!update)
        return update.error();
    Statement& u = **update;
    u.bind(1, *rowid);
    u.bind(2, e.position);
    if (type == EventType::attempt_submitted) {
        u.bind(3, "submitted");
        u.bind_view(4, e.time);
    } else if (type == EventType::attempt_scored) {
        u.bind(3, "scored");
        u.bind_view(5, e.time);
        u.bind(6, event->raw);
        u.bind(7, event->max);
        u.bind(8, event->scaled);
        u.bind(9, std::int64_t{event->passed});
    }
    if (auto r = u.run(); !r)
        return r;
    if (db_.changes() != 1)
        return make_error(ErrorCode::invalid, "the attempt of a " + e.type + " event for learner " +
                                                  e.learner_id + " on course " + e.course.id +
                                                  " could not be updated");
    return {};
}

Result<std::int64_t> Projector::latest_attempt(const Event& e) {
    if (latest_attempt_ && latest_attempt_->learner_id == e.learner_id &&
        latest_attempt_->course_id == e.course.id)
        return latest_attempt_->rowid;
    auto find = statement(find_attempt_, [&] {
        return "SELECT rowid FROM " + schema_ +
               ".attempts WHERE learner_id = ?1 AND course_id = ?2"
               " ORDER BY first_position DESC LIMIT 1";
    });
    if (!find)
        return find.error();
    Statement& s = **find;
    s.bind_view(1, e.learner_id);
    s.bind_view(2, e.course.id);
    auto row = s.step();
    const std::int64_t rowid = row && *row ? s.column_int(0) : 0;
    const bool found = row && *row;
    s.reset();
    if (!row)
        return row.error();
    if (!found)
        return make_error(ErrorCode::invalid, "a " + e.type + " event for learner " + e.learner_id +
                                                  " on course " + e.course.id +
                                                  " has no attempt-started before it");
    if (remembering_)
        latest_attempt_ = LatestAttempt{e.learner_id, e.course.id, rowid};
    return rowid;
}

Result<void> Projector::course_completed(const Event& e) {
    auto completion = read_course_completed(e.payload);
    if (!completion)
        return completion.error();
    const auto completed = parse_iso8601(e.time);
    if (!completed)
        return make_error(ErrorCode::invalid,
                          "event " + e.id + " has an unreadable time \"" + e.time + "\"");
    auto insert = statement(insert_completion_, [&] {
        return "INSERT INTO " + schema_ +
               ".completions(event_id, position, learner_id, course_id, course_version,"
               " course_digest, trusted, completed_at, valid_until, score, attempt_id)"
               " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
    });
    if (!insert)
        return insert.error();
    Statement& s = **insert;
    s.bind_view(1, e.id);
    s.bind(2, e.position);
    s.bind_view(3, e.learner_id);
    s.bind_view(4, e.course.id);
    s.bind_view(5, e.course.version);
    s.bind_view(6, e.course.digest);
    s.bind(7, std::int64_t{e.course.trusted});
    s.bind_view(8, e.time);
    if (const auto until = completion_valid_until(*completed, completion->refresher_months))
        s.bind(9, *until);
    else
        s.bind_null(9);
    s.bind(10, completion->score);
    s.bind_view(11, completion->attempt_id);
    return s.run();
}

Result<void> Projector::certificate_issued(const Event& e) {
    auto certificate = read_certificate_issued(e.payload);
    if (!certificate)
        return certificate.error();
    auto insert = statement(insert_certificate_, [&] {
        return "INSERT INTO " + schema_ +
               ".certificates(event_id, learner_id, completion_event_id, code,"
               " issued_at) VALUES(?1, ?2, ?3, ?4, ?5)";
    });
    if (!insert)
        return insert.error();
    Statement& s = **insert;
    s.bind_view(1, e.id);
    s.bind_view(2, e.learner_id);
    s.bind_view(3, certificate->completion_event_id);
    s.bind_view(4, certificate->code);
    s.bind_view(5, e.time);
    return s.run();
}

Result<void> Projector::setting_changed(const Event& e) {
    auto setting = read_setting_changed(e.payload);
    if (!setting)
        return setting.error();
    auto upsert = statement(upsert_setting_, [&] {
        return "INSERT INTO " + schema_ +
               ".settings(learner_id, key, value, changed_at)"
               " VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
               " value = excluded.value, changed_at = excluded.changed_at";
    });
    if (!upsert)
        return upsert.error();
    Statement& s = **upsert;
    s.bind_view(1, e.learner_id);
    s.bind_view(2, setting->key);
    s.bind_view(3, setting->value);
    s.bind_view(4, e.time);
    return s.run();
}

}  // namespace waymark::ledger
