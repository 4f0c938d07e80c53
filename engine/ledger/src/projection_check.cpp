#include "projection_check.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "integrity.hpp"
#include "projector.hpp"
#include "waymark/core/crypto.hpp"

namespace waymark::ledger {

namespace {

// A row as one string: each value with its SQLite type, so two rows are equal exactly
// when every column has the same type and value, and rows sort and compare as strings.
class RowWriter {
  public:
    // Room for a row at once (a page view is about 110 bytes, an attempt 340), not grown
    // by doubling from a few bytes (three to five allocations a row).
    RowWriter() { row_.reserve(384); }

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

struct ReplayedAttempt {
    std::string id, version, digest, state = "in-progress", started_at, submitted_at, scored_at;
    bool trusted = false;
    double raw = 0, max = 0, scaled = 0;
    bool passed = false;
    std::int64_t first_position = 0, last_position = 0;
};

struct Setting {
    std::int64_t position = 0;
    std::string value, changed_at;
};

// Where finished rows go: a learner's lists, or a table's digest.
class RowSink {
  public:
    virtual void add(Table table, std::string row) = 0;

  protected:
    ~RowSink() = default;
};

// One learner's state on one course, as the projector's rows for it stand after the
// events so far, in position order; see Projector for the rules. A pages_viewed row is
// final at the page's first view and an attempt's once the next one starts, so those
// go to the sink at once; progress and the last attempt go at finish().
class CourseState {
  public:
    // The bytes of state kept (for FileOrderReplay's budget).
    std::size_t bytes() const { return pages_bytes_ + attempt_bytes_; }

    Result<void> page_viewed(const EventRow& e, RowSink& out) {
        auto page = read_page_viewed(e.payload);
        if (!page)
            return page.error();
        const auto at = std::lower_bound(pages_.begin(), pages_.end(), page->page_id);
        if (at == pages_.end() || *at != page->page_id) {
            out.add(pages_viewed, RowWriter()
                                      .text(e.learner)
                                      .text(e.course_id)
                                      .text(page->page_id)
                                      .integer(e.position)
                                      .text(e.time)
                                      .take());
            pages_bytes_ += page->page_id.size() + sizeof(std::string);
            pages_.insert(at, page->page_id);
        }
        has_progress_ = true;
        version_ = e.course_version;
        pages_total_ = page->pages_total;
        bookmark_ = std::move(page->page_id);
        updated_at_ = e.time;
        return {};
    }

    void start_attempt(const EventRow& e, std::string id, RowSink& out) {
        if (attempt_)
            out.add(attempts, attempt_row(e.learner, e.course_id));
        attempt_.emplace();
        ReplayedAttempt& a = *attempt_;
        a.id = std::move(id);
        a.version = e.course_version;
        a.digest = e.course_digest;
        a.trusted = e.trusted;
        a.started_at = e.time;
        a.first_position = a.last_position = e.position;
        attempt_bytes_ = std::max(attempt_bytes_, a.id.size() + a.version.size() + a.digest.size() +
                                                      4 * a.started_at.size());
    }

    Result<void> attempt_event(const EventRow& e, EventType type, const AttemptFields& fields) {
        if (!attempt_)
            return make_error(ErrorCode::invalid,
                              "a " + std::string(e.type) + " event for learner " +
                                  std::string(e.learner) + " on course " +
                                  std::string(e.course_id) + " has no attempt-started before it");
        ReplayedAttempt& a = *attempt_;
        a.last_position = e.position;
        if (type == EventType::attempt_submitted) {
            a.state = "submitted";
            a.submitted_at = e.time;
        } else if (type == EventType::attempt_scored) {
            a.state = "scored";
            a.scored_at = e.time;
            a.raw = fields.raw;
            a.max = fields.max;
            a.scaled = fields.scaled;
            a.passed = fields.passed;
        }
        return {};
    }

    // The progress row and the last attempt's.
    void finish(std::string_view learner, std::string_view course, RowSink& out) {
        if (has_progress_)
            out.add(progress, RowWriter()
                                  .text(learner)
                                  .text(course)
                                  .text(version_)
                                  .integer(static_cast<std::int64_t>(pages_.size()))
                                  .integer(pages_total_)
                                  .text(bookmark_)
                                  .text(updated_at_)
                                  .take());
        if (attempt_)
            out.add(attempts, attempt_row(learner, course));
    }

  private:
    std::string attempt_row(std::string_view learner, std::string_view course) const {
        const ReplayedAttempt& a = *attempt_;
        return RowWriter()
            .text(a.id)
            .text(learner)
            .text(course)
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
            .take();
    }

