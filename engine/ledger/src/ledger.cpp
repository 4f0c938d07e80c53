#include "waymark/ledger/ledger.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <thread>

#include "append.hpp"
#include "chain.hpp"
#include "head.hpp"
#include "identity.hpp"
#include "integrity.hpp"
#include "schema.hpp"
#include "state.hpp"
#include "waymark/assessment/event_json.hpp"
#include "waymark/core/ids.hpp"
#include "waymark/core/keys.hpp"

namespace waymark::ledger {

namespace fs = std::filesystem;

namespace {

Result<std::string> pragma_value(Database& db, const std::string& sql) {
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::string();
    return s->column_text(0);
}

// Sets a pragma and reads it back: a pragma that silently did not take (WAL on a file
// system without shared memory, say) would void the durability promise.
Result<void> require_pragma(Database& db, const std::string& set, const std::string& get,
                            const std::string& expected, const std::string& meaning) {
    if (auto r = pragma_value(db, set); !r)
        return r.error();
    auto value = pragma_value(db, get);
    if (!value)
        return value.error();
    if (*value != expected)
        return make_error(ErrorCode::io, "the ledger " + db.file() + " could not be set to " +
                                             meaning + " (" + get + " is \"" + *value +
                                             "\", expected \"" + expected +
                                             "\"); nothing was recorded; move the ledger to "
                                             "a local disk and try again");
    return {};
}

Result<void> configure(Database& db, std::chrono::milliseconds busy_timeout) {
    const std::string ms = std::to_string(busy_timeout.count());
    if (auto r = require_pragma(db, "PRAGMA busy_timeout = " + ms, "PRAGMA busy_timeout", ms,
                                "wait for other programs");
        !r)
        return r;
    // A new ledger gets 16 KiB pages, fixed once its first table is written (an older
    // ledger keeps its 4 KiB): a commit then logs and copies a quarter as many pages, and
    // verify reads the file in a quarter as many reads, each a system call.
    if (auto r = db.exec("PRAGMA page_size = 16384"); !r)
        return r;
    if (auto r = require_pragma(db, "PRAGMA journal_mode = WAL", "PRAGMA journal_mode", "wal",
                                "write-ahead logging");
        !r)
        return r;
    if (auto r = require_pragma(db, "PRAGMA synchronous = FULL", "PRAGMA synchronous", "2",
                                "full durability");
        !r)
        return r;
    if (auto r = require_pragma(db, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1",
                                "checked references");
        !r)
        return r;
    // Erased personal data is overwritten in the file rather than left in free pages.
    return require_pragma(db, "PRAGMA secure_delete = ON", "PRAGMA secure_delete", "1",
                          "erase deleted data");
}

fs::path key_file(const fs::path& name, const char* extension) {
    return fs::path(name.string() + extension);
}

Result<std::optional<Ed25519PublicKey>> registered_key(Database& db, const std::string& device) {
    auto s = db.prepare("SELECT public_key FROM devices WHERE id = ?1");
    if (!s)
        return s.error();
    s->bind(1, device);
    auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Ed25519PublicKey>{};
    Ed25519PublicKey key;
    if (!from_hex(s->column_view(0), key.bytes))
        return make_error(ErrorCode::verification,
                          "the ledger " + db.file() +
                              " has a damaged device key record; run 'waymark ledger verify'");
    return std::optional<Ed25519PublicKey>{key};
}

// Loads the device key, or creates it with the device's record when the ledger has none.
Result<void> load_or_create_key(LedgerState& st, bool may_create) {
    auto registered = registered_key(st.db, st.device_id);
    if (!registered)
        return registered.error();
    const fs::path secret = key_file(st.key_name, ".key");
    std::error_code ec;
    if (st.read_only && *registered) {
        // A reader never signs, so it never needs the secret key: an auditor's copy of
        // the ledger may have none beside it, or one only its owner can read.
        st.public_key = **registered;
        return {};
    }
    if (fs::exists(secret, ec)) {
        auto key = read_secret_key(secret);
        if (!key)
            return key.error();
        if (*registered && key->public_key() != **registered)
            return make_error(ErrorCode::verification,
                              "the device key " + secret.string() +
                                  " does not belong to the ledger " + st.path.string() +
                                  " (the ledger was signed by key " + (*registered)->fingerprint() +
                                  ", this key is " + key->public_key().fingerprint() +
                                  "); restore the key that was created with this ledger");
        st.secret_key = *key;
        st.public_key = key->public_key();
    } else if (*registered) {
        st.public_key = **registered;  // readable and verifiable, but nothing can be recorded
        return {};
    } else if (st.read_only) {
        return make_error(ErrorCode::verification,
                          "the ledger " + st.path.string() +
                              " has no record of its device key: it was removed; run "
                              "'waymark ledger verify' on a copy and restore from a backup");
    } else {
        if (!may_create)
            return make_error(ErrorCode::not_found,
                              "the ledger " + st.path.string() + " has no device key");
        const Ed25519KeyPair pair = Ed25519KeyPair::generate();
        if (auto r = write_key_pair(st.key_name, pair); !r)
            return r;
        st.secret_key = pair.secret_key;
        st.public_key = pair.public_key;
    }
    if (!*registered && !st.read_only) {
        auto s = st.db.prepare("INSERT INTO devices(id, public_key) VALUES(?1, ?2)");
        if (!s)
            return s.error();
        s->bind(1, st.device_id);
        s->bind(2, to_hex(st.public_key.bytes));
        return s->run();
    }
    return {};
}

Result<std::string> meta_value(Database& db, std::string_view key) {
    auto s = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!s)
        return s.error();
    s->bind(1, key);
    auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return make_error(ErrorCode::verification, "the ledger " + db.file() + " has no " +
                                                       std::string(key) +
                                                       "; it is damaged or not a Waymark ledger");
    return s->column_text(0);
}

// Gives each learner not erased a salt and records a learner-updated event committing to
// their details, so that a ledger written before schema 3 has every row bound to the chain.
Result<void> bind_existing_learners(LedgerState& st, WriteHead& head) {
    std::vector<Learner> unbound;
    {
        auto s = st.db.prepare(
            "SELECT id, name, staff_id, email, team, role FROM learners"
            " WHERE erased_at IS NULL AND salt IS NULL ORDER BY rowid");
        if (!s)
            return s.error();
        auto read = each_row(*s, [&] {
            Learner l;
            l.id = s->column_text(0);
            l.person = Person{s->column_text(1), s->column_text(2), s->column_text(3),
                              s->column_text(4), s->column_text(5)};
            unbound.push_back(std::move(l));
        });
        if (!read)
            return read;
    }
    auto set_salt = st.db.prepare("UPDATE learners SET salt = ?2 WHERE id = ?1");
    if (!set_salt)
        return set_salt.error();
    for (const Learner& l : unbound) {
        const Salt salt = st.fresh_salt();
        set_salt->bind(1, l.id);
        set_salt->bind_blob(2, salt);
        if (auto r = set_salt->run(); !r)
            return r;
        NewEvent e{l.id,
                   {},
                   EventType::learner_updated,
                   write_payload(EventType::learner_updated,
                                 IdentityCommitment{person_commitment(l.id, salt, l.person)}),
                   {}};
        if (auto a = append_one(st, e, head); !a)
            return a.error();
    }
    return {};
}

// Brings the file to kSchemaVersion inside one write transaction: creates a new ledger
// or migrates an older one. Another process may be doing the same, hence the re-check.
Result<void> prepare_schema(LedgerState& st) {
    return in_write_transaction(st.db, [&]() -> Result<void> {
        auto version = user_version(st.db);
        if (!version)
            return version.error();
        if (*version > kSchemaVersion)
            return make_error(ErrorCode::usage,
                              "the ledger " + st.path.string() +
                                  " was written by a newer "
                                  "Waymark (schema " +
                                  std::to_string(*version) + ", this one knows up to " +
                                  std::to_string(kSchemaVersion) + "); use the newer Waymark");
        if (*version == kSchemaVersion)
            return {};
        // A ledger whose first signature is being made now: one just created, or one from
        // before signed heads (schema 1), whose chain is taken as it stands.
        bool first_signature = false;
        if (*version == 0) {
            auto tables = pragma_value(st.db, "SELECT count(*) FROM sqlite_master");
            if (!tables)
                return tables.error();
            if (*tables != "0")
                return make_error(ErrorCode::usage,
                                  st.path.string() +
                                      " is an SQLite file but not a Waymark ledger; "
                                      "choose another file with --ledger");
            if (auto r = create_version_1(st.db); !r)
                return r;
            auto insert = st.db.prepare(
                "INSERT INTO meta(key, value) VALUES('device_id', ?1), ('created_at', ?2)");
            if (!insert)
                return insert.error();
            insert->bind(1, st.fresh_id());
            insert->bind(2, format_iso8601(st.now()));
            if (auto r = insert->run(); !r)
                return r;
            version = 1;
        }
        auto device = meta_value(st.db, "device_id");
        if (!device)
            return device.error();
        st.device_id = *device;
        if (*version == 1) {
            if (auto r = migrate_1_to_2(st.db); !r)
                return r;
            if (auto r = load_or_create_key(st, true); !r)
                return r;
            if (auto r = rebuild_projections(st); !r)
                return r;
            first_signature = true;
            version = 2;
        }
        if (!st.secret_key)
            if (auto r = load_or_create_key(st, false); !r)
                return r;
        if (auto key = require_key(st); !key)
            return key.error();
        const bool from_2 = *version == 2;
        if (from_2)
            if (auto r = migrate_2_to_3(st.db); !r)
                return r;
        if (auto r = migrate_3_to_4(st.db); !r)
            return r;
        WriteHead head;
        if (from_2) {
            // Schema 2 to 3: learners bound to the chain.
            auto old_head = read_signed_head(st.db, st.device_id);  // format 1, if any
            if (!old_head)
                return old_head.error();
            if (first_signature || !*old_head) {
                auto end = read_chain_end(st.db, st.device_id);
                if (!end)
                    return end.error();
                if (!first_signature && end->seq != 0)
                    return make_error(ErrorCode::verification,
                                      "the ledger " + st.path.string() +
                                          " has events but no signed head, so it cannot be "
                                          "upgraded; run 'waymark ledger verify' with the "
                                          "Waymark that wrote it, and restore it from a backup");
                auto tally = tally_of_tables(st.db);
                if (!tally)
                    return tally.error();
                head.end = *end;
                head.tally = *tally;
                head.verified_to_tail = end->seq == 0;
            } else {
                auto loaded = load_write_head(st);
                if (!loaded)
                    return loaded.error();
                head = *loaded;
            }
            if (auto r = bind_existing_learners(st, head); !r)
                return r;
        } else {
            auto loaded = load_write_head(st);
            if (!loaded)
                return loaded.error();
            head = *loaded;
        }
        // Schema 3 to 4: the head signs the digest of the evidence rows, once they are
        // checked against the events they come from; a digest of edited rows would make
        // the edit look signed.
        VerifyReport rows;
        if (auto r = check_evidence_rows(st.db, rows); !r)
            return r;
        if (!rows.ok())
            return make_error(ErrorCode::verification,
                              "the ledger " + st.path.string() +
                                  " cannot be upgraded to this Waymark: " + rows.problems.front() +
                                  "; restore it from a backup, or rebuild its tables from its "
                                  "events with 'waymark ledger rebuild' in the Waymark that "
                                  "wrote it, then open it again");
        head.rows_match_events = true;
        if (auto r = track_row_changes(st.db); !r)
            return r;
        return sign_head(st, head);
    });
}

// Checkpoints the write-ahead log into the file and empties it, so that erased details
// no longer sit in the log's old page images. Another program reading the ledger holds
// the log; a few retries give it time to finish. False when it still held it.
bool clear_write_ahead_log(Database& db) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        auto s = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        if (s) {
            auto row = s->step();
            if (row && *row && s->column_int(0) == 0)
                return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

// The problems validate_person() found, as one error naming each field.
Error invalid_person(const std::vector<PersonProblem>& problems) {
    std::string message = "the learner cannot be added: ";
    for (std::size_t i = 0; i < problems.size(); ++i)
        message +=
            (i ? " " : "") + std::string(label(problems[i].field)) + ": " + problems[i].message;
    return make_error(ErrorCode::invalid, message);
}

Learner read_learner(const Statement& s) {
    Learner l;
    l.id = s.column_text(0);
    l.person = Person{s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4),
                      s.column_text(5)};
    l.enrolled_at = s.column_text(6);
    if (!s.column_is_null(7))
        l.erased_at = s.column_text(7);
    return l;
}

constexpr const char* kLearnerColumns =
    "SELECT id, name, staff_id, email, team, role, enrolled_at, erased_at FROM learners";

}  // namespace

