// The manager passphrase kept in the ledger: set with the device key, stored as an
// Argon2id hash in the chain, checked with a back-off the ledger file remembers.
#include <sodium.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "chain.hpp"
#include "ledger_fixture.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple";
constexpr const char* kWrong = "incorrect horse battery staple";

using Outcome = ManagerSignIn::Outcome;

// A ledger whose clock the test moves, so the back-off is tested without sleeping.
// Passphrases are hashed at PassphraseCost::test_minimum unless a test says otherwise:
// at the standard cost each hash takes a good part of a second, and these tests make
// dozens.
class ManagerAccessTest : public LedgerTest {
  protected:
    Ledger open_at_clock() { return open_at_clock(file_); }
    Ledger open_at_clock(const std::filesystem::path& file) {
        OpenOptions options;
        options.clock = [this] { return now_; };
        auto l = Ledger::open(file, options);
        if (!l)
            ADD_FAILURE() << l.error().describe();
        return std::move(l).value();
    }

    ManagerSignIn check(Ledger& l, const std::string& passphrase,
                        PassphraseCost least = PassphraseCost::test_minimum) {
        auto r = l.check_manager_passphrase(passphrase, least);
        if (!r)
            ADD_FAILURE() << r.error().describe();
        return r ? *r : ManagerSignIn{};
    }

    void set(Ledger& l, const std::string& passphrase = kPassphrase,
             PassphraseCost cost = PassphraseCost::test_minimum) {
        auto r = l.set_manager_passphrase(passphrase, cost);
        ASSERT_TRUE(r) << r.error().describe();
    }

    // Every byte of every file in the ledger's folder (the database, its WAL, the keys).
    std::string folder_bytes() const {
        std::string all;
        for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
            std::ifstream in(entry.path(), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        return all;
    }

    UtcTime now_ = at("2026-03-02T09:00:00Z");
};

// What someone with the ledger file but not the device key can make: a manager-passphrase-
// set payload with an Argon2id hash of their own passphrase, at the cost they choose.
std::string forged_payload(const std::string& passphrase,
                           unsigned long long passes = crypto_pwhash_argon2id_OPSLIMIT_MIN,
                           std::size_t memory = crypto_pwhash_argon2id_MEMLIMIT_MIN) {
    char hash[crypto_pwhash_STRBYTES];
    EXPECT_EQ(crypto_pwhash_str_alg(hash, passphrase.c_str(), passphrase.size(), passes, memory,
                                    crypto_pwhash_ALG_ARGON2ID13),
              0);
    return write_payload(ManagerPassphraseSet{hash});
}

// The Argon2id string of this device's latest manager-passphrase-set.
std::string recorded_hash(Ledger& l) {
    std::string hash;
    EXPECT_TRUE(l.for_each_event(0, [&](const Event& e) {
        if (e.type == "manager-passphrase-set")
            hash = read_manager_passphrase_set(e.payload).value().argon2id;
        return true;
    }));
    return hash;
}

// The event `seq` of `device` as stored, with its chain hash recomputed as the ledger
// computes it after its payload is replaced.
struct StoredEvent {
    std::string id, time, type, payload;
    Sha256Digest prev{}, hash{};
};

StoredEvent read_event(const std::filesystem::path& file, const std::string& device,
                       std::int64_t seq) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT id, time, type, payload, prev_hash, hash FROM events"
                       " WHERE device_id = ?1 AND seq = ?2",
                       -1, &s, nullptr);
    sqlite3_bind_text(s, 1, device.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, seq);
    StoredEvent e;
    if (sqlite3_step(s) == SQLITE_ROW) {
        auto text = [&](int c) {
            return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, c)));
        };
        e.id = text(0);
        e.time = text(1);
        e.type = text(2);
        e.payload = text(3);
        std::memcpy(e.prev.data(), sqlite3_column_blob(s, 4), e.prev.size());
        std::memcpy(e.hash.data(), sqlite3_column_blob(s, 5), e.hash.size());
    } else {
        ADD_FAILURE() << "no event " << seq;
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return e;
}

