#include "projection_check.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <vector>

#include "integrity.hpp"
#include "projector.hpp"

namespace waymark::ledger {

namespace {

// A row as one string: each value with its SQLite type, so two rows are equal exactly
// when every column has the same type and value, and rows sort and compare as strings.
class RowWriter {
  public:
    RowWriter& integer(std::int64_t v) {
        row_ += 'i';
        return raw(&v, sizeof v);
    }
    RowWriter& real(double v) {
        v += 0.0;  // -0.0 reads back from SQLite as 0.0
        row_ += 'r';
        return raw(&v, sizeof v);
    }
    RowWriter& text(std::string_view v) {
        row_ += 't';
        const std::uint64_t n = v.size();
        raw(&n, sizeof n);
        row_.append(v);
        return *this;
    }
    RowWriter& blob(std::span<const std::uint8_t> v) {
        row_ += 'b';
        const std::uint64_t n = v.size();
        raw(&n, sizeof n);
        return raw(v.data(), v.size());
    }
    RowWriter& null() {
        row_ += 'n';
        return *this;
    }
    std::string take() { return std::move(row_); }

  private:
    RowWriter& raw(const void* bytes, std::size_t n) {
        row_.append(static_cast<const char*>(bytes), n);
        return *this;
    }
    std::string row_;
};

std::string encode_row(const Statement& s, int columns) {
    RowWriter w;
    for (int i = 0; i < columns; ++i) {
        switch (s.column_type(i)) {
            case SQLITE_INTEGER:
                w.integer(s.column_int(i));
                break;
            case SQLITE_FLOAT:
                w.real(s.column_double(i));
                break;
            case SQLITE_TEXT:
                w.text(s.column_view(i));
                break;
            case SQLITE_BLOB:
                w.blob(s.column_blob(i));
                break;
            default:
                w.null();
        }
    }
    return w.take();
}

// The projection tables (kProjectionTables' order), each read learner by learner. The
// ORDER BY of each follows an index, so SQLite reads rather than sorts (certificates,
// few, are sorted).
// Every column is read (SELECT *) and the rows below are written in CREATE order, so a
// column added to, removed from or moved in a table makes its rows differ.
struct TableSpec {
    const char* name;
    int learner_column;
    const char* order;  // ORDER BY, beginning with learner_id
};
constexpr std::array<TableSpec, 6> kTables = {{
    {"pages_viewed", 0, "learner_id, course_id, page_id"},
    {"progress", 0, "learner_id, course_id"},
    {"attempts", 1, "learner_id, course_id, first_position"},
    {"completions", 2, "learner_id, course_id, position"},
    {"certificates", 1, "learner_id"},
    {"settings", 0, "learner_id, key"},
}};
enum Table { pages_viewed, progress, attempts, completions, certificates, settings };

// The rows of one table, taken learner by learner in learner order.
class StoredRows {
  public:
    Result<void> open(Database& db, const TableSpec& spec) {
        spec_ = &spec;
        auto s =
            db.prepare(std::string("SELECT * FROM main.") + spec.name + " ORDER BY " + spec.order);
        if (!s)
            return s.error();
        stmt_ = std::move(*s);
        columns_ = stmt_.column_count();
        return next();
    }

    // The rows of `learner`; rows of learners before it, who have no events, are counted
    // in `stray`.
    Result<void> take(std::string_view learner, std::vector<std::string>& rows,
                      std::int64_t& stray) {
        while (has_row_) {
            const std::string_view found = stmt_.column_view(spec_->learner_column);
            if (found > learner)
                break;
            if (found < learner)
                ++stray;
            else
                rows.push_back(encode_row(stmt_, columns_));
            if (auto r = next(); !r)
                return r;
        }
        return {};
    }

    // Counts the rows left (of learners after the last one with events) in `stray`.
    Result<void> rest(std::int64_t& stray) {
        for (; has_row_; ++stray)
            if (auto r = next(); !r)
                return r;
        return {};
    }

  private:
    Result<void> next() {
        auto row = stmt_.step();
        if (!row)
            return row.error();
        has_row_ = *row;
        return {};
    }

    const TableSpec* spec_ = nullptr;
    Statement stmt_;
    bool has_row_ = false;
    int columns_ = 0;
};

struct EventRow {
    std::int64_t position = 0;
    std::string_view id, time, learner, course_id, course_version, course_digest, type, payload;
    bool trusted = false;
};

struct ReplayedAttempt {
    std::string id, version, digest, state = "in-progress", started_at, submitted_at, scored_at;
    bool trusted = false;
    double raw = 0, max = 0, scaled = 0;
    bool passed = false;
    std::int64_t first_position = 0, last_position = 0;
};

struct Page {
    std::int64_t first_position = 0;
    std::string first_time;
};

struct Setting {
    std::int64_t position = 0;
    std::string value, changed_at;
};

// What the projector writes for one learner, worked out from their events in
// (course, position) order; see Projector for the rules.
class LearnerProjection {
  public:
    void start(std::string_view learner) {
        learner_ = learner;
        for (auto& rows : rows_)
            rows.clear();
        settings_.clear();
        attempt_ids_.clear();
        codes_.clear();
        course_.clear();
    }

