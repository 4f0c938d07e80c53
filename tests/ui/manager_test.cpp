// The manager area as a manager uses it: by keyboard alone from the learners screen to a
// signed export, and the list narrowed by search and filters, in the real view.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "../player/manager_ledger.hpp"
#include "harness.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/report/signed_export.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

using test::kManagerPassphrase;

// Draws frames until the area's worker has read the records and the screen took them.
bool area_shown(test::Harness& h, Player& p) {
    for (int i = 0; i < 2000 && p.manager_area() == nullptr; ++i) {
        std::this_thread::sleep_for(5ms);
        h.frame();
    }
    h.frames(2);
    return p.manager_area() != nullptr;
}

// A ledger with Ann Lee (Early help, passed) and Cara Diaz (Youth team, not started),
// and a player on the learners screen with exports going to DIR/Documents.
struct ManagerScreen : test::ManagerLedger {
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(open_ledger("ui-manager", "Documents"));
        add_ann_who_passed();
        ASSERT_NO_FATAL_FAILURE(add_cara_who_has_not_started());
    }
    // Opens the area with the mouse.
    ::testing::AssertionResult open(test::Harness& h) {
        if (!h.click("Manager area") || !h.type_into("Passphrase", kManagerPassphrase) ||
            !h.click("Open the manager area"))
            return ::testing::AssertionFailure() << "could not sign in: " << h.labels();
        if (!shown(h))
            return ::testing::AssertionFailure()
                   << "the area was not shown: " << t->p().manager_problem() << "; " << h.labels();
        return ::testing::AssertionSuccess();
    }
    bool shown(test::Harness& h) { return area_shown(h, t->p()); }
};

}  // namespace

// Someone with the file edits the passphrase's record: the sign-in says what the ledger
// found, not that no passphrase was ever set.
TEST_F(ManagerScreen, APassphraseRecordEditedInTheFileIsExplainedNotCalledMissing) {
    const std::string sql =
        "UPDATE events SET payload = replace(payload, 'argon2id', 'argon2i') WHERE type = "
        "'manager-passphrase-set'";
    ASSERT_EQ(
        std::system(("sqlite3 '" + (dir / "ledger.db").string() + "' \"" + sql + "\"").c_str()), 0);
    test::Harness h(t->p());
    h.frames(2);
    ASSERT_TRUE(h.click("Manager area")) << h.labels();
    h.frames(2);
    EXPECT_FALSE(t->p().manager_problem().empty());
    EXPECT_FALSE(h.has("No manager passphrase is set on this device.")) << h.labels();
}

TEST_F(ManagerScreen, SaysWhenCertificatesWouldNameNoIssuer) {
    test::Harness h(t->p());
    h.frames(2);
    ASSERT_TRUE(open(h));
    EXPECT_TRUE(h.has("No organisation name")) << h.labels();
}

TEST_F(ManagerScreen, SaysNothingOfTheIssuerOnceTheOrganisationsNameIsRecorded) {
    ASSERT_TRUE(journal->ledger().record_setting("", {"organisation.name", "Northshire"}));
    test::Harness h(t->p());
    h.frames(2);
    ASSERT_TRUE(open(h));
    EXPECT_FALSE(h.has("No organisation name")) << h.labels();
}

