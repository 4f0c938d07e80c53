// Ledger::check_evidence(): the check every export, certificate and sync runs before it
// reads the ledger as evidence. It costs what changed since the last check, not the
// whole chain: the chain is re-hashed from the position the device last signed as
// checked, and the heads and counts are checked. The rows evidence is read from
// (learners, completions, certificates and the organisation's settings) are hashed in
// storage order and their digest compared with the one the device signed
// (rows_digest.hpp); only when they differ is each row compared with the event it comes
// from, to name what was edited. A rewrite of events before the checked position is left
// to 'waymark ledger verify' and to witnesses (docs/THREAT-MODEL.md).
#include <cstdint>
#include <future>
#include <map>

#include "head.hpp"
#include "identity.hpp"
#include "integrity.hpp"
#include "projector.hpp"
#include "rows_digest.hpp"
#include "state.hpp"

namespace waymark::ledger {

namespace {

// Re-hashes every event after `from` and follows each device's chain; `ends` gets each
// device's end (devices with no events after `from` are looked up where they end).
Result<void> check_chain_since(Database& db, std::int64_t from,
                               std::map<std::string, ChainEnd>& ends, VerifyReport& report) {
    auto s = db.prepare(std::string(kChainColumns) + " WHERE position > ?1 ORDER BY position");
    if (!s)
        return s.error();
    s->bind(1, from);
    auto before = db.prepare("SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2");
    if (!before)
        return before.error();
    std::string bytes;
    Sha256Digest prev{}, stored{};
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ++report.events_checked;
        const std::int64_t position = s->column_int(0);
        const std::string device(s->column_view(2));
        const std::int64_t seq = s->column_int(3);
        auto end = ends.find(device);
        if (end == ends.end()) {
            // The first event of this device since the mark links to one before it.
            ChainEnd start{seq - 1, kGenesisHash};
            if (seq > 1) {
                before->bind(1, device);
                before->bind(2, seq - 1);
                auto b = before->step();
                if (!b)
                    return b.error();
                if (!*b || !read_digest(*before, 0, start.hash))
                    start.hash = Sha256Digest{};
                before->reset();
            }
            end = ends.emplace(device, start).first;
        }
        const std::string name = event_name(position, device, seq);
        if (seq != end->second.seq + 1 || !read_digest(*s, 12, prev) || prev != end->second.hash)
            add_problem(report,
                        name +
                            " does not follow the event before it in its chain: "
                            "events were removed, added or reordered",
                        position);
        if (!read_digest(*s, 13, stored) || hash_of_row(*s, prev, bytes) != stored)
            add_problem(report,
                        name +
                            ": its content does not match its hash: the event was "
                            "changed after it was recorded",
                        position);
        end->second = ChainEnd{seq, stored};
    }
    auto devices = db.prepare("SELECT id FROM devices");
    if (!devices)
        return devices.error();
    return each_row(*devices, [&]() -> Result<void> {
        const std::string device = devices->column_text(0);
        if (ends.contains(device))
            return {};
        auto end = read_chain_end(db, device);
        if (!end)
            return end.error();
        if (end->seq > 0)
            ends.emplace(device, *end);
        return {};
    });
}

// Each completion row in `rows` against the course-completed event at its position.
Result<void> check_completion_rows(Database& db, RowRange rows, VerifyReport& report) {
    auto s = db.prepare(
        "SELECT c.event_id, c.learner_id, c.course_id, c.course_version, c.course_digest,"
        " c.trusted, c.completed_at, c.valid_until, c.score, c.attempt_id, e.id, e.type,"
        " e.learner_id, e.course_id, e.course_version, e.course_digest, e.course_trusted,"
        " e.time, e.payload, c.position FROM completions c LEFT JOIN events e"
        " ON e.position = c.position WHERE c.rowid BETWEEN ?1 AND ?2");
    if (!s)
        return s.error();
    s->bind(1, rows.first);
    s->bind(2, rows.last);
    return each_row(*s, [&] {
        bool same = s->column_view(0) == s->column_view(10) &&
                    s->column_view(11) == to_string(EventType::course_completed);
        for (int i = 1; same && i <= 6; ++i)
            same = s->column_type(i) == s->column_type(i + 11) &&
                   s->column_view(i) == s->column_view(i + 11);
        if (same) {
            auto completion = read_course_completed(s->column_view(18));
            const auto completed = parse_iso8601(s->column_view(17));
            same = completion && completed && completion->score == s->column_double(8) &&
                   completion->attempt_id == s->column_view(9);
            if (same) {
                const auto until = completion_valid_until(*completed, completion->refresher_months);
                same = until ? !s->column_is_null(7) && s->column_view(7) == *until
                             : s->column_is_null(7);
            }
        }
        if (!same)
            add_problem(report,
                        "the completion " + s->column_text(0) + " of learner " + s->column_text(1) +
                            " on " + s->column_text(2) +
                            " is not the course-completed event it names: the completions "
                            "table was edited",
                        s->column_int(19));
    });
}

// Each certificate row against its certificate-issued event.
Result<void> check_certificate_rows(Database& db, VerifyReport& report) {
    auto s = db.prepare(
        "SELECT c.event_id, c.learner_id, c.completion_event_id, c.code, c.issued_at, e.type,"
        " e.learner_id, e.time, e.payload FROM certificates c LEFT JOIN events e"
        " ON e.id = c.event_id");
    if (!s)
        return s.error();
    return each_row(*s, [&] {
        bool same = s->column_view(5) == to_string(EventType::certificate_issued) &&
                    s->column_view(1) == s->column_view(6) &&
                    s->column_view(4) == s->column_view(7);
        if (same) {
            auto c = read_certificate_issued(s->column_view(8));
            same = c && c->code == s->column_view(3) && c->completion_event_id == s->column_view(2);
        }
        if (!same)
            add_problem(report, "the certificate with code " + s->column_text(3) +
                                    " is not the certificate-issued event it names: the "
                                    "certificates table was edited");
    });
}

// The organisation's settings (the reporting rules) against a replay of their events.
Result<void> check_organisation_settings(Database& db, VerifyReport& report) {
    std::map<std::string, std::pair<std::string, std::string>> expected;  // key: value, time
    auto events = db.prepare(
        "SELECT type, payload, time FROM events WHERE learner_id = '' AND course_id = ''"
        " ORDER BY position");
    if (!events)
        return events.error();
    auto replayed = each_row(*events, [&] {
        if (events->column_view(0) != to_string(EventType::settings_changed))
            return;
        // An unreadable payload is verify's to report.
        if (auto setting = read_setting_changed(events->column_view(1)))
            expected[setting->key] = {setting->value, events->column_text(2)};
    });
    if (!replayed)
        return replayed;
    auto rows = db.prepare(
        "SELECT key, value, changed_at FROM settings WHERE learner_id = '' ORDER BY key");
    if (!rows)
        return rows.error();
    std::size_t seen = 0;
    auto compared = each_row(*rows, [&] {
        ++seen;
        const auto it = expected.find(rows->column_text(0));
        if (it == expected.end() || it->second.first != rows->column_view(1) ||
            it->second.second != rows->column_view(2))
            add_problem(report, "the organisation setting \"" + rows->column_text(0) +
                                    "\" is not the value its events set: the settings table "
                                    "was edited");
    });
    if (!compared)
        return compared;
    if (seen != expected.size())
        add_problem(report,
                    "organisation settings recorded in the chain are missing from the "
                    "settings table: it was edited");
    return {};
}

// The certificate rows and the completion rows in `completions` against their events:
// the costliest part of the check, which check_evidence() shares between two threads.
Result<void> check_rows_against_events(Database& db, RowRange completions, VerifyReport& report) {
    if (auto r = check_completion_rows(db, completions, report); !r)
        return r;
    return check_certificate_rows(db, report);
}

// Where the completion rows are split between the threads: the second thread takes
// those up to here, the first the rest after the chain and the heads. `thirds` of the
//  Measured at 2,000 learners on 10 courses
// (docs/PERFORMANCE.md), two thirds made the shares even when each row was compared with
// its event (the second thread also takes the certificates, the first the identities);
// at 100,000 learners, about half when rows are hashed (the first also hashes the
// learners). `share` is the second thread's.
Result<std::int64_t> completions_split(Database& db, double share) {
    auto s = db.prepare("SELECT coalesce(max(rowid), 0) FROM completions");
    if (!s)
        return s.error();
    if (auto row = s->step(); !row)
        return row.error();
    return static_cast<std::int64_t>(static_cast<double>(s->column_int(0)) * share);
}

// The chain since the signed mark, the heads, the signed counts, a trigger planted in
// the file, and the witnesses; with rows_by_digest false, also the identities and the
// settings against their events. `last` gets the position the check reached, `own` this
// device and its head, when its signature checks.
Result<void> check_chain_and_signed_state(LedgerState& st, bool rows_by_digest,
                                          VerifyReport& report, std::int64_t& last,
                                          OwnDevice& own) {
    auto device = own_device(st.db);
    if (!device)
        return device.error();
    own = std::move(*device);
    auto head = read_signed_head(st.db, own.device_id);
    if (!head)
        return head.error();
    // From the position the device signed as checked; from the start without one.
    const std::int64_t from = *head && (*head)->format >= 2 ? (*head)->verified_position : 0;
    std::map<std::string, ChainEnd> ends;
    if (auto r = check_chain_since(st.db, from, ends, report); !r)
        return r;
    if (auto r = check_heads(st.db, pinned_key(st), ends, own, report); !r)
        return r;
    auto tables = tally_of_tables(st.db);
    if (!tables)
        return tables.error();
    if (own.head && own.head->format >= 2 && *tables != own.head->tally)
        add_problem(
            report,
            "the learners, completions and certificates tables hold " +
                std::to_string(tables->learners) + ", " + std::to_string(tables->completions) +
                " and " + std::to_string(tables->certificates) + " rows, but the device signed " +
                std::to_string(own.head->tally.learners) + ", " +
                std::to_string(own.head->tally.completions) + " and " +
                std::to_string(own.head->tally.certificates) + ": rows were added or deleted");
    auto trigger = foreign_trigger(st.db);
    if (!trigger)
        return trigger.error();
    if (*trigger)
        add_problem(report, "the ledger " + foreign_trigger_problem(**trigger));
    if (!rows_by_digest) {
        if (auto r = check_identities(st.db, report); !r)
            return r;
        if (auto r = check_organisation_settings(st.db, report); !r)
            return r;
    }
    if (auto r = check_witnesses(st.db, {}, report); !r)
        return r;
    auto end = st.db.prepare("SELECT coalesce(max(position), 0) FROM events");
    if (!end)
        return end.error();
    if (auto row = end->step(); !row)
        return row.error();
    last = end->column_int(0);
    return {};
}

// `work` on a second, read-only connection to the same file, in its own transaction.
// Called while the first connection holds the write lock, so no other program can
// commit in between and both connections see the same state.
template <typename Work>
auto on_second_connection(const std::filesystem::path& file, Work&& work)
    -> decltype(work(std::declval<Database&>())) {
    auto db = Database::open_read_only(file);
    if (!db)
        return db.error();
    if (auto r = db->exec("BEGIN"); !r)
        return r.error();
    auto r = work(*db);
    (void)db->exec("ROLLBACK");
    return r;
}

// The evidence rows against the digest the device signed: the chain and the signed state
// on this connection and a share of the completion rows hashed on a second one (when the
// ledger is writable). When the digest differs, every row is compared with its event to
// say which was edited.
Result<void> check_rows_by_digest(LedgerState& st, bool beside, VerifyReport& report,
                                  std::int64_t& last) {
    OwnDevice own;
    if (!beside) {
        if (auto r = check_chain_and_signed_state(st, true, report, last, own); !r)
            return r;
        auto rows = digest_of_rows(st.db, RowRange{}, true);
        if (!rows)
            return rows.error();
        return compare_rows_digest(st.db, own, *rows, report);
    }
    auto split = completions_split(st.db, 0.5);
    if (!split)
        return split.error();
    auto second = std::async(std::launch::async, [&] {
        return on_second_connection(st.path, [&](Database& db) {
            return digest_of_rows(db, RowRange{INT64_MIN, *split}, false);
        });
    });
    Result<RowsDigest> rows = RowsDigest{};
    auto chain = check_chain_and_signed_state(st, true, report, last, own);
    if (chain)
        rows = digest_of_rows(st.db, RowRange{*split + 1, INT64_MAX}, true);
    auto second_rows = second.get();
    if (!chain)
        return chain;
    if (!rows)
        return rows.error();
    if (!second_rows)
        return second_rows.error();
    rows->add(*second_rows);
    return compare_rows_digest(st.db, own, *rows, report);
}

// Each evidence row against the event it comes from: the completion rows in `completions`
// on two threads as check_rows_by_digest() shares them, for a ledger whose head signs no
// digest.
Result<void> check_rows_by_events(LedgerState& st, bool beside, VerifyReport& report,
                                  std::int64_t& last) {
    OwnDevice own;
    if (!beside) {
        if (auto r = check_chain_and_signed_state(st, false, report, last, own); !r)
            return r;
        return check_rows_against_events(st.db, RowRange{}, report);
    }
    auto split = completions_split(st.db, 2.0 / 3.0);
    if (!split)
        return split.error();
    VerifyReport rows_report;
    auto rows = std::async(std::launch::async, [&] {
        return on_second_connection(st.path, [&](Database& db) {
            return check_rows_against_events(db, RowRange{INT64_MIN, *split}, rows_report);
        });
    });
    auto chain = check_chain_and_signed_state(st, false, report, last, own);
    if (chain)
        chain = check_completion_rows(st.db, RowRange{*split + 1, INT64_MAX}, report);
    auto checked_rows = rows.get();
    if (!chain)
        return chain;
    if (!checked_rows)
        return checked_rows;
    add_problems(report, std::move(rows_report));
    return {};
}

}  // namespace