    // Applies one event; an Error says why the projector could not have applied it.
    Result<void> apply(const EventRow& e) {
        if (e.course_id != course_)
            start_course(e.course_id);
        const auto type = parse_event_type(e.type);
        if (!type)
            return make_error(ErrorCode::invalid,
                              "unknown event type \"" + std::string(e.type) + "\"");
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

    // The learner's rows of each table, sorted.
    std::array<std::vector<std::string>, kTables.size()>& finish() {
        finish_course();
        for (const auto& [key, s] : settings_)
            rows_[settings].push_back(
                RowWriter().text(learner_).text(key).text(s.value).text(s.changed_at).take());
        for (auto& rows : rows_)
            std::sort(rows.begin(), rows.end());
        return rows_;
    }

  private:
    void start_course(std::string_view course) {
        finish_course();
        course_ = course;
        pages_.clear();
        attempts_.clear();
        has_progress_ = false;
    }

    void finish_course() {
        for (const auto& [page, p] : pages_)
            rows_[pages_viewed].push_back(RowWriter()
                                              .text(learner_)
                                              .text(course_)
                                              .text(page)
                                              .integer(p.first_position)
                                              .text(p.first_time)
                                              .take());
        if (has_progress_)
            rows_[progress].push_back(RowWriter()
                                          .text(learner_)
                                          .text(course_)
                                          .text(version_)
                                          .integer(static_cast<std::int64_t>(pages_.size()))
                                          .integer(pages_total_)
                                          .text(bookmark_)
                                          .text(updated_at_)
                                          .take());
        for (const ReplayedAttempt& a : attempts_)
            rows_[attempts].push_back(RowWriter()
                                          .text(a.id)
                                          .text(learner_)
                                          .text(course_)
                                          .text(a.version)
                                          .text(a.digest)
                                          .integer(a.trusted)
                                          .text(a.state)
                                          .text(a.started_at)
                                          .text(a.submitted_at)
                                          .text(a.scored_at)
                                          .real(a.raw)
                                          .real(a.max)
                                          .real(a.scaled)
                                          .integer(a.passed)
                                          .integer(a.first_position)
                                          .integer(a.last_position)
                                          .take());
        pages_.clear();
        attempts_.clear();
        has_progress_ = false;
    }

    Result<void> page_viewed(const EventRow& e) {
        auto page = read_page_viewed(e.payload);
        if (!page)
            return page.error();
        pages_.try_emplace(page->page_id, Page{e.position, std::string(e.time)});
        has_progress_ = true;
        version_ = e.course_version;
        pages_total_ = page->pages_total;
        bookmark_ = std::move(page->page_id);
        updated_at_ = e.time;
        return {};
    }

    Result<void> attempt_event(const EventRow& e, EventType type) {
        auto fields = read_attempt_fields(type, e.payload);
        if (!fields)
            return fields.error();
        if (type == EventType::attempt_started) {
            if (!attempt_ids_.insert(fields->attempt_id).second)
                return make_error(ErrorCode::invalid,
                                  "attempt " + fields->attempt_id + " was already started");
            ReplayedAttempt a;
            a.id = std::move(fields->attempt_id);
            a.version = e.course_version;
            a.digest = e.course_digest;
            a.trusted = e.trusted;
            a.started_at = e.time;
            a.first_position = a.last_position = e.position;
            attempts_.push_back(std::move(a));
            return {};
        }
        if (attempts_.empty())
            return make_error(ErrorCode::invalid,
                              "a " + std::string(e.type) + " event for learner " + learner_ +
                                  " on course " + course_ + " has no attempt-started before it");
        ReplayedAttempt& a = attempts_.back();
        a.last_position = e.position;
        if (type == EventType::attempt_submitted) {
            a.state = "submitted";
            a.submitted_at = e.time;
        } else if (type == EventType::attempt_scored) {
            a.state = "scored";
            a.scored_at = e.time;
            a.raw = fields->raw;
            a.max = fields->max;
            a.scaled = fields->scaled;
            a.passed = fields->passed;
        }
        return {};
    }

    Result<void> course_completed(const EventRow& e) {
        auto completion = read_course_completed(e.payload);
        if (!completion)
            return completion.error();
        const auto completed = parse_iso8601(e.time);
        if (!completed)
            return make_error(ErrorCode::invalid, "event " + std::string(e.id) +
                                                      " has an unreadable time \"" +
                                                      std::string(e.time) + "\"");
        RowWriter w;
        w.text(e.id)
            .integer(e.position)
            .text(learner_)
            .text(course_)
            .text(e.course_version)
            .text(e.course_digest)
            .integer(e.trusted)
            .text(e.time);
        if (const auto until = completion_valid_until(*completed, completion->refresher_months))
            w.text(*until);
        else
            w.null();
        rows_[completions].push_back(w.real(completion->score).text(completion->attempt_id).take());
        return {};
    }

    Result<void> certificate_issued(const EventRow& e) {
        auto certificate = read_certificate_issued(e.payload);
        if (!certificate)
            return certificate.error();
        if (!codes_.insert(certificate->code).second)
            return make_error(ErrorCode::invalid,
                              "certificate code " + certificate->code + " was already issued");
        rows_[certificates].push_back(RowWriter()
                                          .text(e.id)
                                          .text(learner_)
                                          .text(certificate->completion_event_id)
                                          .text(certificate->code)
                                          .text(e.time)
                                          .take());
        return {};
    }

    Result<void> setting_changed(const EventRow& e) {
        auto setting = read_setting_changed(e.payload);
        if (!setting)
            return setting.error();
        // Events come course by course; the projector applied them in position order.
        Setting& s = settings_[setting->key];
        if (e.position > s.position)
            s = Setting{e.position, std::move(setting->value), std::string(e.time)};
        return {};
    }

    std::string learner_, course_;
    std::array<std::vector<std::string>, kTables.size()> rows_;
    // The current course's.
    std::map<std::string, Page> pages_;
    std::vector<ReplayedAttempt> attempts_;
    bool has_progress_ = false;
    std::string version_, bookmark_, updated_at_;
    std::int64_t pages_total_ = 0;
    // The learner's.
    std::map<std::string, Setting> settings_;
    // Attempt ids and certificate codes are unique in their tables: the projector could
    // not write a second one. (Between learners, the stored table cannot hold both
    // rows, so the comparison finds it.)
    std::set<std::string> attempt_ids_, codes_;
};

// How many rows are in one sorted list and not the other.
std::int64_t differing(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::int64_t n = 0;
    auto i = a.begin(), j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i < *j) {
            ++n;
            ++i;
        } else if (*j < *i) {
            ++n;
            ++j;
        } else {
            ++i;
            ++j;
        }
    }
    return n + (a.end() - i) + (b.end() - j);
}

}  // namespace

