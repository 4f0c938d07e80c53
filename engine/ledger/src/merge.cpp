// Ledger::merge(): takes another device's ledger file (read-only, never modified) into
// this one. The other file is verified first; its events are inserted through append's
// insert_event_row with their own chains and signatures kept, new devices' keys are
// learnt (and reported, since they are taken on trust), erasures are carried across, and
// the projections are brought up to date, all in one transaction signed by this device.
#include <map>

#include "append.hpp"
#include "chain.hpp"
#include "head.hpp"
#include "identity.hpp"
#include "integrity.hpp"
#include "schema.hpp"
#include "state.hpp"
#include "witnesses.hpp"

namespace waymark::ledger {

namespace {

Result<std::map<std::string, ChainEnd>> chain_ends(Database& db) {
    std::map<std::string, ChainEnd> out;
    auto s = db.prepare("SELECT device_id, max(seq) FROM events GROUP BY device_id");
    if (!s)
        return s.error();
    auto h = db.prepare("SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2");
    if (!h)
        return h.error();
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ChainEnd head{s->column_int(1), {}};
        h->bind(1, s->column_view(0));
        h->bind(2, head.seq);
        auto hr = h->step();
        if (!hr)
            return hr.error();
        if (*hr)
            (void)read_digest(*h, 0, head.hash);
        h->reset();
        out[s->column_text(0)] = head;
    }
    return out;
}

// Refuses a merge when a checkpoint this ledger witnessed before names an event the
// other ledger does not hold or holds differently (a device it knows at all).
Result<void> refuse_contradicted_witnesses(Database& mine, Database& other,
                                           const std::filesystem::path& other_path) {
    auto kept = witnessed(mine);
    if (!kept)
        return kept.error();
    for (const Witness& w : *kept) {
        VerifyReport report;
        auto finding = check_witness(other, w, report);
        if (!finding)
            return finding.error();
        if (*finding == WitnessFinding::rolled_back || *finding == WitnessFinding::forked)
            return make_error(ErrorCode::verification, "in the ledger " + other_path.string() +
                                                           ": " + report.problems.back() +
                                                           "; nothing was imported");
    }
    return {};
}

}  // namespace