Result<void> check_evidence_rows(Database& db, VerifyReport& report) {
    if (auto r = check_rows_against_events(db, RowRange{}, report); !r)
        return r;
    if (auto r = check_identities(db, report); !r)
        return r;
    return check_organisation_settings(db, report);
}

Result<void> compare_rows_digest(Database& db, const OwnDevice& own, const RowsDigest& rows,
                                 VerifyReport& report) {
    // Without a head whose signature checks there is nothing to compare with, and
    // check_heads() has said why.
    if (!own.head || !own.head->rows || *own.head->rows == rows)
        return {};
    const std::size_t before = report.problems.size();
    if (auto r = check_evidence_rows(db, report); !r)
        return r;
    if (report.problems.size() == before)
        add_problem(report,
                    "the learners, completions, certificates or settings tables are not the rows "
                    "this device signed: a row was edited, added or removed");
    return {};
}

Result<VerifyReport> Ledger::check_evidence() {
    auto& st = *state_;
    VerifyReport report;
    std::int64_t last = 0;
    // A writable ledger is checked by two threads at once, each on its own connection:
    // the report or certificate waiting on the check costs about the larger half. Holding
    // the write lock (BEGIN IMMEDIATE, or the caller's in_one_transaction) keeps both on
    // one state. A read-only ledger (an auditor's copy) is checked on its one connection,
    // one half after the other.
    const bool beside = !st.read_only;
    const bool joined = st.db.in_transaction();
    auto body = [&]() -> Result<void> {
        if (!joined)
            if (auto r = st.db.exec(beside ? "BEGIN IMMEDIATE" : "BEGIN"); !r)
                return r;
        // Whether the head carries a digest decides how rows are checked; its signature is
        // checked with the chain, and a head that fails it is a problem either way.
        auto head = read_signed_head(st.db, st.device_id);
        if (!head)
            return head.error();
        if (*head && (*head)->rows)
            return check_rows_by_digest(st, beside, report, last);
        return check_rows_by_events(st, beside, report, last);
    };
    Result<void> r = body();
    if (!joined && st.db.in_transaction())
        (void)st.db.exec("ROLLBACK");
    if (!r)
        return r.error();
    if (report.ok())
        st.evidence_checked_to = last;
    return report;
}

Result<void> refuse_unless_evidence(Ledger& ledger) {
    auto report = ledger.check_evidence();
    if (!report)
        return report.error();
    if (report->ok())
        return {};
    return make_error(
        ErrorCode::verification,
        "the ledger " + ledger.path().string() +
            " cannot be used as evidence: " + report->problems.front() +
            (report->problems.size() > 1
                 ? " (and " + std::to_string(report->problems.size() - 1) + " more problems)"
                 : std::string()) +
            "; nothing was exported; run 'waymark ledger verify --ledger " +
            ledger.path().string() + "' and restore the ledger from a backup");
}

}  // namespace waymark::ledger
