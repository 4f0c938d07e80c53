#include "witnesses.hpp"

#include "integrity.hpp"
#include "state.hpp"
#include "waymark/ledger/witness.hpp"

namespace waymark::ledger {

namespace {

std::string short_device(std::string_view device) {
    return std::string(device.substr(0, 8));
}

Result<std::vector<Witness>> read_checkpoint_rows(Statement& s, const std::string& source,
                                                  bool source_column) {
    std::vector<Witness> out;
    auto read = each_row(s, [&] {
        Witness w;
        Checkpoint& c = w.checkpoint;
        c.device_id = s.column_text(0);
        c.seq = s.column_int(1);
        (void)read_digest(s, 2, c.head_hash);
        c.time = s.column_text(3);
        c.reason = s.column_text(4);
        const auto sig = s.column_blob(5);
        if (sig.size() == c.signature.size())
            std::copy(sig.begin(), sig.end(), c.signature.begin());
        (void)from_hex(s.column_view(6), c.public_key.bytes);
        w.source = source_column ? s.column_text(7) : source;
        out.push_back(std::move(w));
    });
    if (!read)
        return read.error();
    return out;
}

}  // namespace

Result<WitnessFinding> check_witness(Database& db, const Witness& w, VerifyReport& report) {
    const Checkpoint& c = w.checkpoint;
    const std::string name = "the checkpoint of device " + short_device(c.device_id) +
                             " at sequence " + std::to_string(c.seq) + " (" + c.time +
                             ") kept by " + w.source;
    auto key = db.prepare("SELECT public_key FROM devices WHERE id = ?1");
    if (!key)
        return key.error();
    key->bind(1, c.device_id);
    auto row = key->step();
    if (!row)
        return row.error();
    if (!*row) {
        add_problem(report, name +
                                " is of a device this ledger does not hold: its events were "
                                "removed, or the witness is of another ledger");
        return WitnessFinding::unknown_device;
    }
    Ed25519PublicKey here;
    if (!from_hex(key->column_view(0), here.bytes) || here != c.public_key ||
        !verify(c.public_key, checkpoint_message(c.device_id, c.seq, c.head_hash, c.time, c.reason),
                c.signature)) {
        add_problem(report, name +
                                " is not signed by that device's key in this ledger: the "
                                "witness or the ledger's key record was forged");
        return WitnessFinding::forged;
    }
    auto at = db.prepare("SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2");
    if (!at)
        return at.error();
    at->bind(1, c.device_id);
    at->bind(2, c.seq);
    auto found = at->step();
    if (!found)
        return found.error();
    if (!*found) {
        add_problem(report, name +
                                " covers events this ledger no longer has: it was rolled "
                                "back to an earlier state or its latest events were deleted");
        return WitnessFinding::rolled_back;
    }
    Sha256Digest hash{};
    if (!read_digest(*at, 0, hash) || hash != c.head_hash) {
        add_problem(report, name +
                                " names another event at that place: the chain was "
                                "rewritten from there (a fork)");
        return WitnessFinding::forked;
    }
    return WitnessFinding::consistent;
}

Result<std::vector<Witness>> latest_checkpoints(Database& db, const std::string& source) {
    // The latest checkpoint of each device by sequence (and time among equals).
    auto s = db.prepare(
        "SELECT c.device_id, c.seq, c.head_hash, c.time, c.reason, c.signature, d.public_key"
        " FROM checkpoints c JOIN devices d ON d.id = c.device_id"
        " WHERE c.id = (SELECT id FROM checkpoints WHERE device_id = c.device_id"
        " ORDER BY seq DESC, id DESC LIMIT 1)");
    if (!s)
        return s.error();
    auto out = read_checkpoint_rows(*s, source, false);
    if (!out)
        return out;
    auto kept = witnessed(db);
    if (!kept)
        return kept;
    for (Witness& w : *kept) {
        w.source = source + " (which saw it in " + w.source + ")";
        out->push_back(std::move(w));
    }
    return out;
}

Result<std::vector<Witness>> witnessed(Database& db) {
    auto s = db.prepare(
        "SELECT device_id, seq, head_hash, time, reason, signature, public_key, source"
        " FROM witnessed ORDER BY device_id");
    if (!s)
        return s.error();
    return read_checkpoint_rows(*s, "", true);
}

Result<void> keep_witness(Database& db, const Witness& w) {
    const Checkpoint& c = w.checkpoint;
    auto s = db.prepare(
        "INSERT INTO witnessed(device_id, public_key, seq, head_hash, time, reason, signature,"
        " source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(device_id) DO UPDATE SET"
        " public_key = excluded.public_key, seq = excluded.seq, head_hash = excluded.head_hash,"
        " time = excluded.time, reason = excluded.reason, signature = excluded.signature,"
        " source = excluded.source WHERE excluded.seq > witnessed.seq");
    if (!s)
        return s.error();
    s->bind(1, c.device_id);
    s->bind(2, to_hex(c.public_key.bytes));
    s->bind(3, c.seq);
    s->bind_blob(4, c.head_hash);
    s->bind(5, c.time);
    s->bind(6, c.reason);
    s->bind_blob(7, c.signature);
    s->bind(8, w.source);
    return s->run();
}

}  // namespace waymark::ledger