TEST_F(ManagerScreen, AKeyboardAloneReachesASignedCsvExport) {
    test::Harness h(t->p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to("Manager area")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_EQ(t->p().screen(), Screen::manager_sign_in);
    ASSERT_TRUE(h.tab_to("Passphrase")) << h.labels();
    h.type(kManagerPassphrase);
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_EQ(t->p().screen(), Screen::manager);
    ASSERT_TRUE(shown(h));
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

// One rule for the sign-in screens: the field to type into has the focus when they open.
TEST_F(ManagerScreen, TheSignInTakesThePassphraseAsSoonAsItOpens) {
    test::Harness h(t->p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to("Manager area")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_EQ(t->p().screen(), Screen::manager_sign_in);
    EXPECT_EQ(h.focused(), "Passphrase");
    h.type(kManagerPassphrase);  // no Tab first
    h.press(ImGuiKey_Enter);
    h.frames(2);
    EXPECT_EQ(t->p().screen(), Screen::manager);
}

namespace {

// Opens the area by keyboard and moves the focus to the learner list.
::testing::AssertionResult open_by_keyboard_at_the_list(test::Harness& h, Player& p) {
    h.frames(2);
    if (!h.tab_to("Manager area"))
        return ::testing::AssertionFailure() << "no Manager area: " << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    h.type(kManagerPassphrase);
    h.press(ImGuiKey_Enter);
    h.frames(2);
    if (p.screen() != Screen::manager || !area_shown(h, p))
        return ::testing::AssertionFailure() << "the area did not open: " << p.manager_problem();
    if (!h.tab_to("Learner list"))
        return ::testing::AssertionFailure() << "Tab never reached the list: " << h.labels();
    return ::testing::AssertionSuccess();
}

}  // namespace

TEST_F(ManagerScreen, TabbingIntoTheListChoosesItsFirstRow) {
    test::Harness h(t->p());
    ASSERT_TRUE(open_by_keyboard_at_the_list(h, t->p()));
    h.frames(2);
    ASSERT_NE(t->p().manager_area()->selected_row(), nullptr);
    EXPECT_EQ(t->p().manager_area()->selected(), 0u);
}

TEST_F(ManagerScreen, TabLeavesTheListSoTheFocusIsNeverTrapped) {
    test::Harness h(t->p());
    ASSERT_TRUE(open_by_keyboard_at_the_list(h, t->p()));
    h.press(ImGuiKey_DownArrow);
    h.press(ImGuiKey_Tab);
    EXPECT_NE(h.focused(), "Learner list##rows");
    EXPECT_FALSE(h.focused().empty());
    h.press(ImGuiKey_Tab, true);
    EXPECT_EQ(h.focused(), "Learner list##rows");
}

TEST_F(ManagerScreen, ArrowKeysPageKeysHomeAndEndReachRowsBelowTheFold) {
    for (int i = 0; i < 40; ++i)
        ASSERT_TRUE(
            journal->add_learner({"", "Learner " + std::to_string(100 + i),
                                  "L-" + std::to_string(100 + i), "Youth team", "Youth worker"}));
    test::Harness h(t->p());
    ASSERT_TRUE(open_by_keyboard_at_the_list(h, t->p()));
    const ManagerArea& area = *t->p().manager_area();
    ASSERT_EQ(area.listed(), 42u);
    // The row chosen, as the list drew it in the last frame, and whether it was in view.
    const auto chosen_row_visible = [&] {
        const std::size_t i = *area.selected();
        const std::string id = std::string(area.listed_row(i).name) + "##row-" + std::to_string(i);
        const ui::WidgetRecord* w = h.find(id);
        return w && w->visible;
    };
    h.press(ImGuiKey_End);
    EXPECT_EQ(area.selected(), 41u);
    EXPECT_TRUE(chosen_row_visible()) << "the last row was chosen but not scrolled into view";
    // A page is the rows in view less one, however many the window holds.
    h.press(ImGuiKey_PageUp);
    const std::size_t page = 41 - *area.selected();
    EXPECT_GT(page, 1u);
    EXPECT_TRUE(chosen_row_visible());
    h.press(ImGuiKey_Home);
    EXPECT_EQ(area.selected(), 0u);
    EXPECT_TRUE(chosen_row_visible());
    h.press(ImGuiKey_PageDown);
    h.press(ImGuiKey_DownArrow);
    EXPECT_EQ(area.selected(), page + 1);
    EXPECT_TRUE(chosen_row_visible());
    EXPECT_EQ(h.focused(), "Learner list##rows") << "a key in the list moved the focus out";
}

TEST_F(ManagerScreen, AManagerResetsALearnersPinByKeyboardAfterAQuestionNamingThem) {
    ASSERT_TRUE(journal->set_pin(t->p().learners()[1].id, "4829"));  // Cara Diaz
    test::Harness h(t->p());
    ASSERT_TRUE(open_by_keyboard_at_the_list(h, t->p()));
    const ManagerArea& area = *t->p().manager_area();
    for (int i = 0; i < 3 && area.selected_row() && area.selected_row()->name != "Cara Diaz"; ++i)
        h.press(ImGuiKey_DownArrow);
    ASSERT_EQ(area.selected_row()->name, "Cara Diaz");
    ASSERT_TRUE(h.tab_to("Reset the PIN of Cara Diaz...")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_TRUE(t->p().confirming_pin_reset());
    EXPECT_EQ(t->p().pin_reset_question(),
              "Reset the PIN of Cara Diaz (C-3)? They will choose a new one when they next sign "
              "in.");
    EXPECT_EQ(h.focused(), "Cancel##pin-reset") << "the question opened with Reset focused";
    ASSERT_TRUE(h.tab_to("Reset the PIN")) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    EXPECT_FALSE(journal->has_pin(t->p().learners()[1].id).value());
    EXPECT_TRUE(h.has("PIN reset message"));
    EXPECT_EQ(h.focused(), "Learner list##rows");
}

TEST_F(ManagerScreen, NoResetIsOfferedForALearnerWithoutAPin) {
    test::Harness h(t->p());
    ASSERT_TRUE(open_by_keyboard_at_the_list(h, t->p()));
    h.frames(2);
    EXPECT_FALSE(h.has_containing("Reset the PIN of")) << h.labels();
}

TEST_F(ManagerScreen, EscapeWithdrawsThePinQuestionBeforeItLocksTheArea) {
    ASSERT_TRUE(journal->set_pin(t->p().learners()[0].id, "4829"));  // Ann Lee
    test::Harness h(t->p());
    ASSERT_TRUE(open(h));
    t->p().select_manager_row(1);  // Ann: complete, after Cara (not started)
    ASSERT_EQ(t->p().manager_area()->selected_row()->name, "Ann Lee");
    h.frames(2);
    ASSERT_TRUE(h.click("Reset the PIN of Ann Lee...")) << h.labels();
    ASSERT_TRUE(t->p().confirming_pin_reset());
    h.press(ImGuiKey_Escape);
    EXPECT_FALSE(t->p().confirming_pin_reset());
    EXPECT_EQ(t->p().screen(), Screen::manager);
    EXPECT_TRUE(journal->has_pin(t->p().learners()[0].id).value());
}

TEST_F(ManagerScreen, ClickingARowChoosesIt) {
    test::Harness h(t->p());
    ASSERT_TRUE(open(h));
    const ManagerArea& area = *t->p().manager_area();
    const std::string second = std::string(area.listed_row(1).name) + "##row-1";
    ASSERT_TRUE(h.click(second)) << h.labels();
    EXPECT_EQ(area.selected(), 1u);
}
