// What a write needs from the device: its key (require_key refuses a write without it),
// signed checkpoints (written over a verified tail, listed back), and the ids events get
// (time-ordered UUIDs drawn from a pool of random bytes).
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>

#include "head.hpp"
#include "state.hpp"
#include "waymark/ledger/witness.hpp"

namespace waymark::ledger {

bool read_digest(const Statement& s, int column, Sha256Digest& out) {
    const auto blob = s.column_blob(column);
    if (blob.size() != out.size())
        return false;
    std::copy(blob.begin(), blob.end(), out.begin());
    return true;
}

namespace {

// Counts the forks this process has been through (it is 1 in a child, 2 in a grandchild).
// A pool compares it instead of calling getpid() per event id: a system call, which was
// 3% of a batched append on a virtual machine.
std::atomic<unsigned> forks_so_far{0};

unsigned fork_generation() {
    static std::once_flag registered;
    std::call_once(registered, [] {
        ::pthread_atfork(nullptr, nullptr,
                         [] { forks_so_far.fetch_add(1, std::memory_order_relaxed); });
    });
    return forks_so_far.load(std::memory_order_relaxed);
}

}  // namespace

std::span<const std::uint8_t, 10> RandomPool::take() {
    const unsigned generation = fork_generation();
    if (used_ + 10 > bytes_.size() || generation != generation_) {
        random_bytes(bytes_);
        used_ = 0;
        generation_ = generation;
    }
    const std::span<const std::uint8_t, 10> out(bytes_.data() + used_, 10);
    used_ += 10;
    return out;
}

std::string time_ordered_id(UtcTime now, std::span<const std::uint8_t, 10> random) {
    std::array<std::uint8_t, 16> b{};
    std::copy(random.begin(), random.end(), b.begin() + 6);
    const auto ms = static_cast<std::uint64_t>(now.time_since_epoch().count());
    for (int i = 0; i < 6; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x70);  // version 7
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC variant
    std::string hex = to_hex(b);
    for (const std::size_t dash : {20, 16, 12, 8})
        hex.insert(dash, 1, '-');
    return hex;
}

Result<const Ed25519SecretKey*> require_key(LedgerState& st) {
    if (!st.secret_key)
        return make_error(ErrorCode::not_found,
                          "the device key " + st.key_name.string() + ".key that signs the ledger " +
                              st.path.string() +
                              " is missing; nothing was recorded; restore it from your backup "
                              "(the ledger can still be read and verified without it)");
    return &*st.secret_key;
}

std::string checkpoint_message(std::string_view device, std::int64_t seq, const Sha256Digest& hash,
                               std::string_view time, std::string_view reason) {
    return "waymark-checkpoint-v1\n" + std::string(device) + "\n" + std::to_string(seq) + "\n" +
           to_hex(hash) + "\n" + std::string(time) + "\n" + std::string(reason) + "\n";
}

Result<Checkpoint> write_checkpoint(LedgerState& st, const ChainEnd& end, std::string_view reason) {
    auto key = require_key(st);
    if (!key)
        return key.error();
    Checkpoint c;
    c.device_id = st.device_id;
    c.seq = end.seq;
    c.head_hash = end.hash;
    c.time = format_iso8601(st.now());
    c.reason = reason;
    c.public_key = st.public_key;
    c.signature = sign(**key, checkpoint_message(c.device_id, c.seq, c.head_hash, c.time, reason));
    auto s = st.db.prepare(
        "INSERT OR IGNORE INTO checkpoints(device_id, seq, head_hash, time, reason, signature)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s)
        return s.error();
    s->bind(1, c.device_id);
    s->bind(2, c.seq);
    s->bind_blob(3, c.head_hash);
    s->bind(4, c.time);
    s->bind(5, c.reason);
    s->bind_blob(6, c.signature);
    if (auto r = s->run(); !r)
        return r.error();
    return c;
}

Result<Checkpoint> Ledger::checkpoint(std::string_view reason) {
    if (auto key = require_key(*state_); !key)
        return key.error();
    Checkpoint out;
    // Only over a tail the device signed: a checkpoint must never vouch for a forgery.
    auto r = write_from_signed_head(*state_, [&](WriteHead& head) -> Result<void> {
        auto c = write_checkpoint(*state_, head.end, reason);
        if (!c)
            return c.error();
        out = std::move(*c);
        return {};
    });
    if (!r)
        return r.error();
    return out;
}

Result<std::optional<Checkpoint>> Ledger::latest_checkpoint() {
    auto s = state_->db.prepare(
        "SELECT device_id, seq, head_hash, time, reason, signature FROM checkpoints"
        " WHERE device_id = ?1 ORDER BY id DESC LIMIT 1");
    if (!s)
        return s.error();
    s->bind(1, state_->device_id);
    auto row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Checkpoint>{};
    Checkpoint c;
    c.device_id = s->column_text(0);
    c.seq = s->column_int(1);
    (void)read_digest(*s, 2, c.head_hash);
    c.time = s->column_text(3);
    c.reason = s->column_text(4);
    const auto sig = s->column_blob(5);
    if (sig.size() == c.signature.size())
        std::copy(sig.begin(), sig.end(), c.signature.begin());
    c.public_key = state_->public_key;
    return std::optional<Checkpoint>{c};
}

}  // namespace waymark::ledger