    std::vector<std::string> pages_;  // the ids of the pages viewed, sorted
    bool has_progress_ = false;
    std::string version_, bookmark_, updated_at_;
    std::int64_t pages_total_ = 0;
    std::optional<ReplayedAttempt> attempt_;  // the last one started
    std::size_t pages_bytes_ = 0, attempt_bytes_ = 0;
};

Result<std::string> completion_row(const EventRow& e) {
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
        .text(e.learner)
        .text(e.course_id)
        .text(e.course_version)
        .text(e.course_digest)
        .integer(e.trusted)
        .text(e.time);
    if (const auto until = completion_valid_until(*completed, completion->refresher_months))
        w.text(*until);
    else
        w.null();
    return w.real(completion->score).text(completion->attempt_id).take();
}

std::string certificate_row(const EventRow& e, const CertificateIssued& c) {
    return RowWriter()
        .text(e.id)
        .text(e.learner)
        .text(c.completion_event_id)
        .text(c.code)
        .text(e.time)
        .take();
}

// A settings-changed event, into the learner's latest values: events come course by
// course in one order and by position in the other; the projector applied them in
// position order.
Result<void> setting_changed(const EventRow& e, std::map<std::string, Setting>& settings) {
    auto setting = read_setting_changed(e.payload);
    if (!setting)
        return setting.error();
    Setting& s = settings[setting->key];
    if (e.position > s.position)
        s = Setting{e.position, std::move(setting->value), std::string(e.time)};
    return {};
}

void setting_rows(std::string_view learner, const std::map<std::string, Setting>& settings,
                  RowSink& out) {
    for (const auto& [key, s] : settings)
        out.add(Table::settings,
                RowWriter().text(learner).text(key).text(s.value).text(s.changed_at).take());
}

// What the projector writes for one learner, worked out from their events in
// (course, position) order.
class LearnerProjection : private RowSink {
  public:
    void start(std::string_view learner) {
        learner_ = learner;
        for (auto& rows : rows_)
            rows.clear();
        settings_.clear();
        attempt_ids_.clear();
        codes_.clear();
        course_.clear();
        state_ = CourseState();
    }

    // Applies one event; an Error says why the projector could not have applied it.
    Result<void> apply(const EventRow& e) {
        if (e.course_id != course_) {
            state_.finish(learner_, course_, *this);
            state_ = CourseState();
            course_ = e.course_id;
        }
        const auto type = parse_event_type(e.type);
        if (!type)
            return make_error(ErrorCode::invalid,
                              "unknown event type \"" + std::string(e.type) + "\"");
        switch (*type) {
            case EventType::page_viewed:
                return state_.page_viewed(e, *this);
            case EventType::attempt_started:
            case EventType::answer_saved:
            case EventType::answer_cleared:
            case EventType::attempt_submitted:
            case EventType::attempt_scored: {
                auto fields = read_attempt_fields(*type, e.payload);
                if (!fields)
                    return fields.error();
                if (*type != EventType::attempt_started)
                    return state_.attempt_event(e, *type, *fields);
                if (!attempt_ids_.insert(fields->attempt_id).second)
                    return make_error(ErrorCode::invalid,
                                      "attempt " + fields->attempt_id + " was already started");
                state_.start_attempt(e, std::move(fields->attempt_id), *this);
                return {};
            }
            case EventType::course_completed: {
                auto row = completion_row(e);
                if (!row)
                    return row.error();
                add(completions, std::move(*row));
                return {};
            }
            case EventType::certificate_issued: {
                auto certificate = read_certificate_issued(e.payload);
                if (!certificate)
                    return certificate.error();
                if (!codes_.insert(certificate->code).second)
                    return make_error(ErrorCode::invalid, "certificate code " + certificate->code +
                                                              " was already issued");
                add(certificates, certificate_row(e, *certificate));
                return {};
            }
            case EventType::settings_changed:
                return setting_changed(e, settings_);
            default:
                return {};
        }
    }

    // The learner's rows of each table, sorted.
    std::array<std::vector<std::string>, kTables.size()>& finish() {
        state_.finish(learner_, course_, *this);
        state_ = CourseState();
        setting_rows(learner_, settings_, *this);
        for (auto& rows : rows_)
            std::sort(rows.begin(), rows.end());
        return rows_;
    }

  private:
    void add(Table table, std::string row) override { rows_[table].push_back(std::move(row)); }

    std::string learner_, course_;
    std::array<std::vector<std::string>, kTables.size()> rows_;
    CourseState state_;  // the current course's
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
                                    (differences[t] == 1 ? " row differs" : " rows differ") +
                                    "): it was edited; 'waymark ledger rebuild' "
                                    "recreates it from the events");
    }
    return {};
}

namespace {

// A table's rows as a multiset: their count and the sum of each row's SipHash (two 64-bit
// lanes) under a key drawn at random for each verify. Whoever edited the file never sees
// the key, so rows that differ give different sums but with a chance of 2^-126 or so;
// without a secret key, a sum could be matched by rows chosen for it.
class RowsSum {
  public:
    using Key = SumKey;
    static_assert(sizeof(Key) == crypto_shorthash_siphashx24_KEYBYTES);

