// Ledger::verify(): the whole check an auditor runs. Each device's chain from its first
// event (re-hashed and followed link by link), the signed heads and the counts they sign,
// every checkpoint's signature and event, the witnesses given or kept, the identities,
// SQLite's own page check and (with VerifyOptions::projections) every projection row
// against the events. check_heads(), check_witnesses() and friends are shared with
// check_evidence() (evidence.cpp) through integrity.hpp.
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <vector>

#include "chain.hpp"
#include "head.hpp"
#include "identity.hpp"
#include "integrity.hpp"
#include "projection_check.hpp"
#include "state.hpp"
#include "witnesses.hpp"

namespace waymark::ledger {

void add_problem(VerifyReport& report, std::string problem, std::optional<std::int64_t> position) {
    constexpr std::size_t kMaxProblems = 50;
    if (position && (!report.first_bad_position || *position < *report.first_bad_position))
        report.first_bad_position = position;
    if (report.problems.size() < kMaxProblems)
        report.problems.push_back(std::move(problem));
}

void add_problems(VerifyReport& into, VerifyReport from) {
    for (std::string& problem : from.problems)
        add_problem(into, std::move(problem));
    if (from.first_bad_position &&
        (!into.first_bad_position || *from.first_bad_position < *into.first_bad_position))
        into.first_bad_position = from.first_bad_position;
}

Sha256Digest hash_of_row(const Statement& s, const Sha256Digest& prev, std::string& bytes) {
    canonical_event_bytes(
        EventFields{s.column_view(1), s.column_view(2), s.column_int(3), s.column_view(4),
                    s.column_view(5), s.column_view(6), s.column_view(7), s.column_view(8),
                    s.column_int(9) != 0, s.column_view(10), s.column_view(11)},
        bytes);
    return chain_hash(prev, bytes);
}

namespace {

// An event as the chain check read it: its columns, and its stored hashes.
struct FedEvent {
    EventRow row;
    std::string_view device;
    std::int64_t seq = 0;
    const Sha256Digest* prev = nullptr;
    const Sha256Digest* hash = nullptr;
};

// True when `e` hashes to its stored hash (`bytes` is scratch space).
bool hash_matches(const FedEvent& e, std::string& bytes) {
    const EventRow& r = e.row;
    canonical_event_bytes(
        EventFields{r.id, e.device, e.seq, r.time, r.learner, r.course_id, r.course_version,
                    r.course_digest, r.trusted, r.type, r.payload},
        bytes);
    return chain_hash(*e.prev, bytes) == *e.hash;
}

// The events the chain check reads, handed in file order (in blocks of their columns
// copied end to end) to a second thread that hashes them and replays the projections
// from them, so that verify reads each event once and the work is shared by two cores.
// At most kBlocksWaiting blocks wait at a time: a few MiB, whatever the ledger's size.
// Whichever side is ahead hashes: a block is hashed before it is handed over when the
// other side is behind (kBehind blocks waiting), so the two take about as long.
class EventFeed {
  public:
    // The reading side: a row of a kChainColumns query whose stored hashes are `prev`
    // and `hash`, copied; `device` and `type` are its columns as the caller read them
    // (each column read costs SQLite a few calls).
    void add(const Statement& s, std::string_view device, std::string_view type,
             const Sha256Digest& prev, const Sha256Digest& hash) {
        Block& b = *filling_;
        Block::Entry& entry = b.entries.emplace_back();
        entry.position = s.column_int(0);
        entry.seq = s.column_int(3);
        entry.trusted = s.column_int(9) != 0;
        entry.prev = prev;
        entry.hash = hash;
        // EventRow's text columns in its order, then the device.
        const std::string_view fields[Block::kFields] = {s.column_view(1),
                                                         s.column_view(4),
                                                         s.column_view(5),
                                                         s.column_view(6),
                                                         s.column_view(7),
                                                         s.column_view(8),
                                                         type,
                                                         s.column_view(11),
                                                         device};
        for (int f = 0; f < Block::kFields; ++f) {
            entry.start[f] = static_cast<std::uint32_t>(b.bytes.size());
            b.bytes.append(fields[f]);
        }
        entry.start[Block::kFields] = static_cast<std::uint32_t>(b.bytes.size());
        if (b.bytes.size() >= kBlockBytes || b.entries.size() >= kBlockEvents)
            send();
    }