Result<MergeReport> Ledger::merge(const std::filesystem::path& other_path) {
    auto other = Database::open_read_only(other_path);
    if (!other)
        return other.error();
    auto version = user_version(*other);
    if (!version)
        return version.error();
    if (*version != kSchemaVersion)
        return make_error(ErrorCode::usage,
                          "the ledger " + other_path.string() + " has schema version " +
                              std::to_string(*version) + ", this Waymark merges version " +
                              std::to_string(kSchemaVersion) +
                              "; open it once with 'waymark ledger stats --ledger " +
                              other_path.string() + "' to upgrade it, then merge again");
    VerifyReport check;
    if (auto r = verify_database(*other, std::nullopt, false, check); !r)
        return r.error();
    if (!check.ok())
        return make_error(
            ErrorCode::verification,
            "the ledger " + other_path.string() +
                " does not verify, so nothing was imported: " + check.problems.front() +
                (check.problems.size() > 1
                     ? " (and " + std::to_string(check.problems.size() - 1) +
                           " more problems; run 'waymark ledger verify --ledger " +
                           other_path.string() + "')"
                     : ""));
    MergeReport report;
    auto& st = *state_;
    auto r = write_from_signed_head(st, [&](WriteHead& own) -> Result<void> {
        if (auto b = other->exec("BEGIN"); !b)
            return b;
        // What this ledger witnessed of the other's devices must still be in the other:
        // merging a rolled-back or forked copy would spread it.
        if (auto w = refuse_contradicted_witnesses(st.db, *other, other_path); !w)
            return w;
        // Devices: a device id must keep its key.
        {
            auto s = other->prepare("SELECT id, public_key FROM devices");
            if (!s)
                return s.error();
            auto mine = st.db.prepare("SELECT public_key FROM devices WHERE id = ?1");
            if (!mine)
                return mine.error();
            auto add = st.db.prepare("INSERT INTO devices(id, public_key) VALUES(?1, ?2)");
            if (!add)
                return add.error();
            for (;;) {
                auto row = s->step();
                if (!row)
                    return row.error();
                if (!*row)
                    break;
                ++report.devices;
                mine->bind(1, s->column_view(0));
                auto m = mine->step();
                if (!m)
                    return m.error();
                if (*m && mine->column_view(0) != s->column_view(1))
                    return make_error(ErrorCode::verification,
                                      "device " + s->column_text(0) + " has a different key in " +
                                          other_path.string() +
                                          " than in this ledger; one of them is forged");
                const bool known = *m;
                mine->reset();
                if (!known) {
                    NewDevice device{s->column_text(0), {}};
                    if (!from_hex(s->column_view(1), device.key.bytes))
                        return make_error(ErrorCode::verification,
                                          "device " + device.id + " has a damaged key in " +
                                              other_path.string() + "; nothing was imported");
                    add->bind(1, s->column_view(0));
                    add->bind(2, s->column_view(1));
                    if (auto a = add->run(); !a)
                        return a;
                    report.new_devices.push_back(std::move(device));
                }
            }
        }
        // Events, in the other ledger's order, each extending its device's chain here.
        auto ends = chain_ends(st.db);
        if (!ends)
            return ends.error();
        auto s = other->prepare(
            "SELECT position, id, device_id, seq, time, learner_id, course_id, course_version,"
            " course_digest, course_trusted, type, payload, prev_hash, hash FROM events"
            " ORDER BY position");
        if (!s)
            return s.error();
        auto existing = st.db.prepare("SELECT device_id, seq, hash FROM events WHERE id = ?1");
        if (!existing)
            return existing.error();
        for (;;) {
            auto row = s->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            Event e;
            e.id = s->column_text(1);
            e.device_id = s->column_text(2);
            e.seq = s->column_int(3);
            e.time = s->column_text(4);
            e.learner_id = s->column_text(5);
            e.course = CourseRef{s->column_text(6), s->column_text(7), s->column_text(8),
                                 s->column_int(9) != 0};
            e.type = s->column_text(10);
            e.payload = s->column_text(11);
            (void)read_digest(*s, 12, e.prev_hash);
            (void)read_digest(*s, 13, e.hash);
            existing->bind(1, e.id);
            auto ex = existing->step();
            if (!ex)
                return ex.error();
            if (*ex) {
                Sha256Digest here{};
                const bool same = existing->column_view(0) == e.device_id &&
                                  existing->column_int(1) == e.seq &&
                                  read_digest(*existing, 2, here) && here == e.hash;
                existing->reset();
                if (!same)
                    return make_error(ErrorCode::verification,
                                      "event " + e.id +
                                          " differs between the two ledgers; "
                                          "one of them was altered, so nothing was imported");
                ++report.duplicates;
                continue;
            }
            existing->reset();
            ChainEnd& head = (*ends)[e.device_id];
            if (e.seq != head.seq + 1 || e.prev_hash != (head.seq == 0 ? kGenesisHash : head.hash))
                return make_error(
                    ErrorCode::verification,
                    "the chain of device " + e.device_id + " in " + other_path.string() +
                        " forks from this ledger's at sequence " + std::to_string(e.seq) +
                        " (the same device recorded different events there); "
                        "nothing was imported");
            if (auto i = insert_event_row(st, e); !i)
                return i;
            if (auto p = st.projector->apply(e); !p)
                return make_error(p.error().code, "event " + e.id + " from " + other_path.string() +
                                                      " cannot be applied: " + p.error().message);
            head.seq = e.seq;
            head.hash = e.hash;
            own.tally.count(e.type);
            ++report.imported;
        }
        // Signed heads and checkpoints travel with the events they sign.
        {
            auto heads = other->prepare(std::string("SELECT ") + kHeadColumns +
                                        " FROM heads WHERE device_id != ?1");
            if (!heads)
                return heads.error();
            heads->bind(1, st.device_id);  // this device's head is signed here, not copied
            auto put = st.db.prepare(
                std::string("INSERT INTO heads(") + kHeadColumns +
                ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                " ON CONFLICT DO UPDATE SET seq = excluded.seq, hash = excluded.hash,"
                " time = excluded.time, signature = excluded.signature, format = excluded.format,"
                " learners = excluded.learners, completions = excluded.completions,"
                " certificates = excluded.certificates,"
                " verified_position = excluded.verified_position,"
                " rows_digest = excluded.rows_digest"
                " WHERE excluded.seq > heads.seq");
            if (!put)
                return put.error();
            for (;;) {
                auto row = heads->step();
                if (!row)
                    return row.error();
                if (!*row)
                    break;
                put->bind(1, heads->column_view(0));
                put->bind(2, heads->column_int(1));
                put->bind_blob(3, heads->column_blob(2));
                put->bind(4, heads->column_view(3));
                put->bind_blob(5, heads->column_blob(4));
                for (int i = 5; i < 10; ++i)
                    put->bind(i + 1, heads->column_int(i));
                if (heads->column_is_null(10))
                    put->bind_null(11);
                else
                    put->bind_blob(11, heads->column_blob(10));
                if (auto p = put->run(); !p)
                    return p;
            }
        }
        {
            auto cps = other->prepare(
                "SELECT device_id, seq, head_hash, time, reason, signature FROM checkpoints"
                " ORDER BY id");
            if (!cps)
                return cps.error();
            auto put = st.db.prepare(
                "INSERT OR IGNORE INTO checkpoints(device_id, seq, head_hash, time, reason,"
                " signature) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
            if (!put)
                return put.error();
            for (;;) {
                auto row = cps->step();
                if (!row)
                    return row.error();
                if (!*row)
                    break;
                put->bind(1, cps->column_view(0));
                put->bind(2, cps->column_int(1));
                put->bind_blob(3, cps->column_blob(2));
                put->bind(4, cps->column_view(3));
                put->bind(5, cps->column_view(4));
                put->bind_blob(6, cps->column_blob(5));
                if (auto p = put->run(); !p)
                    return p;
            }
        }
        // People: new ones are added; an erasure on either side wins.
        {
            auto people = other->prepare(
                "SELECT id, name, staff_id, email, team, role, enrolled_at, erased_at, salt FROM "
                "learners");
            if (!people)
                return people.error();
            auto add = st.db.prepare(
                "INSERT OR IGNORE INTO learners(id, name, staff_id, email, team, role,"
                " enrolled_at, erased_at, salt) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
            if (!add)
                return add.error();
            auto erase = st.db.prepare(kErasePersonSql);
            if (!erase)
                return erase.error();
            for (;;) {
                auto row = people->step();
                if (!row)
                    return row.error();
                if (!*row)
                    break;
                for (int i = 0; i < 7; ++i)
                    add->bind(i + 1, people->column_view(i));
                if (people->column_is_null(7))
                    add->bind_null(8);
                else
                    add->bind(8, people->column_view(7));
                if (people->column_is_null(8))
                    add->bind_null(9);
                else
                    add->bind_blob(9, people->column_blob(8));
                if (auto a = add->run(); !a)
                    return a;
                report.learners_added += st.db.changes();
                if (!people->column_is_null(7)) {
                    erase->bind(1, people->column_view(0));
                    erase->bind(2, people->column_view(7));
                    if (auto e = erase->run(); !e)
                        return e;
                }
            }
        }
        // The other ledger's checkpoints are witnesses now: this ledger must hold them
        // (else it was rolled back or forked) and keeps the latest of each device.
        auto seen = latest_checkpoints(*other, "the ledger " + other_path.string());
        if (!seen)
            return seen.error();
        VerifyReport contradicted;
        for (const Witness& w : *seen) {
            auto finding = check_witness(st.db, w, contradicted);
            if (!finding)
                return finding.error();
            if (*finding != WitnessFinding::consistent)
                return make_error(ErrorCode::verification,
                                  contradicted.problems.back() + "; nothing was imported");
            if (auto k = keep_witness(st.db, w); !k)
                return k;
        }
        return {};
    });
    if (other->in_transaction())
        (void)other->exec("ROLLBACK");
    if (!r)
        return r.error();
    return report;
}

}  // namespace waymark::ledger
