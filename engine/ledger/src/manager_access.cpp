// The manager passphrase: set by an administrator into the chain, checked at the device
// with a back-off that the ledger file keeps (sign_in.hpp says how and why).
//
// The back-off counter is the table manager_sign_in, one row for the device.
#include <sodium.h>

#include <algorithm>
#include <span>

#include "append.hpp"
#include "sign_in.hpp"
#include "state.hpp"
#include "waymark/core/crypto.hpp"

namespace waymark::ledger {

namespace {

constexpr std::size_t kMinPassphraseCharacters = 10;

// Characters, not bytes: "fewer than 10 characters" is what the person reads.
std::size_t utf8_characters(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Error locked(const LedgerState& st, const std::string& why) {
    return make_error(ErrorCode::verification,
                      "the manager area stays locked: " + why +
                          "; run 'waymark ledger verify "
                          "--ledger " +
                          st.path.string() +
                          "' to see what changed, restore the "
                          "ledger from a backup, or set a new passphrase with 'waymark manager "
                          "passphrase'");
}

// The Argon2id string of this device's latest manager-passphrase-set, if any.
Result<std::optional<std::string>> current_hash(LedgerState& st) {
    auto payload = latest_signed_payload(st, "", EventType::manager_passphrase_set,
                                         [&](const std::string& why) { return locked(st, why); });
    if (!payload)
        return payload.error();
    if (!*payload)
        return std::optional<std::string>{};
    auto set = read_manager_passphrase_set(**payload);
    const bool readable = set && set->argon2id.starts_with("$argon2id$") &&
                          set->argon2id.size() < crypto_pwhash_STRBYTES;
    if (!readable)
        return make_error(ErrorCode::verification,
                          "the manager passphrase recorded in the ledger " + st.path.string() +
                              " is damaged, so nobody can sign in as a manager; run 'waymark "
                              "ledger verify', then set a new one with 'waymark manager "
                              "passphrase'");
    return std::optional<std::string>{std::move(set->argon2id)};
}

FailureStore manager_failures(LedgerState& st) {
    FailureStore store;
    store.read = [&st](UtcTime now) -> Result<FailureCount> {
        auto s = st.db.prepare("SELECT failures, last_failure FROM manager_sign_in WHERE id = 1");
        if (!s)
            return s.error();
        return failure_count_of(*s, now);
    };
    store.write = [&st](std::int64_t failures, UtcTime at) -> Result<void> {
        auto put = st.db.prepare(
            "INSERT INTO manager_sign_in(id, failures, last_failure) VALUES(1, ?1, ?2)"
            " ON CONFLICT(id) DO UPDATE SET failures = excluded.failures,"
            " last_failure = excluded.last_failure");
        if (!put)
            return put.error();
        put->bind(1, failures);
        put->bind(2, format_iso8601(at));
        return put->run();
    };
    store.clear = [&st] { return st.db.exec("DELETE FROM manager_sign_in"); };
    return store;
}

}  // namespace

Result<void> Ledger::set_manager_passphrase(std::string_view passphrase, PassphraseCost cost) {
    auto& st = *state_;
    if (utf8_characters(passphrase) < kMinPassphraseCharacters)
        return make_error(ErrorCode::invalid,
                          "the manager passphrase must have at least 10 characters; a few "
                          "words are easier to remember and harder to guess");
    // Before hashing, which takes a moment and 64 MiB: without the key nothing is recorded.
    if (auto key = require_key(st); !key)
        return key.error();
    auto hash = argon2id_hash(passphrase, cost);
    if (!hash)
        return hash.error();
    // Field by field: GCC 12 at -O3 warns that the braced CourseRef{} may be uninitialised.
    NewEvent event;
    event.type = EventType::manager_passphrase_set;
    event.payload = write_payload(ManagerPassphraseSet{*hash});
    return in_write_transaction(st.db, [&]() -> Result<void> {
        if (auto r = append_all(st, std::span<const NewEvent>(&event, 1), false); !r)
            return r.error();
        // Wrong guesses at the old passphrase say nothing about the new one.
        return manager_failures(st).clear();
    });
}

Result<bool> Ledger::has_manager_passphrase() {
    auto hash = current_hash(*state_);
    if (!hash)
        return hash.error();
    return hash->has_value();
}

Result<ManagerSignIn> Ledger::check_manager_passphrase(std::string_view passphrase,
                                                       PassphraseCost least) {
    auto& st = *state_;
    auto hash = current_hash(st);
    if (!hash)
        return hash.error();
    if (!*hash)
        return ManagerSignIn{ManagerSignIn::Outcome::not_set, 0, std::chrono::seconds{0}};
    // Before counting the try: no passphrase could open it, so it is not a guess.
    if (!costs_at_least(**hash, least))
        return make_error(ErrorCode::verification,
                          "the manager passphrase recorded in the ledger " + st.path.string() +
                              " was hashed with less work than this program accepts, so it "
                              "opens nothing (only tests set such a one); set a new one with "
                              "'waymark manager passphrase'");
    return check_with_back_off(st, manager_failures(st), **hash, passphrase);
}

}  // namespace waymark::ledger