    // No more events; `whole` when every event was added. Only the first call counts.
    void close(bool whole) {
        std::unique_lock lock(mutex_);
        if (closed_)
            return;
        if (!filling_->entries.empty())
            waiting_.push_back(std::move(filling_));
        closed_ = true;
        whole_ = whole;
        changed_.notify_all();
    }

    // The other side stops taking events (it failed): the reading side no longer waits.
    void stop() {
        std::unique_lock lock(mutex_);
        stopped_ = true;
        waiting_.clear();
        changed_.notify_all();
    }

    // The reading side: false when an event this side hashed did not match.
    bool hashes_here_match() const { return hashes_match_; }

    // The other side: calls `visit(event, hashed)` on each event, in order; `hashed`
    // when the reading side has checked its hash already. True when every event was
    // added.
    template <typename Visit>
    bool each(Visit&& visit) {
        std::unique_ptr<Block> block;
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                if (block) {
                    block->clear();
                    spare_.push_back(std::move(block));
                }
                changed_.wait(lock, [&] { return !waiting_.empty() || closed_; });
                if (waiting_.empty())
                    return whole_;
                block = std::move(waiting_.front());
                waiting_.pop_front();
                changed_.notify_all();
            }
            for (std::size_t i = 0; i < block->entries.size(); ++i)
                visit(block->event(i), block->hashed);
        }
    }

  private:
    static constexpr std::size_t kBlockBytes = 256 << 10, kBlockEvents = 1024, kBlocksWaiting = 6,
                                 kBehind = 2;

    struct Block {
        static constexpr int kFields = 9;
        struct Entry {
            std::int64_t position, seq;
            bool trusted;
            Sha256Digest prev, hash;
            std::uint32_t start[kFields + 1];
        };
        std::string bytes;
        std::vector<Entry> entries;
        bool hashed = false;

        FedEvent event(std::size_t i) const {
            const Entry& e = entries[i];
            const auto field = [&](int f) {
                return std::string_view(bytes).substr(e.start[f], e.start[f + 1] - e.start[f]);
            };
            return FedEvent{EventRow{e.position, field(0), field(1), field(2), field(3), field(4),
                                     field(5), field(6), field(7), e.trusted},
                            field(8), e.seq, &e.prev, &e.hash};
        }
        void clear() {
            bytes.clear();
            entries.clear();
            hashed = false;
        }
    };

    void send() {
        bool behind;
        {
            std::unique_lock lock(mutex_);
            behind = waiting_.size() >= kBehind;
        }
        if (behind) {
            for (std::size_t i = 0; i < filling_->entries.size() && hashes_match_; ++i)
                hashes_match_ = hash_matches(filling_->event(i), scratch_);
            filling_->hashed = true;
        }
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return waiting_.size() < kBlocksWaiting || stopped_; });
        if (stopped_) {
            filling_->clear();
            return;
        }
        waiting_.push_back(std::move(filling_));
        changed_.notify_all();
        if (spare_.empty()) {
            filling_ = std::make_unique<Block>();
        } else {
            filling_ = std::move(spare_.back());
            spare_.pop_back();
        }
    }

    // The reading side's.
    std::unique_ptr<Block> filling_ = std::make_unique<Block>();
    bool hashes_match_ = true;
    std::string scratch_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<Block>> waiting_;
    std::vector<std::unique_ptr<Block>> spare_;
    bool closed_ = false, whole_ = false, stopped_ = false;
};

