#include "head.hpp"

#include "state.hpp"

namespace waymark::ledger {

void Tally::count(EventType type) {
    if (type == EventType::learner_enrolled)
        ++learners;
    else if (type == EventType::course_completed)
        ++completions;
    else if (type == EventType::certificate_issued)
        ++certificates;
}

void Tally::count(std::string_view type) {
    if (const auto t = parse_event_type(type))
        count(*t);
}

std::string head_message(const SignedHead& h) {
    std::string text = "waymark-head-v" + std::to_string(h.format) + "\n" + h.device_id + "\n" +
                       std::to_string(h.end.seq) + "\n" + to_hex(h.end.hash) + "\n" + h.time + "\n";
    if (h.format != 1)
        text += std::to_string(h.tally.learners) + "\n" + std::to_string(h.tally.completions) +
                "\n" + std::to_string(h.tally.certificates) + "\n" +
                std::to_string(h.verified_position) + "\n";
    if (h.format >= 3)
        text += to_hex(h.rows ? h.rows->fingerprint() : Sha256Digest{}) + "\n";
    return text;
}

std::optional<SignedHead> read_signed_head_row(const Statement& s) {
    SignedHead h;
    h.device_id = s.column_text(0);
    h.end.seq = s.column_int(1);
    h.time = s.column_text(3);
    const auto sig = s.column_blob(4);
    if (!read_digest(s, 2, h.end.hash) || sig.size() != h.signature.size())
        return std::nullopt;
    std::copy(sig.begin(), sig.end(), h.signature.begin());
    h.format = static_cast<int>(s.column_int(5));
    h.tally = Tally{s.column_int(6), s.column_int(7), s.column_int(8)};
    h.verified_position = s.column_int(9);
    if (h.format >= 3) {
        h.rows = RowsDigest::from_bytes(s.column_blob(10));
        if (!h.rows)
            return std::nullopt;
    }
    return h;
}

Result<std::optional<SignedHead>> read_signed_head(Database& db, std::string_view device) {
    auto kept = db.kept(std::string("SELECT ") + kHeadColumns + " FROM heads WHERE device_id = ?1");
    if (!kept)
        return kept.error();
    Statement& s = **kept;
    s.bind_view(1, device);
    auto row = s.step();
    const bool found = row && *row;
    const auto head = found ? read_signed_head_row(s) : std::nullopt;
    s.reset();
    if (!row)
        return row.error();
    if (!found)
        return std::optional<SignedHead>{};
    if (!head)
        return make_error(ErrorCode::verification,
                          "the signed head of device " + std::string(device) + " in the ledger " +
                              db.file() + " is damaged; run 'waymark ledger verify'");
    return head;
}

Result<ChainEnd> read_chain_end(Database& db, std::string_view device) {
    auto kept =
        db.kept("SELECT seq, hash FROM events WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1");
    if (!kept)
        return kept.error();
    Statement& s = **kept;
    s.bind_view(1, device);
    auto row = s.step();
    ChainEnd end;
    bool damaged = false;
    if (row && *row) {
        end.seq = s.column_int(0);
        damaged = !read_digest(s, 1, end.hash);
    }
    s.reset();
    if (!row)
        return row.error();
    if (damaged)
        return make_error(ErrorCode::verification,
                          "the last event of device " + std::string(device) + " in " + db.file() +
                              " has a damaged hash; run 'waymark ledger verify'");
    return end;
}

namespace {

Result<std::int64_t> last_position(Database& db) {
    auto kept = db.kept("SELECT coalesce(max(position), 0) FROM events");
    if (!kept)
        return kept.error();
    Statement& s = **kept;
    auto row = s.step();
    const std::int64_t last = row && *row ? s.column_int(0) : 0;
    s.reset();
    if (!row)
        return row.error();
    return last;
}

}  // namespace

Result<Tally> tally_of_tables(Database& db) {
    auto s = db.prepare(
        "SELECT (SELECT count(*) FROM learners), (SELECT count(*) FROM completions),"
        " (SELECT count(*) FROM certificates)");
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    return Tally{s->column_int(0), s->column_int(1), s->column_int(2)};
}

namespace {

Error refused(const LedgerState& st, const std::string& what) {
    return make_error(ErrorCode::verification,
                      "the ledger " + st.path.string() + " " + what +
                          "; nothing was recorded; run 'waymark ledger verify --ledger " +
                          st.path.string() + "' to see what changed, and restore the ledger " +
                          "from a backup if it was tampered with");
}

}  // namespace

Result<WriteHead> load_write_head(LedgerState& st) {
    auto signed_head = read_signed_head(st.db, st.device_id);
    if (!signed_head)
        return signed_head.error();
    auto end = read_chain_end(st.db, st.device_id);
    if (!end)
        return end.error();
    if (!*signed_head)
        return refused(st,
                       "has no signed head for this device (it signs one when it is "
                       "created): its signatures were removed or its events wiped");
    const SignedHead& h = **signed_head;
    if (!verify(st.public_key, head_message(h), h.signature))
        return refused(st, "has a signed head that this device's key did not sign");
    if (end->seq > h.end.seq)
        return refused(st, "has " + std::to_string(end->seq - h.end.seq) +
                               " events after the last one this device signed (sequence " +
                               std::to_string(h.end.seq) + "): they were added without the key");
    if (end->seq < h.end.seq)
        return refused(st, "ends at sequence " + std::to_string(end->seq) +
                               " but this device signed sequence " + std::to_string(h.end.seq) +
                               ": events were removed from the end");
    if (end->hash != h.end.hash)
        return refused(st, "has a last event that is not the one this device signed");
    auto last = last_position(st.db);
    if (!last)
        return last.error();
    if (auto trigger = foreign_trigger(st.db); !trigger)
        return trigger.error();
    else if (*trigger)
        return refused(st, foreign_trigger_problem(**trigger));
    WriteHead w;
    w.end = *end;
    w.rows = h.rows;
    if (h.format == 1) {
        auto tally = tally_of_tables(st.db);
        if (!tally)
            return tally.error();
        w.tally = *tally;
    } else {
        w.tally = h.tally;
        w.verified_position = h.verified_position;
        // Only a check moves the mark: events this process writes are re-hashed by the next
        // check, which then covers any edit made to them after they were written.
        w.verified_to_tail = st.evidence_checked_to == *last;
    }
    return w;
}

Result<void> sign_head(LedgerState& st, const WriteHead& w) {
    auto key = require_key(st);
    if (!key)
        return key.error();
    SignedHead h;
    h.device_id = st.device_id;
    h.end = w.end;
    h.time = format_iso8601(st.now());
    h.tally = w.tally;
    h.verified_position = w.verified_position;
    if (w.verified_to_tail) {
        auto last = last_position(st.db);
        if (!last)
            return last.error();
        h.verified_position = *last;
    }
    // The rows' digest moves only from the one signed before, by the rows this write
    // changed; only rows known to match the events are digested as they stand.
    if (w.rows_match_events) {
        auto rows = digest_of_rows(st.db, RowRange{}, true);
        if (!rows)
            return rows.error();
        h.rows = *rows;
        if (auto r = forget_row_changes(st.db); !r)
            return r;
    } else if (w.rows) {
        h.rows = *w.rows;
        if (auto r = apply_row_changes(st.db, *h.rows); !r)
            return r;
    } else {
        return refused(st,
                       "has a signed head without the digest of its evidence rows, which "
                       "every head since schema 4 carries: the head was replaced with an "
                       "older one");
    }
    h.signature = sign(**key, head_message(h));
    if (!st.upsert_head) {
        auto s = st.db.prepare(
            "INSERT INTO heads(device_id, seq, hash, time, signature, format, learners,"
            " completions, certificates, verified_position, rows_digest)"
            " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            " ON CONFLICT DO UPDATE SET seq = excluded.seq, hash = excluded.hash,"
            " time = excluded.time, signature = excluded.signature, format = excluded.format,"
            " learners = excluded.learners, completions = excluded.completions,"
            " certificates = excluded.certificates,"
            " verified_position = excluded.verified_position, rows_digest = excluded.rows_digest");
        if (!s)
            return s.error();
        st.upsert_head = std::move(*s);
    }
    Statement& s = st.upsert_head;
    s.bind(1, h.device_id);
    s.bind(2, h.end.seq);
    s.bind_blob(3, h.end.hash);
    s.bind(4, h.time);
    s.bind_blob(5, h.signature);
    s.bind(6, std::int64_t{h.format});
    s.bind(7, h.tally.learners);
    s.bind(8, h.tally.completions);
    s.bind(9, h.tally.certificates);
    s.bind(10, h.verified_position);
    const std::string rows = h.rows->bytes();
    s.bind_blob(11, std::span(reinterpret_cast<const std::uint8_t*>(rows.data()), rows.size()));
    return s.run();
}

Result<void> write_from_signed_head(LedgerState& st,
                                    const std::function<Result<void>(WriteHead&)>& body) {
    if (auto key = require_key(st); !key)
        return key.error();
    return in_write_transaction(st.db, [&]() -> Result<void> {
        auto head = load_write_head(st);
        if (!head)
            return head.error();
        if (auto r = body(*head); !r)
            return r;
        return sign_head(st, *head);
    });
}

}  // namespace waymark::ledger