    using Hash = std::array<std::uint64_t, 2>;

    static Hash hash(const Key& key, std::string_view bytes) {
        static_assert(sizeof(Hash) == crypto_shorthash_siphashx24_BYTES);
        Hash h;
        crypto_shorthash_siphashx24(reinterpret_cast<unsigned char*>(h.data()),
                                    reinterpret_cast<const unsigned char*>(bytes.data()),
                                    bytes.size(), key.data());
        return h;
    }

    void add(const Key& key, std::string_view row) {
        const Hash h = hash(key, row);
        ++count_;
        sum_[0] += h[0];
        sum_[1] += h[1];
    }
    friend bool operator==(const RowsSum&, const RowsSum&) = default;
    std::uint64_t count() const { return count_; }
    const std::array<std::uint64_t, 2>& sum() const { return sum_; }

  private:
    std::uint64_t count_ = 0;
    std::array<std::uint64_t, 2> sum_{};
};

// An event's entry in events_by_learner, as one string (`out` is its storage).
std::string_view index_entry(std::string_view learner, std::string_view course,
                             std::int64_t position, std::string& out) {
    const std::uint64_t n = learner.size();
    out.assign(reinterpret_cast<const char*>(&n), sizeof n);
    out.append(learner).append(course);
    out.append(reinterpret_cast<const char*>(&position), sizeof position);
    return out;
}

}  // namespace

struct FileOrderReplay::State final : RowSink {
    std::size_t budget = 0, used = 0;
    bool gave_up = false;
    RowsSum::Key key{};
    std::array<RowsSum, kTables.size()> expected;
    // Each open (learner, course): the key is the learner's length (8 bytes), the
    // learner, the course.
    std::unordered_map<std::string, CourseState> courses;
    std::string pair;             // scratch for the key
    CourseState* last = nullptr;  // the course of the event before, found again
    std::string last_pair;        // at once when the next is on the same course
    std::unordered_map<std::string, std::map<std::string, Setting>> settings;  // by learner
    // The attempt ids and certificate codes of each learner (prefixed like `courses`'
    // keys), by their keyed hash: two that differ and hash alike make the replay give up
    // (a chance of 2^-128), never match a table.
    struct HashOfHash {
        std::size_t operator()(const RowsSum::Hash& h) const { return h[0]; }
    };
    std::unordered_set<RowsSum::Hash, HashOfHash> attempt_ids, codes;

    // Each event's entry in events_by_learner (learner, course, position), as the
    // comparison learner by learner reads the events through it.
    RowsSum in_file;
    std::string entry;  // scratch

    void add(Table table, std::string row) override { expected[table].add(key, row); }

    // `learner` and `what` as one key, unambiguously.
    std::string& key_of(std::string_view learner, std::string_view what) {
        const std::uint64_t n = learner.size();
        pair.assign(reinterpret_cast<const char*>(&n), sizeof n);
        pair.append(learner).append(what);
        return pair;
    }

    // An entry of a hash set: the value, the next pointer, the cached hash, and the
    // bucket pointer.
    static constexpr std::size_t kSetEntry = sizeof(RowsSum::Hash) + 3 * sizeof(void*);

    bool spend(std::size_t bytes) {
        used += bytes;
        return used <= budget;
    }

    Result<void> apply(const EventRow& e, EventType type) {
        if (type == EventType::settings_changed) {
            auto [it, added] = settings.try_emplace(std::string(e.learner));
            const std::size_t before = it->second.size();
            if (auto r = setting_changed(e, it->second); !r)
                return r;
            if (!spend((added ? e.learner.size() + 64 : 0) +
                       (it->second.size() - before) * (e.payload.size() + 64)))
                gave_up = true;
            return {};
        }
        if (type == EventType::course_completed) {
            auto row = completion_row(e);
            if (!row)
                return row.error();
            add(completions, std::move(*row));
            return {};
        }
        if (type == EventType::certificate_issued) {
            auto certificate = read_certificate_issued(e.payload);
            if (!certificate)
                return certificate.error();
            if (!codes.insert(RowsSum::hash(key, key_of(e.learner, certificate->code))).second)
                return make_error(ErrorCode::invalid,
                                  "certificate code " + certificate->code + " was already issued");
            if (!spend(kSetEntry))
                gave_up = true;
            add(certificates, certificate_row(e, *certificate));
            return {};
        }
        const bool attempt = is_attempt_event(type);
        if (type != EventType::page_viewed && !attempt)
            return {};
        CourseState& course = course_of(e);
        const std::size_t before = course.bytes();
        Result<void> r;
        if (type == EventType::page_viewed) {
            r = course.page_viewed(e, *this);
        } else {
            auto fields = read_attempt_fields(type, e.payload);
            if (!fields)
                return fields.error();
            if (type != EventType::attempt_started) {
                r = course.attempt_event(e, type, *fields);
            } else {
                if (!attempt_ids.insert(RowsSum::hash(key, key_of(e.learner, fields->attempt_id)))
                         .second)
                    return make_error(ErrorCode::invalid,
                                      "attempt " + fields->attempt_id + " was already started");
                if (!spend(kSetEntry))
                    gave_up = true;
                course.start_attempt(e, std::move(fields->attempt_id), *this);
            }
        }
        if (!spend(course.bytes() - before))
            gave_up = true;
        return r;
    }