// Reads the events in file order, which SQLite does without an index, and follows each
// device's chain from event to event. True when every chain is whole: each event is the
// next of its device's sequence, links to the one before and matches its hash. Then
// `ends` holds each chain's end and nothing else needs to be read; otherwise the ends are
// incomplete and check_chains() finds and names the problems. The two agree: file order
// with each device's sequence numbers consecutive is the chain order with positions
// rising, which is what check_chains() requires. With a `feed`, each event that links
// is added to it instead of hashed here: the chains are whole only if the other side
// finds every hash matching too.
Result<bool> chains_whole_in_file_order(Database& db, std::map<std::string, ChainEnd>& ends,
                                        std::int64_t& events, Tally& tally, EventFeed* feed) {
    auto s = db.prepare(std::string(kChainColumns) + " ORDER BY position");
    if (!s)
        return s.error();
    std::string bytes;
    Sha256Digest stored_prev{}, stored{};
    auto end = ends.end();
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return true;
        ++events;
        const std::string_view device = s->column_view(2);
        if (end == ends.end() || end->first != device)
            end = ends.try_emplace(std::string(device), ChainEnd{0, kGenesisHash}).first;
        if (s->column_int(3) != end->second.seq + 1 || !read_digest(*s, 12, stored_prev) ||
            !read_digest(*s, 13, stored) || stored_prev != end->second.hash)
            return false;
        const std::string_view type = s->column_view(10);
        if (feed)
            feed->add(*s, device, type, stored_prev, stored);
        else if (hash_of_row(*s, stored_prev, bytes) != stored)
            return false;
        end->second = ChainEnd{end->second.seq + 1, stored};
        tally.count(type);
    }
}

Result<void> check_chains(Database& db, VerifyReport& report, std::map<std::string, ChainEnd>& ends,
                          Tally& tally) {
    auto s = db.prepare(std::string(kChainColumns) + " ORDER BY device_id, seq");
    if (!s)
        return s.error();
    std::string device, bytes;
    std::int64_t expected = 1, last_position = 0;
    Sha256Digest prev = kGenesisHash, stored_prev{}, stored{};
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ++report.events_checked;
        tally.count(s->column_view(10));
        const std::int64_t position = s->column_int(0);
        const std::string_view dev = s->column_view(2);
        const std::int64_t seq = s->column_int(3);
        if (dev != device) {
            device = dev;
            expected = 1;
            last_position = 0;
            prev = kGenesisHash;
        }
        const std::string name = event_name(position, dev, seq);
        if (seq != expected)
            add_problem(report,
                        name + ": sequence " +
                            (seq - 1 == expected
                                 ? std::to_string(expected)
                                 : std::to_string(expected) + " to " + std::to_string(seq - 1)) +
                            " of this device's chain is missing: events were deleted",
                        position);
        if (position <= last_position)
            add_problem(report,
                        name +
                            ": it comes before the event it follows in the chain: "
                            "events were reordered",
                        position);
        if (!read_digest(*s, 12, stored_prev) || !read_digest(*s, 13, stored)) {
            add_problem(report, name + ": its hash is damaged", position);
            stored = prev;
        } else {
            if (stored_prev != prev)
                add_problem(report,
                            name +
                                ": it does not link to the event before it: "
                                "events were removed, added or reordered",
                            position);
            if (hash_of_row(*s, stored_prev, bytes) != stored)
                add_problem(report,
                            name +
                                ": its content does not match its hash: the event "
                                "was changed after it was recorded",
                            position);
        }
        prev = stored;
        expected = seq + 1;
        last_position = position;
        ends[device] = ChainEnd{seq, stored};
    }
    return {};
}

template <std::size_t N>
bool read_bytes(const Statement& s, int column, std::array<std::uint8_t, N>& out) {
    const auto blob = s.column_blob(column);
    if (blob.size() != N)
        return false;
    std::copy(blob.begin(), blob.end(), out.begin());
    return true;
}

