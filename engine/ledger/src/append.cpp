#include "append.hpp"

#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <cstring>
#include <optional>
#include <stop_token>
#include <thread>

#include "projector.hpp"

namespace waymark::ledger {

namespace {

// From this many events a batch is prepared in a thread of its own. Below it, starting
// a thread costs more than the overlap saves.
constexpr std::size_t kPreparedAlongsideFrom = 128;

bool is_digest_hex(std::string_view s) {
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

bool needs_course(EventType type) {
    return type != EventType::learner_enrolled && type != EventType::learner_erased &&
           type != EventType::settings_changed && type != EventType::manager_passphrase_set &&
           type != EventType::learner_updated && type != EventType::learner_pin_set;
}

Result<void> check_learner(LedgerState& st, const NewEvent& e) {
    if ((e.type == EventType::settings_changed || e.type == EventType::manager_passphrase_set) &&
        e.learner_id.empty())
        return {};
    if (!st.learner_state) {
        auto s = st.db.prepare("SELECT erased_at IS NOT NULL FROM learners WHERE id = ?1");
        if (!s)
            return s.error();
        st.learner_state = std::move(*s);
    }
    Statement& s = st.learner_state;
    s.bind(1, e.learner_id);
    auto row = s.step();
    const bool erased = row && *row && s.column_int(0) != 0;
    s.reset();
    if (!row)
        return row.error();
    if (!*row)
        return make_error(ErrorCode::not_found, "there is no learner \"" + e.learner_id +
                                                    "\" in the ledger " + st.path.string() +
                                                    "; see 'waymark learner list'");
    if (erased && e.type != EventType::learner_erased)
        return make_error(ErrorCode::usage, "the learner " + e.learner_id +
                                                " has been erased; nothing more can be "
                                                "recorded for them");
    return {};
}

// Checks `ne` and makes the event that follows `before`: id, time, canonical payload and
// hash. Its payload is read in full when it is projected (store_event), which fails the
// whole write if it does not read as its type. Uses no database, so that it can run beside the
// thread that stores: of `st` it reads the device id and draws event ids and the time
// (st.fresh_event_id(), st.now()), which nothing else uses while a batch is being prepared.
// `scratch` holds the canonical bytes between calls; `fields` gets what the projector
// takes from the payload, read from the same parse as the canonical text.
Result<Event> prepare_event(LedgerState& st, const NewEvent& ne, const ChainEnd& before,
                            std::string& scratch, PayloadFields& fields) {
    const char* type_name = to_string(ne.type);
    auto payload = read_ahead(ne.type, ne.payload);
    if (!payload)
        return payload.error();
    const std::string_view type_key = R"({"type":")", text = payload->canonical;
    if (!text.starts_with(type_key) || !text.substr(type_key.size()).starts_with(type_name) ||
        !text.substr(type_key.size() + std::strlen(type_name)).starts_with('"'))
        return make_error(ErrorCode::invalid, std::string("the payload of a ") + type_name +
                                                  " event must begin with \"type\": \"" +
                                                  type_name + "\"");
    if (needs_course(ne.type) &&
        (ne.course.id.empty() || ne.course.version.empty() || !is_digest_hex(ne.course.digest)))
        return make_error(ErrorCode::invalid,
                          std::string("a ") + type_name +
                              " event must name its course by id, version and content digest "
                              "(64 lowercase hex digits, from the package manifest)");
    Event e;
    e.id = st.fresh_event_id();
    e.device_id = st.device_id;
    e.seq = before.seq + 1;
    e.time = format_iso8601(ne.time ? *ne.time : st.now());
    e.learner_id = ne.learner_id;
    e.course = ne.course;
    e.type = type_name;
    e.payload = std::move(payload->canonical);
    fields = std::move(payload->fields);
    e.prev_hash = before.hash;
    canonical_event_bytes(
        EventFields{e.id, e.device_id, e.seq, e.time, e.learner_id, e.course.id, e.course.version,
                    e.course.digest, e.course.trusted, e.type, e.payload},
        scratch);
    e.hash = chain_hash(e.prev_hash, scratch);
    return e;
}

// Inserts a prepared event and updates the projections; sets its position.
Result<void> store_event(LedgerState& st, Event& e, PayloadFields& fields) {
    if (auto r = insert_event_row(st, e); !r)
        return r;
    return st.projector->apply(e, std::move(fields));
}

// Checks the learner, unless they are the one `checked_learner` names: a batch is mostly
// one learner's, and nothing in a batch can erase them, so each is looked up once.
Result<void> check_learner_once(LedgerState& st, const NewEvent& ne, std::string& checked_learner) {
    if (!ne.learner_id.empty() && checked_learner == ne.learner_id)
        return {};
    if (auto r = check_learner(st, ne); !r)
        return r;
    checked_learner = ne.learner_id;
    return {};
}

// Prepares a batch's events in order in a thread of its own, into `out` and `fields`,
// which hold one default Event and PayloadFields per NewEvent. The storing thread waits
// for each in turn. Destroying it stops the thread and waits for it, so returning early
// on an error is safe.
class PreparedAlongside {
  public:
    PreparedAlongside(LedgerState& st, std::span<const NewEvent> events, const ChainEnd& head,
                      std::vector<Event>& out, std::vector<PayloadFields>& fields)
        : worker_([this, &st, events, head, &out, &fields](std::stop_token stop) {
              prepare_all(stop, st, events, head, out, fields);
          }) {}