Sha256Digest hash_of(const std::string& device, std::int64_t seq, const StoredEvent& e) {
    std::string bytes;
    canonical_event_bytes(
        EventFields{e.id, device, seq, e.time, "", "", "", "", false, e.type, e.payload}, bytes);
    return chain_hash(e.prev, bytes);
}

// Runs SQL with blob parameters ?1 and ?2, as sqlite3 with a little scripting would.
void run_with_blobs(const std::filesystem::path& file, const std::string& sql,
                    const Sha256Digest& first, const Sha256Digest& second,
                    const std::string& text) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_bind_blob(s, 1, first.data(), int(first.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 2, second.data(), int(second.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, text.c_str(), -1, SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(s), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

}  // namespace

TEST_F(ManagerAccessTest, ANewLedgerHasNoManagerPassphrase) {
    auto l = open_at_clock();
    EXPECT_FALSE(l.has_manager_passphrase().value());
    EXPECT_EQ(check(l, kPassphrase).outcome, Outcome::not_set);
}

TEST_F(ManagerAccessTest, TheRightPassphraseIsGranted) {
    auto l = open_at_clock();
    set(l);
    EXPECT_TRUE(l.has_manager_passphrase().value());
    const auto r = check(l, kPassphrase);
    EXPECT_EQ(r.outcome, Outcome::granted);
    EXPECT_EQ(r.failures, 0);
}

TEST_F(ManagerAccessTest, AWrongPassphraseIsRefusedAndTheNextTryWaitsOneSecond) {
    auto l = open_at_clock();
    set(l);
    const auto r = check(l, kWrong);
    EXPECT_EQ(r.outcome, Outcome::refused);
    EXPECT_EQ(r.failures, 1);
    EXPECT_EQ(r.wait, 1s);
}

TEST_F(ManagerAccessTest, APassphraseShorterThanTenCharactersIsRefused) {
    auto l = open_at_clock();
    auto r = l.set_manager_passphrase("nine char");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
    EXPECT_NE(r.error().message.find("at least 10 characters"), std::string::npos);
    EXPECT_FALSE(l.has_manager_passphrase().value());
}

TEST_F(ManagerAccessTest, TenCharactersAreCountedAsCharactersNotBytes) {
    auto l = open_at_clock();
    // Nine letters with an accent: 18 bytes of UTF-8, still too short.
    EXPECT_FALSE(
        l.set_manager_passphrase("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                                 "\xC3\xA9\xC3\xA9\xC3\xA9"));
}

TEST_F(ManagerAccessTest, SettingItStoresNoPlainTextInAnyFileBesideTheLedger) {
    {
        auto l = open_at_clock();
        set(l);
    }
    const std::string bytes = folder_bytes();
    EXPECT_EQ(bytes.find(kPassphrase), std::string::npos);
    EXPECT_EQ(bytes.find("horse battery"), std::string::npos);
    EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
}

TEST_F(ManagerAccessTest, TheEventIsInTheChainWithNoLearnerAndTheLedgerStillVerifies) {
    auto l = open_at_clock();
    set(l);
    int found = 0;
    ASSERT_TRUE(l.for_each_event(0, [&](const Event& e) {
        if (e.type == "manager-passphrase-set") {
            ++found;
            EXPECT_EQ(e.learner_id, "");
            EXPECT_EQ(e.course.id, "");
            EXPECT_EQ(
                read_manager_passphrase_set(e.payload).value().argon2id.rfind("$argon2id$", 0), 0u);
        }
        return true;
    }));
    EXPECT_EQ(found, 1);
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(ManagerAccessTest, SettingWithoutTheDeviceKeyIsRefusedAndRecordsNothing) {
    { auto l = open_at_clock(); }
    std::filesystem::remove(dir_ / "ledger.db.key");
    auto l = open_at_clock();
    auto r = l.set_manager_passphrase(kPassphrase);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("device key"), std::string::npos);
    EXPECT_FALSE(l.has_manager_passphrase().value());
}

TEST_F(ManagerAccessTest, DeletingFilesBesideTheLedgerDoesNotResetThePassphrase) {
    {
        auto l = open_at_clock();
        set(l);
    }
    // Everything beside the database itself: the old manager.pass would have been here.
    for (const char* name : {"manager.pass", "ledger.db.key", "ledger.db.pub"})
        std::filesystem::remove(dir_ / name);
    auto l = open_at_clock();
    EXPECT_TRUE(l.has_manager_passphrase().value());
    EXPECT_FALSE(l.set_manager_passphrase("a passphrase of my own"));
    EXPECT_EQ(check(l, "a passphrase of my own").outcome, Outcome::refused);
}

TEST_F(ManagerAccessTest, SettingAgainReplacesTheOldPassphrase) {
    auto l = open_at_clock();
    set(l, "the first passphrase");
    set(l, "the second passphrase");
    EXPECT_EQ(check(l, "the first passphrase").outcome, Outcome::refused);
    now_ += 1s;
    EXPECT_EQ(check(l, "the second passphrase").outcome, Outcome::granted);
}

TEST_F(ManagerAccessTest, ATryDuringTheWaitIsNotCheckedEvenWithTheRightPassphrase) {
    auto l = open_at_clock();
    set(l);
    check(l, kWrong);
    now_ += 500ms;
    const auto r = check(l, kPassphrase);
    EXPECT_EQ(r.outcome, Outcome::wait);
    EXPECT_EQ(r.wait, 1s);  // half a second left, shown as a whole second
    EXPECT_EQ(r.failures, 1);
    now_ += 500ms;
    EXPECT_EQ(check(l, kPassphrase).outcome, Outcome::granted);
}

TEST_F(ManagerAccessTest, TheWaitDoublesWithEachWrongPassphraseUpToFiveMinutes) {
    auto l = open_at_clock();
    set(l);
    std::vector<std::int64_t> waits;
    for (int i = 0; i < 11; ++i) {
        const auto r = check(l, kWrong);
        ASSERT_EQ(r.outcome, Outcome::refused) << "try " << i + 1;
        EXPECT_EQ(r.failures, i + 1);
        waits.push_back(r.wait.count());
        now_ += r.wait;
    }
    EXPECT_EQ(waits, (std::vector<std::int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300}));
}

TEST_F(ManagerAccessTest, TheWaitIsEnforcedAfterReopeningTheLedger) {
    {
        auto l = open_at_clock();
        set(l);
        for (int i = 0; i < 3; ++i) {
            now_ += check(l, kWrong).wait;
        }
        check(l, kWrong);  // the fourth: the next try waits 8 s
    }
    now_ += 3s;
    auto l = open_at_clock();
    const auto r = check(l, kPassphrase);
    EXPECT_EQ(r.outcome, Outcome::wait);
    EXPECT_EQ(r.wait, 5s);
    EXPECT_EQ(r.failures, 4);
}

TEST_F(ManagerAccessTest, TheRightPassphraseResetsTheCount) {
    auto l = open_at_clock();
    set(l);
    now_ += check(l, kWrong).wait;
    now_ += check(l, kWrong).wait;
    ASSERT_EQ(check(l, kPassphrase).outcome, Outcome::granted);
    const auto r = check(l, kWrong);
    EXPECT_EQ(r.failures, 1);
    EXPECT_EQ(r.wait, 1s);
}

TEST_F(ManagerAccessTest, SettingANewPassphraseClearsTheWait) {
    auto l = open_at_clock();
    set(l);
    for (int i = 0; i < 5; ++i)
        now_ += check(l, kWrong).wait;
    check(l, kWrong);
    set(l, "a brand new passphrase");
    EXPECT_EQ(check(l, "a brand new passphrase").outcome, Outcome::granted);
}

TEST_F(ManagerAccessTest, PuttingTheClockBackNeverMakesTheWaitLongerThanItWas) {
    auto l = open_at_clock();
    set(l);
    check(l, kWrong);
    now_ -= std::chrono::hours{24 * 365};
    const auto r = check(l, kPassphrase);
    EXPECT_EQ(r.outcome, Outcome::wait);
    EXPECT_EQ(r.wait, 1s);
}

TEST_F(ManagerAccessTest, AnUnreadableFailureTimeCountsAsJustNow) {
    auto l = open_at_clock();
    set(l);
    for (int i = 0; i < 3; ++i)
        now_ += check(l, kWrong).wait;
    query(file_, "UPDATE manager_sign_in SET last_failure = 'soon'");
    const auto r = check(l, kPassphrase);
    EXPECT_EQ(r.outcome, Outcome::wait);
    EXPECT_EQ(r.wait, 4s);
}

TEST_F(ManagerAccessTest, APassphraseSetOnAnotherDeviceAndMergedInDoesNotOpenThisOne) {
    const auto other_file = dir_ / "laptop.db";
    {
        auto other = open_at_clock(other_file);
        set(other, "the laptop's passphrase");
    }
    auto l = open_at_clock();
    auto merged = l.merge(other_file);
    ASSERT_TRUE(merged) << merged.error().describe();
    ASSERT_EQ(merged->imported, 1);
    EXPECT_FALSE(l.has_manager_passphrase().value());
    EXPECT_EQ(check(l, "the laptop's passphrase").outcome, Outcome::not_set);
}

TEST_F(ManagerAccessTest, AMergedLedgerCannotReplaceThisDevicesPassphrase) {
    const auto other_file = dir_ / "laptop.db";
    {
        auto other = open_at_clock(other_file);
        // Two, so the laptop's latest is further along its chain than this device's.
        set(other, "the laptop's first passphrase");
        set(other, "the laptop's passphrase");
    }
    auto l = open_at_clock();
    set(l);
    ASSERT_TRUE(l.merge(other_file));
    EXPECT_EQ(check(l, "the laptop's passphrase").outcome, Outcome::refused);
    now_ += 1s;
    EXPECT_EQ(check(l, kPassphrase).outcome, Outcome::granted);
}

TEST_F(ManagerAccessTest, ADamagedPassphraseEventLetsNobodyInAndSaysWhatToDo) {
    auto l = open_at_clock();
    set(l);
    query(file_,
          "UPDATE events SET payload = replace(payload, '$argon2id$', '$scrypt$')"
          " WHERE type = 'manager-passphrase-set'");
    auto r = l.check_manager_passphrase(kPassphrase, PassphraseCost::test_minimum);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("waymark manager passphrase"), std::string::npos);
}

TEST_F(ManagerAccessTest, APassphraseEventAddedWithSqlWithoutTheKeyOpensNothing) {
    auto l = open_at_clock();
    set(l);
    const std::string device = l.device_id();
    std::int64_t tail_seq = 0;
    ASSERT_TRUE(l.for_each_event(0, [&](const Event& e) {
        tail_seq = std::max(tail_seq, e.seq);
        return true;
    }));
    // A forged event chained correctly on the tail: only the signed head shows it.
    const StoredEvent tail = read_event(file_, device, tail_seq);
    StoredEvent forged = tail;
    forged.id = "00000000-0000-4000-8000-000000000001";
    forged.type = "manager-passphrase-set";
    forged.payload = forged_payload("the intruder's passphrase");
    forged.prev = tail.hash;
    const std::int64_t seq = tail_seq + 1;
    const Sha256Digest hash = hash_of(device, seq, forged);
    run_with_blobs(file_,
                   "INSERT INTO events(id, device_id, seq, time, learner_id, course_id,"
                   " course_version, course_digest, course_trusted, type, payload, prev_hash,"
                   " hash) VALUES('" +
                       forged.id + "', '" + device + "', " + std::to_string(seq) + ", '" +
                       forged.time + "', '', '', '', '', 0, 'manager-passphrase-set', ?3, ?1, ?2)",
                   forged.prev, hash, forged.payload);
    auto r = l.check_manager_passphrase("the intruder's passphrase", PassphraseCost::test_minimum);
    ASSERT_FALSE(r) << "granted a passphrase set without the device key";
    EXPECT_NE(r.error().message.find("manager area stays locked"), std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find("waymark ledger verify"), std::string::npos);
}

TEST_F(ManagerAccessTest, APassphraseEditedInPlaceWithItsHashOpensNothing) {
    auto l = open_at_clock();
    set(l);
    add_learner(l);  // an event after it, linked to its hash
    const std::string device = l.device_id();
    std::int64_t seq = 0;
    ASSERT_TRUE(l.for_each_event(0, [&](const Event& e) {
        if (e.type == "manager-passphrase-set")
            seq = e.seq;
        return true;
    }));
    StoredEvent edited = read_event(file_, device, seq);
    edited.payload = forged_payload("the intruder's passphrase");
    const Sha256Digest hash = hash_of(device, seq, edited);
    run_with_blobs(
        file_,
        "UPDATE events SET hash = ?2, payload = ?3 WHERE prev_hash = ?1 AND device_id = '" +
            device + "' AND seq = " + std::to_string(seq),
        edited.prev, hash, edited.payload);
    auto r = l.check_manager_passphrase("the intruder's passphrase", PassphraseCost::test_minimum);
    ASSERT_FALSE(r) << "granted a passphrase edited without the device key";
    EXPECT_NE(r.error().message.find("manager area stays locked"), std::string::npos)
        << r.error().message;
}

TEST_F(ManagerAccessTest, EveryProgramHashesAtTheStandardCostAndItsCheckGrantsTheRightPassphrase) {
    auto l = open_at_clock();
    ASSERT_TRUE(l.set_manager_passphrase(kPassphrase));
    // libsodium's interactive limits: 64 MiB (in KiB) and 2 passes.
    EXPECT_NE(recorded_hash(l).find("$m=65536,t=2,"), std::string::npos) << recorded_hash(l);
    auto r = l.check_manager_passphrase(kPassphrase);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->outcome, Outcome::granted);
}

TEST_F(ManagerAccessTest, APassphraseHashedAtTheTestCostOpensNothingWhereTheStandardIsExpected) {
    auto l = open_at_clock();
    set(l, kPassphrase, PassphraseCost::test_minimum);
    auto r = l.check_manager_passphrase(kPassphrase);
    ASSERT_FALSE(r) << "granted a passphrase hashed with the test's cost";
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("waymark manager passphrase"), std::string::npos);
    // Not a guess: the refusal does not make the next try wait.
    EXPECT_EQ(check(l, kPassphrase).outcome, Outcome::granted);
}