Result<std::map<std::string, Ed25519PublicKey>> device_keys(Database& db, VerifyReport& report) {
    std::map<std::string, Ed25519PublicKey> keys;
    auto s = db.prepare("SELECT id, public_key FROM devices");
    if (!s)
        return s.error();
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return keys;
        Ed25519PublicKey key;
        if (!from_hex(s->column_view(1), key.bytes))
            add_problem(report, "the public key of device " + short_device_id(s->column_view(0)) +
                                    " is damaged");
        keys[s->column_text(0)] = key;
    }
}

}  // namespace

Result<OwnDevice> own_device(Database& db) {
    auto s = db.prepare("SELECT value FROM meta WHERE key = 'device_id'");
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    return OwnDevice{*row ? s->column_text(0) : std::string(), std::nullopt};
}

Result<void> check_heads(Database& db, const std::optional<PinnedKey>& pinned,
                         const std::map<std::string, ChainEnd>& ends, OwnDevice& own,
                         VerifyReport& report) {
    VerifyReport key_problems;
    auto found = device_keys(db, key_problems);
    if (!found)
        return found.error();
    const auto& keys = *found;
    add_problems(report, std::move(key_problems));
    if (pinned) {
        const auto it = keys.find(pinned->device_id);
        if (it == keys.end() || it->second != pinned->key)
            add_problem(report,
                        "this ledger's own device key record does not match the device "
                        "key file (fingerprint " +
                            pinned->key.fingerprint() + "): the key record was replaced");
    }
    std::map<std::string, bool> has_head;
    {
        auto s = db.prepare(std::string("SELECT ") + kHeadColumns + " FROM heads");
        if (!s)
            return s.error();
        for (;;) {
            auto row = s->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            const std::string device = s->column_text(0);
            has_head[device] = true;
            const auto head = read_signed_head_row(*s);
            const auto key = keys.find(device);
            if (key == keys.end() || !head ||
                !verify(key->second, head_message(*head), head->signature)) {
                add_problem(report, "the signed head of device " + short_device_id(device) +
                                        " has a bad signature: it was changed or forged");
                continue;
            }
            if (device == own.device_id)
                own.head = *head;
            const std::int64_t seq = head->end.seq;
            const auto end = ends.find(device);
            const std::int64_t last = end == ends.end() ? 0 : end->second.seq;
            if (seq > last)
                add_problem(report, "device " + short_device_id(device) +
                                        " signed its chain up to sequence " + std::to_string(seq) +
                                        " but the chain ends at " + std::to_string(last) +
                                        ": events were removed from the end");
            else if (seq < last)
                add_problem(report, "device " + short_device_id(device) +
                                        "'s chain goes on to sequence " + std::to_string(last) +
                                        " after its signed head at " + std::to_string(seq) +
                                        ": events were added without the device key");
            else if (end != ends.end() && end->second.hash != head->end.hash)
                add_problem(report, "the last event of device " + short_device_id(device) +
                                        " does not match its signed head: it was replaced");
        }
    }
    for (const auto& [device, end] : ends)
        if (!has_head.contains(device))
            add_problem(report, "device " + short_device_id(device) + "'s chain (" +
                                    std::to_string(end.seq) +
                                    " events) has no signed head: the signature was removed");
    // A device signs a head when its ledger is created, so even a ledger with no events
    // has one: without it, the ledger's events, heads and checkpoints were wiped.
    if (!own.device_id.empty() && !has_head.contains(own.device_id))
        add_problem(report, "this ledger's own device " + short_device_id(own.device_id) +
                                " has no signed head: its events and signatures were deleted");
    return {};
}

