// The manager area as a manager uses it: by keyboard alone from the learners screen to a
// signed export, and the list narrowed by search and filters, in the real view.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/report/signed_export.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

constexpr const char* kPassphrase = "correct horse battery";

// A ledger with Ann Lee (Early help, passed) and Cara Diaz (Youth team, not started),
// and a player on the learners screen with exports going to DIR/Documents.
struct ManagerScreen : ::testing::Test {
    fs::path dir;
    std::unique_ptr<LedgerJournal> journal;
    std::unique_ptr<test::Journey> t;

    void SetUp() override {
        char pattern[] = "/tmp/waymark-ui-manager-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern), nullptr);
        dir = pattern;
        ledger::OpenOptions options;
        const UtcTime start = *parse_iso8601("2026-03-02T09:00:00Z");
        options.clock = [this, start] { return t ? t->now : start; };
        journal = std::make_unique<LedgerJournal>(
            ledger::Ledger::open(dir / "ledger.db", options).value());
        ASSERT_TRUE(journal->ledger().set_manager_passphrase(kPassphrase));
        // The trainers' sample is for author preview unless the organisation offers it.
        ASSERT_TRUE(journal->ledger().record_setting("", {"course.waymark-sample.offered", "yes"}));
        t = std::make_unique<test::Journey>(*journal, std::vector{test::sample_course()},
                                            dir / "Documents");
        t->add_learner("Ann Lee", "A-1");
        t->read_every_page();
        t->p().start_assessment();
        t->sit(true);
        t->p().sign_out();
        t->p().show_add_learner();
        t->p().form() = {"Cara Diaz", "C-3", "Youth team", "Youth worker"};
        ASSERT_TRUE(t->p().submit_learner_form());
        t->p().sign_out();
    }
    void TearDown() override {
        t.reset();
        journal.reset();
        fs::remove_all(dir);
    }
    // Opens the area with the mouse.
    ::testing::AssertionResult open(test::Harness& h) {
        if (!h.click("Manager area") || !h.type_into("Passphrase", kPassphrase) ||
            !h.click("Open the manager area") || t->p().manager_area() == nullptr)
            return ::testing::AssertionFailure() << "could not open the area: " << h.labels();
        return ::testing::AssertionSuccess();
    }
};

}  // namespace

TEST_F(ManagerScreen, AKeyboardAloneReachesASignedCsvExport) {
    test::Harness h(t->p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to("Manager area")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_EQ(t->p().screen(), Screen::manager_sign_in);
    ASSERT_TRUE(h.tab_to("Passphrase")) << h.labels();
    h.type(kPassphrase);
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_EQ(t->p().screen(), Screen::manager);
    // Only those who have completed: one row, Ann.
    ASSERT_TRUE(h.tab_to("Complete: 1##status")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_EQ(t->p().manager_area()->listed(), 1u);
    ASSERT_TRUE(h.tab_to("Export CSV")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    for (int i = 0; i < 400 && t->p().exporting(); ++i) {
        std::this_thread::sleep_for(5ms);
        h.frame();
    }
    h.frames(2);
    ASSERT_FALSE(t->p().exporting());
    const fs::path file = dir / "Documents" / "waymark-report-2026-03-02-completed.csv";
    ASSERT_TRUE(fs::exists(file)) << t->p().export_message();
    package::TrustStore device;
    device.add(journal->ledger().device_public_key());
    EXPECT_TRUE(report::verify_export(file, device).value().ok());
    EXPECT_TRUE(h.has("Export message"));
}

TEST_F(ManagerScreen, TypingASearchNarrowsTheList) {
    test::Harness h(t->p());
    ASSERT_TRUE(open(h));
    ASSERT_EQ(t->p().manager_area()->listed(), 2u);
    ASSERT_TRUE(h.type_into("##search", "cara"));
    h.frames(2);
    EXPECT_EQ(t->p().manager_area()->listed(), 1u);
    EXPECT_EQ(t->p().manager_area()->listed_row(0).name, "Cara Diaz");
}

TEST_F(ManagerScreen, ChoosingATeamFromItsListNarrowsTheList) {
    test::Harness h(t->p());
    ASSERT_TRUE(open(h));
    ASSERT_TRUE(h.click("##team")) << h.labels();
    ASSERT_TRUE(h.click("Youth team##team-Youth team")) << h.labels();
    h.frames(2);
    EXPECT_EQ(t->p().manager_area()->filter().team, "Youth team");
    EXPECT_EQ(t->p().manager_area()->listed(), 1u);
}

TEST_F(ManagerScreen, EscapeLocksTheArea) {
    test::Harness h(t->p());
    ASSERT_TRUE(open(h));
    h.press(ImGuiKey_Escape);
    h.frames(2);
    EXPECT_EQ(t->p().screen(), Screen::learners);
    EXPECT_EQ(t->p().manager_area(), nullptr);
}
