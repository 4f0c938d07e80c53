// Test support: where the manager area's tests start, in tests/player and tests/ui alike:
// a ledger of its own in a temporary folder, with the manager passphrase set, a Journey
// over it whose clock is the ledger's, and the learners most of those tests share.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/ledger_journal.hpp"

namespace waymark::test {

inline constexpr const char* kManagerPassphrase = "correct horse battery";

// A suite's SetUp calls open_ledger() and then adds its learners, with the steps below or
// its own in between (the order is the ledger's enrolment order, which the area lists by).
struct ManagerLedger : ::testing::Test {
    // Declared first, so the folder goes after the ledger and the player in it.
    std::optional<waymark::testing::ScratchFolder> scratch;
    std::filesystem::path dir;
    std::unique_ptr<player::LedgerJournal> journal;
    std::unique_ptr<Journey> t;

    // A new ledger in a ScratchFolder of purpose NAME with the manager passphrase set, and a
    // Journey over it on the learners screen. `certificate_folder`, when given, is a
    // folder in `dir` that certificates and exports go to (the player's choice otherwise).
    void open_ledger(const std::string& name,
                     const std::filesystem::path& certificate_folder = {}) {
        dir = scratch.emplace(name).path();
        ledger::OpenOptions options;
        // Events recorded before the Journey is made carry its starting time.
        options.clock = [this] { return t ? t->now : Journey::start_time(); };
        journal = std::make_unique<player::LedgerJournal>(
            ledger::Ledger::open(dir / "ledger.db", options).value());
        ASSERT_TRUE(journal->ledger().set_manager_passphrase(kManagerPassphrase));
        t = std::make_unique<Journey>(
            *journal, std::vector{sample_course()},
            certificate_folder.empty() ? certificate_folder : dir / certificate_folder);
    }

    // Ann Lee (A-1, Early help) reads every page and passes the assessment.
    void add_ann_who_passed() {
        t->add_learner("Ann Lee", "A-1");
        t->read_every_page();
        t->p().start_assessment();
        t->sit(true);
        t->p().sign_out();
    }

    // Cara Diaz (C-3, Youth team, Youth worker) is added and has not started.
    void add_cara_who_has_not_started() {
        t->p().show_add_learner();
        t->p().form() = {"Cara Diaz", "C-3", "Youth team", "Youth worker"};
        ASSERT_TRUE(t->p().submit_learner_form());
        t->p().sign_out();
    }

    void TearDown() override {
        t.reset();
        journal.reset();
    }
};

}  // namespace waymark::test