Result<void> check_checkpoints(Database& db, VerifyReport& report) {
    auto keys = device_keys(db, report);
    if (!keys)
        return keys.error();
    auto s = db.prepare(
        "SELECT c.id, c.device_id, c.seq, c.head_hash, c.time, c.reason, c.signature,"
        " e.hash FROM checkpoints c LEFT JOIN events e"
        " ON e.device_id = c.device_id AND e.seq = c.seq ORDER BY c.id");
    if (!s)
        return s.error();
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ++report.checkpoints_checked;
        const std::string id = std::to_string(s->column_int(0));
        const std::string device = s->column_text(1);
        const std::int64_t seq = s->column_int(2);
        Sha256Digest hash{}, event_hash{};
        Ed25519Signature sig{};
        const auto key = keys->find(device);
        const bool readable = read_bytes(*s, 3, hash) && read_bytes(*s, 6, sig);
        if (key == keys->end() || !readable ||
            !verify(key->second,
                    checkpoint_message(device, seq, hash, s->column_view(4), s->column_view(5)),
                    sig)) {
            add_problem(report, "checkpoint " + id + " (sequence " + std::to_string(seq) +
                                    " of device " + short_device_id(device) +
                                    ") has a bad signature: it was changed or forged");
            continue;
        }
        if (s->column_is_null(7))
            add_problem(report, "checkpoint " + id + " covers sequence " + std::to_string(seq) +
                                    " of device " + short_device_id(device) +
                                    ", which is missing: events were deleted");
        else if (!read_bytes(*s, 7, event_hash) || event_hash != hash)
            add_problem(report, "checkpoint " + id + " does not match sequence " +
                                    std::to_string(seq) + " of device " + short_device_id(device) +
                                    ": the chain was rewritten");
    }
    return {};
}

namespace {

// SQLite's own check of the file's pages and indexes (PRAGMA quick_check).
Result<void> check_file_integrity(Database& db, VerifyReport& report) {
    auto quick = db.prepare("PRAGMA main.quick_check");
    if (!quick)
        return quick.error();
    for (;;) {
        auto row = quick->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        if (quick->column_view(0) != "ok")
            add_problem(report, "SQLite reports damage: " + quick->column_text(0));
    }
}

// The events_by_learner index read as the projection check compares it, handed from
// the file check's thread, which has time to spare, to the projection check's, which
// needs it at its end. Empty when it could not be read there.
struct IndexHandOver {
    SumKey key = random_sum_key();
    std::promise<std::optional<LearnerIndexSum>> read;
    std::future<std::optional<LearnerIndexSum>> done = read.get_future();
};

// SQLite's file check in a thread of its own, on a connection of its own: it reads
// every page of the file, a third of the file's reading, and waits for nothing. With
// `index`, first reads that for the projection check. No report when that connection
// cannot be opened.
Result<std::optional<VerifyReport>> check_file_on_own_connection(const std::string& file,
                                                                 IndexHandOver* index) {
    auto db = Database::open_read_only(file);
    if (index) {
        std::optional<LearnerIndexSum> read;
        if (db)
            if (auto r = read_learner_index(*db, index->key))
                read = *r;
        index->read.set_value(read);
    }
    if (!db)
        return std::optional<VerifyReport>{};
    VerifyReport report;
    if (auto r = check_file_integrity(*db, report); !r)
        return r.error();
    return std::optional<VerifyReport>{std::move(report)};
}

// The second thread's work on the events the chain check feeds it: the hash of each
// event the reading side did not hash (`hashes` is set once every event is through:
// true when every one it hashed matched) and, with
// `projections`, the projection check, on a connection of its own in its own read
// transaction: the projections change in the same transactions as the events, so any
// snapshot of the file is consistent. Only when the replay in file order does not find
// every table as the events give it (or gives up) are the events read again, learner
// by learner, to name what differs. No report when that connection cannot be opened,
// or without `projections`. With `index`, the file check's thread reads
// events_by_learner for the replay.
Result<std::optional<VerifyReport>> check_fed_events(const std::string& file, EventFeed& feed,
                                                     std::promise<bool>& hashes, bool projections,
                                                     IndexHandOver* index) {
    Result<Database> db = make_error(ErrorCode::not_found, "no projection check");
    std::optional<FileOrderReplay> replay;
    if (projections) {
        db = Database::open_read_only(file);
        if (db && db->exec("BEGIN"))
            replay.emplace(FileOrderReplay::kDefaultBudget, index ? index->key : random_sum_key());
    }
    bool hashed = true;
    std::string bytes;
    bool whole = false;
    try {
        whole = feed.each([&](const FedEvent& e, bool hashed_there) {
            if (hashed && !hashed_there)
                hashed = hash_matches(e, bytes);
            if (replay)
                replay->apply(e.row);
        });
    } catch (...) {
        // Out of memory, say: the reading side must not wait for this one.
        feed.stop();
        hashes.set_exception(std::current_exception());
        throw;
    }
    hashes.set_value(whole && hashed);
    if (!replay)
        return std::optional<VerifyReport>{};
    VerifyReport report;
    auto r = [&]() -> Result<void> {
        if (whole) {
            auto all =
                replay->matches(*db, index ? index->done.get() : std::optional<LearnerIndexSum>{});
            if (!all)
                return all.error();
            if (*all)
                return {};
        }
        replay.reset();
        return compare_projections(*db, report);
    }();
    (void)db->exec("ROLLBACK");
    if (!r)
        return r.error();
    return std::optional<VerifyReport>{std::move(report)};
}

// The report of a check run in another thread, added to `report`; false when it could
// not run there (its connection could not be opened), so it must run here.
Result<bool> add_report(std::future<Result<std::optional<VerifyReport>>>& check,
                        VerifyReport& report) {
    auto other = check.get();
    if (!other)
        return other.error();
    if (!*other)
        return false;
    add_problems(report, std::move(**other));
    return true;
}

}  // namespace