    // Waits until event `i` is prepared; the reason when it could not be.
    Result<void> wait_for(std::size_t i) {
        std::size_t ready = ready_.load(std::memory_order_acquire);
        while (ready <= i) {
            ready_.wait(ready, std::memory_order_acquire);
            ready = ready_.load(std::memory_order_acquire);
        }
        // failure_ was written before the release of i + 1 that was just acquired.
        if (failed_at_.load(std::memory_order_relaxed) == i)
            return *failure_;
        return {};
    }

  private:
    void prepare_all(std::stop_token stop, LedgerState& st, std::span<const NewEvent> events,
                     ChainEnd head, std::vector<Event>& out, std::vector<PayloadFields>& fields) {
        // Named for profilers and debuggers, which otherwise show two "waymark"s.
        ::pthread_setname_np(::pthread_self(), "waymark-prepare");
        std::string scratch;
        for (std::size_t i = 0; i < events.size() && !stop.stop_requested(); ++i) {
            auto e = prepare_event(st, events[i], head, scratch, fields[i]);
            if (e) {
                out[i] = std::move(*e);
                head = ChainEnd{out[i].seq, out[i].hash};
            } else {
                failure_ = e.error();
                failed_at_.store(i, std::memory_order_relaxed);
            }
            // Publishes out[i] (or the failure) to the storing thread.
            ready_.store(i + 1, std::memory_order_release);
            ready_.notify_one();
            if (!e)
                return;
        }
    }

    std::atomic<std::size_t> ready_{0};  // events [0, ready_) are prepared or failed
    // Atomic: the storing thread reads it while this thread may still be preparing.
    std::atomic<std::size_t> failed_at_{static_cast<std::size_t>(-1)};
    std::optional<Error> failure_;
    std::jthread worker_;  // last, so it is stopped and joined before the rest goes
};

// The cores this process may run on (taskset, cpusets), which hardware_concurrency()
// ignores: on one core the second thread only adds switching.
bool more_than_one_core() {
    cpu_set_t cores;
    CPU_ZERO(&cores);
    if (::sched_getaffinity(0, sizeof cores, &cores) != 0)
        return std::thread::hardware_concurrency() > 1;
    return CPU_COUNT(&cores) > 1;
}

bool prepare_alongside(std::size_t events) {
    return events >= kPreparedAlongsideFrom && more_than_one_core();
}

}  // namespace

Result<void> insert_event_row(LedgerState& st, Event& e) {
    if (!st.insert_event) {
        auto s = st.db.prepare(
            "INSERT INTO events(id, device_id, seq, time, learner_id, course_id, course_version,"
            " course_digest, course_trusted, type, payload, prev_hash, hash)"
            " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        if (!s)
            return s.error();
        st.insert_event = std::move(*s);
    }
    Statement& s = st.insert_event;
    s.bind_view(1, e.id);
    s.bind_view(2, e.device_id);
    s.bind(3, e.seq);
    s.bind_view(4, e.time);
    s.bind_view(5, e.learner_id);
    s.bind_view(6, e.course.id);
    s.bind_view(7, e.course.version);
    s.bind_view(8, e.course.digest);
    s.bind(9, std::int64_t{e.course.trusted});
    s.bind_view(10, e.type);
    s.bind_view(11, e.payload);
    s.bind_blob_view(12, e.prev_hash);
    s.bind_blob_view(13, e.hash);
    if (auto r = s.run(); !r)
        return r;
    e.position = st.db.last_insert_rowid();
    return {};
}

Result<Event> append_one(LedgerState& st, const NewEvent& ne, WriteHead& head) {
    PayloadFields fields;
    auto e = prepare_event(st, ne, head.end, st.canonical_bytes, fields);
    if (!e)
        return e.error();
    if (auto r = check_learner(st, ne); !r)
        return r.error();
    if (auto r = store_event(st, *e, fields); !r)
        return r.error();
    head.end = ChainEnd{e->seq, e->hash};
    head.tally.count(ne.type);
    return e;
}

Result<std::vector<Event>> append_all(LedgerState& st, std::span<const NewEvent> events,
                                      bool checkpoint_after) {
    std::vector<Event> out;
    auto r = write_from_signed_head(st, [&](WriteHead& head) -> Result<void> {
        // An attempt's events mostly come together in a batch: each attempt is looked up
        // once, and its row and its course's progress row updated once, not once an event.
        Projector::InOneWrite one_write(*st.projector);
        out.assign(events.size(), Event{});
        std::vector<PayloadFields> fields(events.size());
        // Events are prepared ahead by a second thread, or here one at a time.
        std::optional<PreparedAlongside> alongside;
        if (prepare_alongside(events.size()))
            alongside.emplace(st, events, head.end, out, fields);
        std::string checked_learner;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (alongside) {
                if (auto p = alongside->wait_for(i); !p)
                    return p;
            } else {
                auto e = prepare_event(st, events[i], head.end, st.canonical_bytes, fields[i]);
                if (!e)
                    return e.error();
                out[i] = std::move(*e);
            }
            head.end = ChainEnd{out[i].seq, out[i].hash};
            head.tally.count(events[i].type);
            if (auto c = check_learner_once(st, events[i], checked_learner); !c)
                return c;
            if (auto s = store_event(st, out[i], fields[i]); !s)
                return s;
        }
        alongside.reset();  // the thread is done; the clock is this thread's again
        if (auto w = one_write.end(); !w)
            return w;
        if (checkpoint_after) {
            if (auto c = write_checkpoint(st, head.end, "completion"); !c)
                return c.error();
        }
        return {};
    });
    if (!r)
        return r.error();
    return out;
}

}  // namespace waymark::ledger