    CourseState& course_of(const EventRow& e) {
        key_of(e.learner, e.course_id);
        if (last && pair == last_pair)
            return *last;
        auto [it, added] = courses.try_emplace(pair);
        if (added && !spend(pair.size() + sizeof(CourseState) + 64))
            gave_up = true;
        last_pair = pair;
        last = &it->second;
        return it->second;
    }
};

SumKey random_sum_key() {
    SumKey key;
    random_bytes(key);
    return key;
}

Result<LearnerIndexSum> read_learner_index(Database& db, const SumKey& key) {
    // The query compare_projections() reads the events by, without the columns that are
    // not in the index.
    auto index = db.prepare(
        "SELECT learner_id, course_id, position FROM main.events"
        " ORDER BY learner_id, course_id, position");
    if (!index)
        return index.error();
    RowsSum sum;
    LearnerIndexSum found;
    std::string learner, course, entry;
    std::int64_t position = 0;
    bool first = true;
    auto r = each_row(*index, [&] {
        const std::string_view l = index->column_view(0), c = index->column_view(1);
        const std::int64_t p = index->column_int(2);
        if (!first &&
            std::make_tuple(l, c, p) <=
                std::make_tuple(std::string_view(learner), std::string_view(course), position))
            found.ordered = false;
        first = false;
        sum.add(key, index_entry(l, c, p, entry));
        if (l != learner)
            learner = l;
        if (c != course)
            course = c;
        position = p;
    });
    if (!r)
        return r.error();
    found.count = sum.count();
    found.sum = sum.sum();
    return found;
}

FileOrderReplay::FileOrderReplay(std::size_t memory_budget, const SumKey& key)
    : state_(std::make_unique<State>()) {
    state_->budget = memory_budget;
    state_->key = key;
}

FileOrderReplay::~FileOrderReplay() = default;

bool FileOrderReplay::apply(const EventRow& e) {
    State& s = *state_;
    if (s.gave_up)
        return false;
    s.in_file.add(s.key, index_entry(e.learner, e.course_id, e.position, s.entry));
    const auto type = parse_event_type(e.type);
    if (!type || !s.apply(e, *type))
        s.gave_up = true;
    if (s.gave_up) {
        // Nothing more is needed from the state: compare_projections() decides.
        s.courses.clear();
        s.settings.clear();
        s.attempt_ids.clear();
        s.codes.clear();
        s.last = nullptr;
    }
    return !s.gave_up;
}

Result<bool> FileOrderReplay::matches(Database& db, std::optional<LearnerIndexSum> index) {
    State& s = *state_;
    if (s.gave_up)
        return false;
    for (auto& [pair, course] : s.courses) {
        std::uint64_t n = 0;
        std::memcpy(&n, pair.data(), sizeof n);
        const std::string_view rest = std::string_view(pair).substr(sizeof n);
        course.finish(rest.substr(0, n), rest.substr(n), s);
    }
    for (const auto& [learner, settings] : s.settings)
        setting_rows(learner, settings, s);
    // The events through events_by_learner, as compare_projections() would read them:
    // the same entries, in order, or that comparison could find what this one does not.
    if (!index) {
        auto read = read_learner_index(db, s.key);
        if (!read)
            return read.error();
        index = *read;
    }
    if (*index != LearnerIndexSum{s.in_file.count(), s.in_file.sum(), true})
        return false;
    // Each table in the order compare_projections() reads it, through the same index.
    for (std::size_t t = 0; t < kTables.size(); ++t) {
        auto stmt = db.prepare(std::string("SELECT * FROM main.") + kTables[t].name + " ORDER BY " +
                               kTables[t].order);
        if (!stmt)
            return stmt.error();
        const int columns = stmt->column_count();
        RowsSum stored;
        if (auto r = each_row(*stmt, [&] { stored.add(s.key, encode_row(*stmt, columns)); }); !r)
            return r.error();
        if (stored != s.expected[t])
            return false;
    }
    return true;
}

}  // namespace waymark::ledger