Result<void> rebuild_projections(LedgerState& st) {
    if (auto r = st.projector->clear(); !r)
        return r;
    auto s = st.db.prepare(
        "SELECT position, id, device_id, seq, time, learner_id, course_id, course_version,"
        " course_digest, course_trusted, type, payload FROM events ORDER BY position");
    if (!s)
        return s.error();
    Event e;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        e.position = s->column_int(0);
        e.id = s->column_view(1);
        e.device_id = s->column_view(2);
        e.seq = s->column_int(3);
        e.time = s->column_view(4);
        e.learner_id = s->column_view(5);
        e.course.id = s->column_view(6);
        e.course.version = s->column_view(7);
        e.course.digest = s->column_view(8);
        e.course.trusted = s->column_int(9) != 0;
        e.type = s->column_view(10);
        e.payload = s->column_view(11);
        if (auto r = st.projector->apply(e); !r)
            return make_error(r.error().code, "event " + std::to_string(e.position) + " (" + e.id +
                                                  "): " + r.error().message);
    }
    return {};
}

Ledger::Ledger(std::unique_ptr<LedgerState> state) : state_(std::move(state)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

const fs::path& Ledger::path() const {
    return state_->path;
}
const std::string& Ledger::device_id() const {
    return state_->device_id;
}
const Ed25519PublicKey& Ledger::device_public_key() const {
    return state_->public_key;
}

namespace {

Error wiped(const fs::path& path) {
    return make_error(ErrorCode::verification,
                      "the ledger " + path.string() +
                          " is an empty file: it was wiped or truncated (its device key is "
                          "still beside it); nothing was changed; restore the ledger from a "
                          "backup made with 'waymark ledger backup'");
}

// Opens an existing ledger for reading only (OpenOptions::read_only): nothing is created,
// migrated or configured, since each of those writes.
Result<void> open_for_reading(LedgerState& st) {
    std::error_code ec;
    if (fs::exists(st.path, ec) && fs::is_regular_file(st.path, ec) &&
        fs::file_size(st.path, ec) == 0)
        return make_error(ErrorCode::verification,
                          "the ledger " + st.path.string() +
                              " is an empty file (0 bytes): it was wiped or truncated, or it "
                              "is not a ledger; restore it from a backup");
    auto db = Database::open_read_only(st.path);
    if (!db)
        return db.error();
    st.db = std::move(*db);
    auto version = user_version(st.db);
    if (!version)
        return version.error();
    if (*version != kSchemaVersion)
        return make_error(
            ErrorCode::usage,
            *version == 0
                ? st.path.string() + " is not a Waymark ledger; choose another file with --ledger"
                : "the ledger " + st.path.string() + " has schema " + std::to_string(*version) +
                      " and this Waymark reads schema " + std::to_string(kSchemaVersion) +
                      (*version < kSchemaVersion
                           ? "; on the device that keeps it, run 'waymark ledger rebuild "
                             "--ledger " +
                                 st.path.string() + "' once to upgrade it"
                           : "; use the newer Waymark that wrote it"));
    auto device = meta_value(st.db, "device_id");
    if (!device)
        return device.error();
    st.device_id = *device;
    return load_or_create_key(st, false);
}

}  // namespace

Result<Ledger> Ledger::open(const fs::path& path, const OpenOptions& options) {
    crypto_init();
    auto st = std::make_unique<LedgerState>();
    st->path = path;
    st->key_name = options.key_name.empty() ? path : options.key_name;
    st->new_id = options.new_id;
    st->clock = options.clock;
    st->read_only = options.read_only;
    if (options.read_only) {
        if (auto r = open_for_reading(*st); !r)
            return r.error();
        st->projector = std::make_unique<Projector>(st->db, "main");
        return Ledger(std::move(st));
    }
    std::error_code ec;
    if (options.create && path.has_parent_path() && !fs::exists(path.parent_path(), ec)) {
        fs::create_directories(path.parent_path(), ec);
        if (ec)
            return make_error(ErrorCode::io, "cannot create the folder " +
                                                 path.parent_path().string() + " for the ledger (" +
                                                 ec.message() + ")");
        fs::permissions(path.parent_path(), fs::perms::owner_all, ec);
    }
    // An empty file with a device key beside it is a ledger that was wiped, not a new one:
    // starting afresh there would hide that every record is gone.
    if (fs::exists(path, ec) && fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 &&
        fs::exists(key_file(st->key_name, ".key"), ec))
        return wiped(path);
    auto db = Database::open(path, options.create);
    if (!db)
        return db.error();
    st->db = std::move(*db);
    if (auto r = configure(st->db, options.busy_timeout); !r)
        return r.error();
    st->projector = std::make_unique<Projector>(st->db, "main");
    auto version = user_version(st->db);
    if (!version)
        return version.error();
    if (*version != kSchemaVersion) {
        if (auto r = prepare_schema(*st); !r)
            return r.error();
    } else {
        auto device = meta_value(st->db, "device_id");
        if (!device)
            return device.error();
        st->device_id = *device;
    }
    if (!st->secret_key) {
        if (auto r = load_or_create_key(*st, false); !r)
            return r.error();
    }
    if (auto r = track_row_changes(st->db); !r)
        return r.error();
    return Ledger(std::move(st));
}

Result<Learner> Ledger::add_learner(const Person& person) {
    if (auto problems = validate_person(person); !problems.empty())
        return invalid_person(problems);
    if (auto key = require_key(*state_); !key)
        return key.error();
    Learner learner;
    learner.id = state_->fresh_id();
    learner.person = tidied(person);
    learner.enrolled_at = format_iso8601(state_->now());
    auto& st = *state_;
    auto r = write_from_signed_head(st, [&](WriteHead& head) -> Result<void> {
        // Without regard to case (the rule in person.hpp), inside the write transaction so
        // that two programs adding the same person at once cannot both succeed. lower() is
        // ASCII only, as staff ids are.
        auto dup = st.db.prepare(
            "SELECT 1 FROM learners WHERE lower(staff_id) = lower(?1) AND erased_at IS NULL");
        if (!dup)
            return dup.error();
        Result<void> lookup;
        auto problems = validate_person(learner.person, [&](std::string_view staff_id) {
            dup->bind(1, staff_id);
            auto row = dup->step();
            if (!row)
                lookup = row.error();
            return row && *row;
        });
        if (!lookup)
            return lookup;
        if (!problems.empty())
            return invalid_person(problems);
        const Salt salt = st.fresh_salt();
        auto insert = st.db.prepare(
            "INSERT INTO learners(id, name, staff_id, email, team, role, enrolled_at, salt)"
            " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!insert)
            return insert.error();
        insert->bind(1, learner.id);
        insert->bind(2, learner.person.name);
        insert->bind(3, learner.person.staff_id);
        insert->bind(4, learner.person.email);
        insert->bind(5, learner.person.team);
        insert->bind(6, learner.person.role);
        insert->bind(7, learner.enrolled_at);
        insert->bind_blob(8, salt);
        if (auto i = insert->run(); !i)
            return i;
        NewEvent e{
            learner.id,
            {},
            EventType::learner_enrolled,
            write_payload(EventType::learner_enrolled,
                          IdentityCommitment{person_commitment(learner.id, salt, learner.person)}),
            parse_iso8601(learner.enrolled_at)};
        if (auto a = append_one(st, e, head); !a)
            return a.error();
        return {};
    });
    if (!r)
        return r.error();
    return learner;
}

Result<void> Ledger::for_each_learner(const std::function<bool(const Learner&)>& visit) {
    // By time, not text: a whole second is written without a fraction ("10:00:00Z"), and
    // as text it would sort after "10:00:00.400Z".
    auto s = state_->db.prepare(std::string(kLearnerColumns) +
                                " ORDER BY julianday(enrolled_at), rowid");
    if (!s)
        return s.error();
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row || !visit(read_learner(*s)))
            return {};
    }
}