TEST_F(ManagerAccessTest, ThePassphraseRehashedMoreCheaplyInTheFileOpensNothing) {
    auto l = open_at_clock();
    ASSERT_TRUE(l.set_manager_passphrase(kPassphrase));
    add_learner(l);  // an event after it, linked to its hash
    const std::string device = l.device_id();
    std::int64_t seq = 0;
    ASSERT_TRUE(l.for_each_event(0, [&](const Event& e) {
        if (e.type == "manager-passphrase-set")
            seq = e.seq;
        return true;
    }));
    // The same passphrase at libsodium's least cost, so guessing at a copy is cheap: the
    // event's own hash is made to match, as someone without the device key could.
    StoredEvent cheaper = read_event(file_, device, seq);
    cheaper.payload = forged_payload(kPassphrase);
    const Sha256Digest hash = hash_of(device, seq, cheaper);
    run_with_blobs(
        file_,
        "UPDATE events SET hash = ?2, payload = ?3 WHERE prev_hash = ?1 AND device_id = '" +
            device + "' AND seq = " + std::to_string(seq),
        cheaper.prev, hash, cheaper.payload);
    ASSERT_NE(recorded_hash(l).find("$m=8,t=1,"), std::string::npos) << recorded_hash(l);
    for (const auto least : {PassphraseCost::standard, PassphraseCost::test_minimum}) {
        auto r = l.check_manager_passphrase(kPassphrase, least);
        ASSERT_FALSE(r) << "granted a passphrase made cheaper without the device key";
        EXPECT_NE(r.error().message.find("manager area stays locked"), std::string::npos)
            << r.error().message;
    }
}