// The counts the device signed in its head against the events counted in the chain and
// the rows of the tables that must hold one row per such event.
Result<void> check_tally(Database& db, const OwnDevice& own, const Tally& counted,
                         bool check_tables, VerifyReport& report) {
    if (!own.head || own.head->format < 2)
        return {};
    const Tally& signed_tally = own.head->tally;
    auto tables = tally_of_tables(db);
    if (!tables)
        return tables.error();
    const struct {
        const char* what;
        std::int64_t Tally::*field;
        const char* table;
    } kinds[] = {{"learner-enrolled", &Tally::learners, "learners"},
                 {"course-completed", &Tally::completions, "completions"},
                 {"certificate-issued", &Tally::certificates, "certificates"}};
    for (const auto& k : kinds) {
        const std::int64_t expected = signed_tally.*k.field;
        if (counted.*k.field != expected)
            add_problem(report, "the chain holds " + std::to_string(counted.*k.field) + " " +
                                    k.what + " events but the device signed " +
                                    std::to_string(expected) + ": events were added or removed");
        if (check_tables && (*tables).*k.field != expected)
            add_problem(report, "the " + std::string(k.table) + " table has " +
                                    std::to_string((*tables).*k.field) +
                                    " rows but the device "
                                    "signed " +
                                    std::to_string(expected) + ": rows were " +
                                    ((*tables).*k.field > expected ? "added" : "deleted"));
    }
    return {};
}

// Checkpoints witnessed outside the file: kept in the witnessed table by merges, and
// given to this verify.
Result<void> check_witnesses(Database& db, const std::vector<Witness>& given,
                             VerifyReport& report) {
    auto kept = witnessed(db);
    if (!kept)
        return kept.error();
    const std::vector<Witness>* const lists[] = {&*kept, &given};
    for (const std::vector<Witness>* list : lists)
        for (const Witness& w : *list)
            if (auto r = check_witness(db, w, report); !r)
                return r.error();
    return {};
}

std::optional<PinnedKey> pinned_key(const LedgerState& st) {
    if (!st.secret_key)
        return std::nullopt;
    return PinnedKey{st.device_id, st.public_key};
}

