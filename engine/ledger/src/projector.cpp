#include "projector.hpp"

#include <type_traits>

#include "canonical_json.hpp"
#include "payload_reader.hpp"
#include "schema.hpp"
#include "waymark/assessment/attempt_events.hpp"

namespace waymark::ledger {

bool is_attempt_event(EventType type) {
    return type == EventType::attempt_started || type == EventType::answer_saved ||
           type == EventType::answer_cleared || type == EventType::attempt_submitted ||
           type == EventType::attempt_scored;
}

namespace {

// The fields of attempt event `type`, from `read(std::type_identity<T>{})`, the whole
// event as a T.
template <class Read>
Result<AttemptFields> attempt_fields(EventType type, Read&& read) {
    // The whole event, through the assessment module's serialize(), though the
    // projections take only these fields: this read is also the check that every
    // recorded attempt event is readable in full by the modules that read it back.
    AttemptFields f;
    switch (type) {
        case EventType::attempt_started: {
            auto e = read(std::type_identity<assessment::AttemptStarted>{});
            if (!e)
                return e.error();
            f.attempt_id = std::move(e->attempt_id);
            return f;
        }
        case EventType::answer_saved: {
            auto e = read(std::type_identity<assessment::AnswerSaved>{});
            if (!e)
                return e.error();
            return f;
        }
        case EventType::answer_cleared: {
            auto e = read(std::type_identity<assessment::AnswerCleared>{});
            if (!e)
                return e.error();
            return f;
        }
        case EventType::attempt_submitted: {
            auto e = read(std::type_identity<assessment::AttemptSubmitted>{});
            if (!e)
                return e.error();
            return f;
        }
        case EventType::attempt_scored: {
            auto e = read(std::type_identity<assessment::AttemptScored>{});
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

// The payload `root` as a T, as read_payload<T>() reads it once parsed; nullopt when it
// does not read, for read_payload() to say why.
template <class T>
std::optional<T> read_parsed(const rapidjson::Value& root) {
    try {
        PayloadArchive archive(root);
        T event;
        archive(cereal::make_nvp("event", event));
        return event;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// What apply() takes from `root`, a parsed `type` payload; nothing when any of it does
// not read (apply() then reads the payload itself, and says why it does not).
PayloadFields fields_of(EventType type, const rapidjson::Value& root) {
    if (!problem_with_root(root, to_string(type)).empty())
        return {};
    const auto as = [](auto&& read) -> PayloadFields {
        if (read)
            return std::move(*read);
        return {};
    };
    switch (type) {
        case EventType::page_viewed:
            return as(read_parsed<PageViewed>(root));
        case EventType::course_completed:
            return as(read_parsed<CourseCompleted>(root));
        case EventType::certificate_issued:
            return as(read_parsed<CertificateIssued>(root));
        case EventType::settings_changed:
            return as(read_parsed<SettingChanged>(root));
        default:
            break;
    }
    if (!is_attempt_event(type))
        return {};
    auto fields = attempt_fields(type, [&]<class T>(std::type_identity<T>) -> Result<T> {
        if (auto e = read_parsed<T>(root))
            return std::move(*e);
        return make_error(ErrorCode::parse, "unread");  // never seen: apply() reads again
    });
    if (!fields)
        return {};
    return std::move(*fields);
}

// The payload's type-specific fields, from `ahead` if it holds them, else read now.
template <class T, class Read>
Result<T> ahead_or(PayloadFields& ahead, Read&& read) {
    if (T* fields = std::get_if<T>(&ahead))
        return std::move(*fields);
    return read();
}

}  // namespace

Result<AttemptFields> read_attempt_fields(EventType type, std::string_view payload) {
    return attempt_fields(
        type, [&]<class T>(std::type_identity<T>) { return read_payload<T>(type, payload); });
}

Result<ReadAhead> read_ahead(EventType type, std::string_view payload) {
    SmallDocument small;
    ParsedPayload& parsed = small.document();
    auto canonical = canonical_json(payload, parsed);
    if (!canonical)
        return canonical.error();
    ReadAhead out{std::move(*canonical), {}};
    // Null unless these are the values of the stored text (canonical_json.hpp).
    if (!parsed.IsNull())
        out.fields = fields_of(type, parsed);
    return out;
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

Result<void> Projector::apply(const Event& e, PayloadFields ahead) {
    const auto type = parse_event_type(e.type);
    if (!type)
        return make_error(ErrorCode::invalid, "unknown event type \"" + e.type + "\"");
    switch (*type) {
        case EventType::page_viewed:
            return page_viewed(e, ahead);
        case EventType::attempt_started:
        case EventType::answer_saved:
        case EventType::answer_cleared:
        case EventType::attempt_submitted:
        case EventType::attempt_scored:
            return attempt_event(e, *type, ahead);
        case EventType::course_completed:
            return course_completed(e, ahead);
        case EventType::certificate_issued:
            return certificate_issued(e, ahead);
        case EventType::settings_changed:
            return setting_changed(e, ahead);
        default:
            return {};
    }
}

Result<void> Projector::page_viewed(const Event& e, PayloadFields& ahead) {
    auto page = ahead_or<PageViewed>(ahead, [&] { return read_page_viewed(e.payload); });
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
    if (held_progress_ &&
        (held_progress_->learner_id != e.learner_id || held_progress_->course_id != e.course.id)) {
        auto r = write_progress(*held_progress_);
        held_progress_.reset();
        if (!r)
            return r;
    }
    if (remembering_ && !held_progress_)
        held_progress_ = HeldProgress{};
    HeldProgress now;
    HeldProgress& p = remembering_ ? *held_progress_ : now;
    if (p.learner_id.empty()) {
        p.learner_id = e.learner_id;
        p.course_id = e.course.id;
    }
    p.course_version = e.course.version;
    p.bookmark = page->page_id;
    p.updated_at = e.time;
    p.pages_total = page->pages_total;
    p.added += added;
    return remembering_ ? Result<void>{} : write_progress(p);
}

Result<void> Projector::write_progress(const HeldProgress& p) {
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
    u.bind_view(1, p.learner_id);
    u.bind_view(2, p.course_id);
    u.bind_view(3, p.course_version);
    u.bind(4, p.pages_total);
    u.bind_view(5, p.bookmark);
    u.bind_view(6, p.updated_at);
    u.bind(7, p.added);
    return u.run();
}

Result<void> Projector::attempt_event(const Event& e, EventType type, PayloadFields& ahead) {
    auto event =
        ahead_or<AttemptFields>(ahead, [&] { return read_attempt_fields(type, e.payload); });
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
    if (held_attempt_ && held_attempt_->rowid != *rowid) {
        auto r = write_attempt(*held_attempt_);
        held_attempt_.reset();
        if (!r)
            return r;
    }
    if (remembering_ && !held_attempt_)
        held_attempt_ = HeldAttempt{};
    HeldAttempt now;
    HeldAttempt& a = remembering_ ? *held_attempt_ : now;
    if (a.rowid == 0) {
        a.rowid = *rowid;
        a.learner_id = e.learner_id;
        a.course_id = e.course.id;
    }
    a.last_position = e.position;
    a.last_event = e.type;
    if (type == EventType::attempt_submitted) {
        a.state = "submitted";
        a.submitted_at = e.time;
    } else if (type == EventType::attempt_scored) {
        a.state = "scored";
        a.scored_at = e.time;
        a.scored = *event;
    }
    return remembering_ ? Result<void>{} : write_attempt(a);
}

Result<void> Projector::write_attempt(const HeldAttempt& a) {
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
    u.bind(1, a.rowid);
    u.bind(2, a.last_position);
    if (a.state)
        u.bind_view(3, a.state);
    if (a.submitted_at)
        u.bind_view(4, *a.submitted_at);
    if (a.scored_at)
        u.bind_view(5, *a.scored_at);
    if (a.scored) {
        u.bind(6, a.scored->raw);
        u.bind(7, a.scored->max);
        u.bind(8, a.scored->scaled);
        u.bind(9, std::int64_t{a.scored->passed});
    }
    if (auto r = u.run(); !r)
        return r;
    if (db_.changes() != 1)
        return make_error(ErrorCode::invalid,
                          "the attempt of a " + a.last_event + " event for learner " +
                              a.learner_id + " on course " + a.course_id + " could not be updated");
    return {};
}

Result<void> Projector::write_held() {
    if (held_progress_) {
        auto r = write_progress(*held_progress_);
        held_progress_.reset();
        if (!r)
            return r;
    }
    if (held_attempt_) {
        auto r = write_attempt(*held_attempt_);
        held_attempt_.reset();
        if (!r)
            return r;
    }
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

Result<void> Projector::course_completed(const Event& e, PayloadFields& ahead) {
    auto completion =
        ahead_or<CourseCompleted>(ahead, [&] { return read_course_completed(e.payload); });
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

Result<void> Projector::certificate_issued(const Event& e, PayloadFields& ahead) {
    auto certificate =
        ahead_or<CertificateIssued>(ahead, [&] { return read_certificate_issued(e.payload); });
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

Result<void> Projector::setting_changed(const Event& e, PayloadFields& ahead) {
    auto setting = ahead_or<SettingChanged>(ahead, [&] { return read_setting_changed(e.payload); });
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