Result<void> compare_projections(Database& db, VerifyReport& report) {
    std::array<StoredRows, kTables.size()> stored;
    for (std::size_t t = 0; t < kTables.size(); ++t)
        if (auto r = stored[t].open(db, kTables[t]); !r)
            return r;
    // In the order of the events_by_learner index, which ends with the position.
    auto s = db.prepare(
        "SELECT position, id, time, learner_id, course_id, course_version, course_digest,"
        " course_trusted, type, payload FROM main.events"
        " ORDER BY learner_id, course_id, position");
    if (!s)
        return s.error();

    std::array<std::int64_t, kTables.size()> differences{};
    std::vector<std::string> rows;
    LearnerProjection projection;
    std::string learner;
    bool any = false;
    auto compare_learner = [&]() -> Result<void> {
        auto& expected = projection.finish();
        for (std::size_t t = 0; t < kTables.size(); ++t) {
            rows.clear();
            if (auto r = stored[t].take(learner, rows, differences[t]); !r)
                return r;
            std::sort(rows.begin(), rows.end());
            differences[t] += differing(expected[t], rows);
        }
        return {};
    };
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        EventRow e;
        e.position = s->column_int(0);
        e.id = s->column_view(1);
        e.time = s->column_view(2);
        e.learner = s->column_view(3);
        e.course_id = s->column_view(4);
        e.course_version = s->column_view(5);
        e.course_digest = s->column_view(6);
        e.trusted = s->column_int(7) != 0;
        e.type = s->column_view(8);
        e.payload = s->column_view(9);
        if (!any || e.learner != learner) {
            if (any)
                if (auto r = compare_learner(); !r)
                    return r;
            any = true;
            learner = e.learner;
            projection.start(learner);
        }
        if (auto r = projection.apply(e); !r)
            add_problem(
                report,
                "event " + std::to_string(e.position) + " cannot be replayed: " + r.error().message,
                e.position);
    }
    if (any)
        if (auto r = compare_learner(); !r)
            return r;
    for (std::size_t t = 0; t < kTables.size(); ++t) {
        if (auto r = stored[t].rest(differences[t]); !r)
            return r;
        const std::string name = kTables[t].name;
        if (differences[t] > 0)
            add_problem(report, "the " + name + " table does not match the events (" +
                                    std::to_string(differences[t]) +
                                    " rows differ): it was edited; 'waymark ledger rebuild' "
                                    "recreates it from the events");
    }
    return {};
}

}  // namespace waymark::ledger