Result<void> verify_database(Database& db, const std::optional<PinnedKey>& pinned,
                             bool check_projections, VerifyReport& report,
                             const std::vector<Witness>& witnesses) {
    // SQLite's file check and the projections run in other threads while the chains are
    // checked here: the projection check takes the events from the chain check as it
    // reads them, and the file check reads the file on its own. So on two cores verify
    // takes about as long as the chains.
    EventFeed feed;
    std::promise<bool> hashes;
    std::future<bool> hashes_match = hashes.get_future();
    IndexHandOver index;
    std::future<Result<std::optional<VerifyReport>>> file_check, projections;
    try {
        file_check = std::async(std::launch::async, check_file_on_own_connection, db.file(),
                                check_projections ? &index : nullptr);
        projections =
            std::async(std::launch::async, check_fed_events, db.file(), std::ref(feed),
                       std::ref(hashes), check_projections, check_projections ? &index : nullptr);
    } catch (const std::system_error&) {
        // No thread to be had: checked here, the file first and the projections last.
    }
    // Whatever happens here, the projection check must not wait for more events.
    struct CloseFeed {
        EventFeed& feed;
        ~CloseFeed() { feed.close(false); }
    } close_feed{feed};
    auto file_check_report = [&]() -> Result<void> {
        if (!file_check.valid())
            return {};
        auto done = add_report(file_check, report);
        if (!done)
            return done.error();
        if (!*done)
            return check_file_integrity(db, report);
        return {};
    };
    auto body = [&]() -> Result<void> {
        if (auto r = db.exec("BEGIN"); !r)
            return r;
        if (!file_check.valid())
            if (auto r = check_file_integrity(db, report); !r)
                return r;
        std::map<std::string, ChainEnd> ends;
        std::int64_t events = 0;
        Tally counted;
        auto whole = chains_whole_in_file_order(db, ends, events, counted,
                                                projections.valid() ? &feed : nullptr);
        feed.close(whole && *whole);
        if (!whole)
            return whole.error();
        if (*whole && projections.valid())
            *whole = hashes_match.get() && feed.hashes_here_match();
        if (*whole) {
            report.events_checked += events;
        } else {
            ends.clear();
            counted = Tally{};
            if (auto r = check_chains(db, report, ends, counted); !r)
                return r;
        }
        auto own = own_device(db);
        if (!own)
            return own.error();
        if (auto r = check_heads(db, pinned, ends, *own, report); !r)
            return r;
        if (auto r = check_checkpoints(db, report); !r)
            return r;
        if (auto r = check_tally(db, *own, counted, check_projections, report); !r)
            return r;
        if (auto r = check_identities(db, report); !r)
            return r;
        if (auto r = check_witnesses(db, witnesses, report); !r)
            return r;
        auto trigger = foreign_trigger(db);
        if (!trigger)
            return trigger.error();
        if (*trigger)
            add_problem(report, "the ledger " + foreign_trigger_problem(**trigger));
        if (!check_projections) {
            if (projections.valid())
                if (auto r = projections.get(); !r)
                    return r.error();
            return file_check_report();
        }
        // What reports trust the rows by; the projections below name the rows that differ.
        if (own->head && own->head->rows) {
            auto rows = digest_of_rows(db, RowRange{}, true);
            if (!rows)
                return rows.error();
            if (*rows != *own->head->rows)
                add_problem(report,
                            "the learners, completions, certificates or settings tables are not "
                            "the rows this device signed: a row was edited, added or removed");
        }
        if (auto r = file_check_report(); !r)
            return r;
        if (projections.valid()) {
            auto done = add_report(projections, report);
            if (!done)
                return done.error();
            if (*done)
                return {};
        }
        return compare_projections(db, report);
    };
    Result<void> result = body();
    if (db.in_transaction())
        (void)db.exec("ROLLBACK");
    return result;
}

Result<VerifyReport> Ledger::verify(const VerifyOptions& options) {
    VerifyReport report;
    if (auto r = verify_database(state_->db, pinned_key(*state_), options.projections, report,
                                 options.witnesses);
        !r)
        return r.error();
    return report;
}

}  // namespace waymark::ledger
