// Learners' PINs kept in the ledger: an Argon2id hash in the chain, checked with a back-off
// the ledger file remembers, reset by a manager.
#include <sodium.h>

#include "ledger_fixture.hpp"
#include "waymark/ledger/person.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;
using namespace std::chrono_literals;

namespace {

using Outcome = SignInCheck::Outcome;
constexpr const char* kPin = "4829";

// A ledger whose clock the test moves, so the back-off is tested without sleeping. PINs
// are hashed at PassphraseCost::test_minimum: these tests make many.
class LearnerPinTest : public LedgerTest {
  protected:
    Ledger open_at_clock() {
        OpenOptions options;
        options.clock = [this] { return now_; };
        auto l = Ledger::open(file_, options);
        if (!l)
            ADD_FAILURE() << l.error().describe();
        return std::move(l).value();
    }

    SignInCheck check(Ledger& l, const std::string& learner, const std::string& pin) {
        auto r = l.check_learner_pin(learner, pin, PassphraseCost::test_minimum);
        if (!r)
            ADD_FAILURE() << r.error().describe();
        return r ? *r : SignInCheck{};
    }

    void set(Ledger& l, const std::string& learner, const std::string& pin = kPin) {
        auto r = l.set_learner_pin(learner, pin, PassphraseCost::test_minimum);
        ASSERT_TRUE(r) << r.error().describe();
    }

    UtcTime now_ = at("2026-03-02T09:00:00Z");
};

}  // namespace

TEST_F(LearnerPinTest, ALearnerWithoutAPinHasNoneToCheck) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    EXPECT_FALSE(l.has_learner_pin(learner).value());
    EXPECT_EQ(check(l, learner, kPin).outcome, Outcome::not_set);
}

TEST_F(LearnerPinTest, TheRightPinIsGranted) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    EXPECT_TRUE(l.has_learner_pin(learner).value());
    EXPECT_EQ(check(l, learner, kPin).outcome, Outcome::granted);
}

TEST_F(LearnerPinTest, AWrongPinIsRefusedAndTheNextTryWaitsASecond) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    const auto wrong = check(l, learner, "4830");
    EXPECT_EQ(wrong.outcome, Outcome::refused);
    EXPECT_EQ(wrong.wait, 1s);
    EXPECT_EQ(check(l, learner, kPin).outcome, Outcome::wait) << "checked during the wait";
    now_ += 1s;
    EXPECT_EQ(check(l, learner, kPin).outcome, Outcome::granted);
}

TEST_F(LearnerPinTest, TheWaitDoublesWithEachWrongPin) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    for (auto expected : {1s, 2s, 4s, 8s}) {
        const auto r = check(l, learner, "4830");
        EXPECT_EQ(r.outcome, Outcome::refused);
        EXPECT_EQ(r.wait, expected);
        now_ += expected;
    }
}

TEST_F(LearnerPinTest, TheWaitSurvivesClosingAndOpeningTheLedger) {
    std::string learner;
    {
        auto l = open_at_clock();
        learner = add_learner(l);
        set(l, learner);
        check(l, learner, "4830");
        now_ += 1s;
        check(l, learner, "4831");
    }
    auto l = open_at_clock();
    const auto r = check(l, learner, kPin);
    EXPECT_EQ(r.outcome, Outcome::wait);
    EXPECT_EQ(r.wait, 2s);
}

TEST_F(LearnerPinTest, WrongPinsForOneLearnerDoNotMakeAnotherWait) {
    auto l = open_at_clock();
    const auto first = add_learner(l, "S1");
    const auto second = add_learner(l, "S2");
    set(l, first);
    set(l, second);
    check(l, first, "4830");
    EXPECT_EQ(check(l, second, kPin).outcome, Outcome::granted);
}

TEST_F(LearnerPinTest, RefusesAPinThatBreaksTheRules) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    for (const char* pin : {"12a4", "123", "1234", "0000"}) {
        auto r = l.set_learner_pin(learner, pin, PassphraseCost::test_minimum);
        ASSERT_FALSE(r) << pin;
        EXPECT_EQ(r.error().code, ErrorCode::invalid);
    }
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events WHERE type = 'learner-pin-set'"), "0");
}

TEST_F(LearnerPinTest, AManagersResetClearsThePinAndTheWait) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    check(l, learner, "4830");
    ASSERT_TRUE(l.reset_learner_pin(learner));
    EXPECT_FALSE(l.has_learner_pin(learner).value());
    EXPECT_EQ(check(l, learner, kPin).outcome, Outcome::not_set);
    set(l, learner, "7351");
    EXPECT_EQ(check(l, learner, "7351").outcome, Outcome::granted) << "the old wait carried over";
}

TEST_F(LearnerPinTest, APinHashEditedWithSqlite3OpensNothing) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    // Someone with the file but not the device key puts in the hash of a PIN they know.
    char hash[crypto_pwhash_STRBYTES];
    ASSERT_EQ(
        crypto_pwhash_str_alg(hash, "5555", 4, crypto_pwhash_argon2id_OPSLIMIT_MIN,
                              crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
        0);
    query(file_, "UPDATE events SET payload = '" + write_payload(LearnerPinSet{hash}) +
                     "' WHERE type = 'learner-pin-set'");
    ASSERT_NE(query(file_, "SELECT payload FROM events WHERE type = 'learner-pin-set'")
                  .find(std::string(hash).substr(0, 40)),
              std::string::npos);
    auto r = l.check_learner_pin(learner, "5555", PassphraseCost::test_minimum);
    ASSERT_FALSE(r) << "granted a PIN edited into the file";
    EXPECT_EQ(r.error().code, ErrorCode::verification);
    EXPECT_NE(r.error().message.find("waymark ledger verify"), std::string::npos)
        << r.error().message;
}

TEST_F(LearnerPinTest, APinHashedMoreCheaplyThanTheCheckExpectsOpensNothing) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    EXPECT_FALSE(l.check_learner_pin(learner, kPin, PassphraseCost::standard));
}

TEST_F(LearnerPinTest, ThePinHashIsInNoSettingAndNoLearnerRow) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    EXPECT_EQ(query(file_, "SELECT count(*) FROM settings WHERE value LIKE '%argon2id%'"), "0");
    EXPECT_EQ(query(file_,
                    "SELECT count(*) FROM learners WHERE"
                    " (name || staff_id || email || team || role) LIKE '%argon2id%'"),
              "0");
}

TEST_F(LearnerPinTest, AnErasedLearnerCannotBeGivenAPin) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    ASSERT_TRUE(l.erase_learner(learner));
    EXPECT_FALSE(l.set_learner_pin(learner, kPin, PassphraseCost::test_minimum));
}

TEST_F(LearnerPinTest, PinsAreRequiredOnlyWhenTheOrganisationSaysSo) {
    auto l = open_at_clock();
    EXPECT_FALSE(l.learner_pins_required().value());
    ASSERT_TRUE(l.record_setting("", SettingChanged{std::string(kPinRequiredSetting), "true"}));
    EXPECT_TRUE(l.learner_pins_required().value());
    ASSERT_TRUE(l.record_setting("", SettingChanged{std::string(kPinRequiredSetting), ""}));
    EXPECT_FALSE(l.learner_pins_required().value());
}

TEST_F(LearnerPinTest, TheLedgerStillVerifiesAfterPinsAreSetCheckedAndReset) {
    auto l = open_at_clock();
    const auto learner = add_learner(l);
    set(l, learner);
    check(l, learner, "4830");
    ASSERT_TRUE(l.reset_learner_pin(learner));
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
}