Result<std::vector<Learner>> Ledger::learners() {
    std::vector<Learner> out;
    auto r = for_each_learner([&](const Learner& l) {
        out.push_back(l);
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

Result<Learner> Ledger::learner(std::string_view id) {
    auto s = state_->db.prepare(std::string(kLearnerColumns) + " WHERE id = ?1");
    if (!s)
        return s.error();
    s->bind(1, id);
    auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return make_error(ErrorCode::not_found, "there is no learner \"" + std::string(id) +
                                                    "\"; see 'waymark learner list' for the ids");
    return read_learner(*s);
}

Result<Erasure> Ledger::erase_learner(std::string_view id) {
    if (auto key = require_key(*state_); !key)
        return key.error();
    auto& st = *state_;
    std::string erased_at;
    auto r = write_from_signed_head(st, [&](WriteHead& head) -> Result<void> {
        auto existing = learner(id);
        if (!existing)
            return existing.error();
        if (existing->erased())
            return make_error(
                ErrorCode::usage,
                "learner " + std::string(id) + " was already erased on " + *existing->erased_at);
        auto update = st.db.prepare(kErasePersonSql);
        if (!update)
            return update.error();
        update->bind(1, id);
        const UtcTime now = st.now();
        erased_at = format_iso8601(now);
        update->bind(2, erased_at);
        if (auto u = update->run(); !u)
            return u;
        NewEvent e{std::string(id),
                   {},
                   EventType::learner_erased,
                   write_payload(EventType::learner_erased, NoFields{}),
                   now};
        if (auto a = append_one(st, e, head); !a)
            return a.error();
        return {};
    });
    if (!r)
        return r.error();
    Erasure out;
    if (st.db.in_transaction()) {
        st.clear_log_after_commit = true;
        out.removed_from_log = false;
    } else {
        out.removed_from_log = clear_write_ahead_log(st.db);
    }
    auto backups = st.db.prepare("SELECT path, made_at FROM backups ORDER BY rowid");
    if (!backups)
        return backups.error();
    auto listed = each_row(*backups, [&] {
        out.backups.push_back({backups->column_text(0), backups->column_text(1)});
    });
    if (!listed)
        return listed.error();
    return out;
}

Result<Event> Ledger::append(const NewEvent& event) {
    auto all = append(std::span<const NewEvent>(&event, 1));
    if (!all)
        return all.error();
    return std::move(all->front());
}

Result<std::vector<Event>> Ledger::append(std::span<const NewEvent> events) {
    for (const NewEvent& e : events)
        if (e.type == EventType::learner_enrolled || e.type == EventType::learner_erased)
            return make_error(ErrorCode::usage,
                              "learners are enrolled and erased with add_learner() and "
                              "erase_learner(), which also keep their personal details");
    return append_all(*state_, events, false);
}

Result<Event> Ledger::record_session(std::string_view learner_id, const CourseRef& course,
                                     bool started, std::optional<UtcTime> at) {
    const EventType type = started ? EventType::session_started : EventType::session_ended;
    return append(
        NewEvent{std::string(learner_id), course, type, write_payload(type, NoFields{}), at});
}

Result<Event> Ledger::record_page_view(std::string_view learner_id, const CourseRef& course,
                                       const PageViewed& page, std::optional<UtcTime> at) {
    if (page.page_id.empty() || page.pages_total <= 0)
        return make_error(ErrorCode::usage, "a page view needs a page id and the page count");
    return append(
        NewEvent{std::string(learner_id), course, EventType::page_viewed, write_payload(page), at});
}

Result<Event> Ledger::record_knowledge_check(std::string_view learner_id, const CourseRef& course,
                                             const assessment::PracticeAnswered& answer) {
    // The assessment module names it "practice-answered"; the ledger's type is the
    // issue's "knowledge-check-answered", and the payload keeps the module's form.
    auto json = canonical_json(assessment::write_practice_event(answer));
    if (!json)
        return json.error();
    const std::string from = R"({"type":"practice-answered")";
    std::string payload =
        std::string(R"({"type":"knowledge-check-answered")") + json->substr(from.size());
    return append(NewEvent{std::string(learner_id), course, EventType::knowledge_check_answered,
                           payload, answer.at});
}

Result<Event> Ledger::record_attempt_event(std::string_view learner_id, const CourseRef& course,
                                           const assessment::AttemptEvent& event) {
    // The ledger names attempt events as the assessment module does (event_json.hpp).
    const auto type = parse_event_type(assessment::event_type(event));
    if (!type)
        return make_error(ErrorCode::invalid, std::string("the ledger has no event type \"") +
                                                  assessment::event_type(event) + "\"");
    const UtcTime at = std::visit([](const auto& e) { return e.at; }, event);
    return append(NewEvent{std::string(learner_id), course, *type,
                           assessment::write_attempt_event(event), at});
}

Result<Event> Ledger::record_completion(std::string_view learner_id, const CourseRef& course,
                                        const CourseCompleted& completion,
                                        std::optional<UtcTime> at) {
    if (completion.refresher_months < 0 || completion.score < 0 || completion.score > 1)
        return make_error(ErrorCode::usage,
                          "a completion needs a score from 0 to 1 and refresher months >= 0");
    NewEvent e{std::string(learner_id), course, EventType::course_completed,
               write_payload(completion), at};
    auto all = append_all(*state_, std::span<const NewEvent>(&e, 1), true);
    if (!all)
        return all.error();
    return std::move(all->front());
}

Result<Event> Ledger::record_certificate(std::string_view learner_id, const CourseRef& course,
                                         const CertificateIssued& certificate) {
    return append(NewEvent{std::string(learner_id),
                           course,
                           EventType::certificate_issued,
                           write_payload(certificate),
                           {}});
}

Result<Event> Ledger::record_setting(std::string_view learner_id, const SettingChanged& setting) {
    if (setting.key.empty())
        return make_error(ErrorCode::usage, "a setting needs a name");
    return append(NewEvent{
        std::string(learner_id), {}, EventType::settings_changed, write_payload(setting), {}});
}

Result<void> Ledger::in_one_transaction(const std::function<Result<void>()>& body) {
    const bool outermost = !state_->db.in_transaction();
    auto r = in_write_transaction(state_->db, body);
    if (outermost && state_->clear_log_after_commit) {
        state_->clear_log_after_commit = false;
        clear_write_ahead_log(state_->db);
    }
    return r;
}

Result<void> Ledger::rebuild() {
    // Projections rebuilt from a chain that does not verify would launder a forgery.
    VerifyReport check;
    if (auto r = verify_database(state_->db, pinned_key(*state_), false, check); !r)
        return r;
    if (!check.ok())
        return make_error(ErrorCode::verification,
                          "the ledger " + state_->path.string() +
                              " does not verify, so its projections were not rebuilt: " +
                              check.problems.front() + "; run 'waymark ledger verify --ledger " +
                              state_->path.string() + "' for every problem");
    return write_from_signed_head(*state_, [&](WriteHead& head) {
        head.rows_match_events = true;
        return rebuild_projections(*state_);
    });
}

fs::path default_ledger_path() {
    if (const char* env = std::getenv("WAYMARK_LEDGER"); env && *env)
        return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return fs::path(xdg) / "waymark" / "ledger.db";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "waymark" / "ledger.db";
}

}  // namespace waymark::ledger
