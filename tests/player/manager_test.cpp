// The manager area as the player decides it: the passphrase is the ledger's (set by an
// administrator), wrong tries wait, and the dashboard counts who has done what.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "journey.hpp"
#include "manager_ledger.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/player/manager.hpp"
#include "waymark/report/signed_export.hpp"
#include "waymark/report/status.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

using test::kManagerPassphrase;

// A MemoryJournal that counts the passphrases it was asked to check.
struct CountingJournal : MemoryJournal {
    int checks = 0;
    Result<ManagerCheck> check_manager_passphrase(const std::string& passphrase) override {
        ++checks;
        return MemoryJournal::check_manager_passphrase(passphrase);
    }
};

// A player over a journal holding the manager passphrase, on the learners screen.
struct ManagerSignIn : ::testing::Test {
    CountingJournal journal;
    test::Journey t{journal};
    Player& p() { return t.p(); }

    void SetUp() override {
        journal.set_manager_passphrase(kManagerPassphrase);
        t.add_learner();
        p().sign_out();
    }
    void type(const std::string& passphrase) {
        p().manager_passphrase() = passphrase;
        p().submit_manager_passphrase();
    }
};

}  // namespace

TEST(ManagerAreaWithoutPassphrase, SaysNoneIsSetAndOffersNoWayToSetOne) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_manager();
    ASSERT_EQ(t.p().screen(), Screen::manager_sign_in);
    EXPECT_FALSE(t.p().manager_passphrase_set());
    EXPECT_FALSE(t.p().can_submit_manager_passphrase());
}

TEST(ManagerAreaWithoutPassphrase, IgnoresAPassphraseTypedAnyway) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_manager();
    t.p().manager_passphrase() = "my own passphrase";
    t.p().submit_manager_passphrase();
    EXPECT_EQ(t.p().screen(), Screen::manager_sign_in);
    EXPECT_EQ(t.p().manager_area(), nullptr);
    EXPECT_FALSE(journal.has_manager_passphrase().value());
}

TEST(ManagerAreaWithoutPassphrase, SeesAPassphraseSetWhileThePlayerWasOpen) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_manager();
    t.p().close_manager();
    journal.set_manager_passphrase(kManagerPassphrase);
    t.p().open_manager();
    EXPECT_TRUE(t.p().manager_passphrase_set());
    EXPECT_TRUE(t.p().can_submit_manager_passphrase());
}

TEST(ManagerAreaWithoutPassphrase, IsNotOfferedInAnAuthorsPreview) {
    MemoryJournal journal;
    test::Journey t(journal);
    ASSERT_TRUE(t.p().start_author_preview());
    EXPECT_FALSE(t.p().has_manager_area());
    t.p().open_manager();
    EXPECT_NE(t.p().screen(), Screen::manager_sign_in);
}

TEST_F(ManagerSignIn, TheRightPassphraseOpensTheAreaAndLockingGoesBack) {
    p().open_manager();
    type(kManagerPassphrase);
    ASSERT_EQ(p().screen(), Screen::manager);
    p().close_manager();
    EXPECT_EQ(p().screen(), Screen::learners);
    EXPECT_EQ(p().manager_area(), nullptr);
}

// The area's figures are the ledger's status matrix; a journal in memory has none, and
// the area says so rather than count by rules of its own.
TEST_F(ManagerSignIn, OnAJournalWithoutALedgerSaysThereIsNothingToReport) {
    p().open_manager();
    type(kManagerPassphrase);
    ASSERT_EQ(p().screen(), Screen::manager);
    EXPECT_EQ(p().manager_area(), nullptr);
    EXPECT_NE(p().manager_problem().find("keeps no record on this device"), std::string::npos);
}

TEST_F(ManagerSignIn, AWrongPassphraseSaysHowLongToWaitAndClearsWhatWasTyped) {
    p().open_manager();
    type("not the passphrase");
    EXPECT_EQ(p().screen(), Screen::manager_sign_in);
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 1 second.");
    EXPECT_TRUE(p().manager_passphrase().empty());
}

TEST_F(ManagerSignIn, OpenIsDisabledWhileTheWaitRuns) {
    p().open_manager();
    type("not the passphrase");
    EXPECT_FALSE(p().can_submit_manager_passphrase());
    t.now += 1s;
    EXPECT_TRUE(p().can_submit_manager_passphrase());
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again.");
}

TEST_F(ManagerSignIn, APassphraseSubmittedDuringTheWaitIsNotChecked) {
    p().open_manager();
    type("not the passphrase");
    ASSERT_EQ(journal.checks, 1);
    type(kManagerPassphrase);
    EXPECT_EQ(journal.checks, 1);
    EXPECT_EQ(p().screen(), Screen::manager_sign_in);
}

TEST_F(ManagerSignIn, TheWaitCountsDownAndGrowsWithEachWrongPassphrase) {
    p().open_manager();
    type("wrong one");
    t.now += 1s;
    type("wrong two");
    t.now += 2s;
    type("wrong three");
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 4 seconds.");
    t.now += 1500ms;
    EXPECT_EQ(p().manager_wait(), 3s);
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 3 seconds.");
}

TEST_F(ManagerSignIn, ClosingAndReopeningTheAreaDoesNotEndTheWait) {
    p().open_manager();
    type("not the passphrase");
    p().close_manager();
    p().open_manager();
    EXPECT_FALSE(p().can_submit_manager_passphrase());
    EXPECT_EQ(p().manager_problem(), "Wrong passphrase. Try again in 1 second.");
}

// The ledger keeps the count: a player started after wrong tries in another one (or
// before a restart) learns of the wait from the ledger, which does not check the try.
TEST(ManagerAreaOnTheLedger, AWaitLeftFromAnEarlierPlayerIsShownAndTheTryIsNotChecked) {
    const waymark::testing::ScratchFolder dir("player-manager");
    UtcTime now = *parse_iso8601("2026-03-02T09:00:00Z");
    ledger::OpenOptions options;
    options.clock = [&now] { return now; };
    {
        auto l = ledger::Ledger::open(dir / "ledger.db", options).value();
        ASSERT_TRUE(l.set_manager_passphrase(kManagerPassphrase));
        for (int i = 0; i < 3; ++i)
            now += l.check_manager_passphrase("a wrong guess").value().wait;
        ASSERT_EQ(l.check_manager_passphrase("a wrong guess").value().wait, 8s);
    }
    now += 2s;
    LedgerJournal journal(ledger::Ledger::open(dir / "ledger.db", options).value());
    PlayerOptions o;
    o.clock = [&now] { return now; };
    Player p({test::sample_course()}, journal, o);
    p.open_manager();
    ASSERT_TRUE(p.manager_passphrase_set());
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    EXPECT_EQ(p.screen(), Screen::manager_sign_in);
    EXPECT_EQ(p.manager_problem(),
              "Too many wrong passphrases on this device. Try again in 6 seconds.");
    EXPECT_FALSE(p.can_submit_manager_passphrase());
    now += 6s;
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    EXPECT_EQ(p.screen(), Screen::manager);
}

// --- the area: who must do what, by team and course --------------------------------

namespace {

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A ledger with three learners on the sample course: Ann Lee (Early help) passed, Bob
// Hart (Early help) has read a page, Cara Diaz (Youth team) has not started.
struct ManagerOnLedger : test::ManagerLedger {
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(open_ledger("manager-area"));
        add_ann_who_passed();
        t->add_learner("Bob Hart", "B-2");
        t->p().open_course(0);
        t->p().page_end_seen();
        t->p().sign_out();
        ASSERT_NO_FATAL_FAILURE(add_cara_who_has_not_started());
    }
    ManagerArea area(UtcTime as_of) { return ManagerArea::load(journal->ledger(), as_of).value(); }
    ManagerArea area() { return area(t->now); }
    static std::vector<std::string> names(const ManagerArea& a) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < a.listed(); ++i)
            out.emplace_back(a.listed_row(i).name);
        return out;
    }
    // Runs an export to completion.
    ExportOutcome run_export(const ManagerArea& a, ExportKind kind, fs::path folder = {}) {
        ExportRequest request{
            kind, folder.empty() ? dir / "exports" : folder, a.export_filter(), a.as_of(), {}};
        ManagerExport e(journal->ledger().path(), request);
        while (!e.finished())
            std::this_thread::sleep_for(5ms);
        return e.outcome();
    }
    report::ExportVerification verify(const fs::path& file) {
        package::TrustStore device;
        device.add(journal->ledger().device_public_key());
        return report::verify_export(file, device).value();
    }
};

}  // namespace

TEST_F(ManagerOnLedger, ListsEveryLearnerOnEveryCourseWithTheStatusTheReportsGive) {
    const auto a = area();
    ASSERT_EQ(a.listed(), 3u);
    // Most urgent first: in progress, not started, then complete.
    EXPECT_EQ(names(a), (std::vector<std::string>{"Bob Hart", "Cara Diaz", "Ann Lee"}));
    EXPECT_EQ(a.listed_row(0).status, report::Status::in_progress);
    EXPECT_EQ(a.listed_row(1).status, report::Status::not_started);
    EXPECT_EQ(a.listed_row(2).status, report::Status::completed);
    EXPECT_EQ(a.listed_row(2).staff_id, "A-1");
    EXPECT_EQ(a.listed_row(2).team, "Early help");
}

TEST_F(ManagerOnLedger, CountsEachStatusAsTheStatusMatrixDoes) {
    const auto a = area();
    auto matrix = report::StatusMatrix::load(journal->ledger(), {t->now}).value();
    const auto report_tally = matrix.summarise({}).all;
    for (int s = 0; s < report::kStatusCount; ++s)
        EXPECT_EQ(a.tally().by_status[s], report_tally.by_status[s]) << s;
    EXPECT_EQ(a.tally().count(report::Status::completed), 1);
    EXPECT_EQ(a.tally().count(report::Status::in_progress), 1);
    EXPECT_EQ(a.tally().count(report::Status::not_started), 1);
}

TEST_F(ManagerOnLedger, SearchFindsALearnerByPartOfTheirNameInAnyCase) {
    auto a = area();
    a.search() = " lEE ";
    a.relist();
    EXPECT_EQ(names(a), std::vector<std::string>{"Ann Lee"});
}

TEST_F(ManagerOnLedger, SearchFindsALearnerByStaffId) {
    auto a = area();
    a.search() = "c-3";
    a.relist();
    EXPECT_EQ(names(a), std::vector<std::string>{"Cara Diaz"});
}

TEST_F(ManagerOnLedger, SearchThatMatchesNobodyListsNobody) {
    auto a = area();
    a.search() = "Zed";
    a.relist();
    EXPECT_EQ(a.listed(), 0u);
    EXPECT_EQ(a.total_rows(), 3u);
}

TEST_F(ManagerOnLedger, TheTeamFilterListsAndCountsOnlyThatTeam) {
    auto a = area();
    a.set_team("Youth team");
    EXPECT_EQ(names(a), std::vector<std::string>{"Cara Diaz"});
    EXPECT_EQ(a.tally().total, 1);
}

TEST_F(ManagerOnLedger, TheCourseFilterListsOnlyThatCourse) {
    auto a = area();
    ASSERT_EQ(a.course_ids().size(), 1u);
    a.set_course(a.course_ids()[0]);
    EXPECT_EQ(a.listed(), 3u);
    a.set_course("no-such-course");
    EXPECT_EQ(a.listed(), 0u);
}

TEST_F(ManagerOnLedger, TheStatusFilterListsOneStatusWhileTheTilesStillCountEvery) {
    auto a = area();
    a.set_status(report::Status::not_started);
    EXPECT_EQ(names(a), std::vector<std::string>{"Cara Diaz"});
    EXPECT_EQ(a.tally().total, 3);
}

TEST_F(ManagerOnLedger, SortByNameListsAlphabetically) {
    auto a = area();
    a.set_sort(ManagerSort::name);
    EXPECT_EQ(names(a), (std::vector<std::string>{"Ann Lee", "Bob Hart", "Cara Diaz"}));
}

TEST_F(ManagerOnLedger, SortByStaffIdListsByStaffId) {
    auto a = area();
    a.set_sort(ManagerSort::staff_id);
    EXPECT_EQ(a.listed_row(0).staff_id, "A-1");
    EXPECT_EQ(a.listed_row(2).staff_id, "C-3");
}

// The sample's refresher is 12 months: thirteen months on, Ann's completion has lapsed.
TEST_F(ManagerOnLedger, OverdueLearnersComeFirstAndTheListSaysByHowManyDays) {
    const auto a = area(add_months(t->now, 13));
    ASSERT_EQ(a.listed_row(0).name, "Ann Lee");
    ASSERT_EQ(a.listed_row(0).status, report::Status::overdue);
    const std::string said = status_text(a.listed_row(0), a.as_of());
    EXPECT_EQ(said.rfind("Overdue by ", 0), 0u) << said;
    EXPECT_NE(said.find(" days (due "), std::string::npos) << said;
}

TEST_F(ManagerOnLedger, TheTableByTeamAndCourseCountsEachTeam) {
    const auto a = area();
    const auto& cells = a.by_team_and_course();
    ASSERT_EQ(cells.size(), 2u);
    EXPECT_EQ(cells[0].team, "Early help");
    EXPECT_EQ(cells[0].tally.total, 2);
    EXPECT_EQ(cells[0].tally.compliant(), 1);
    EXPECT_EQ(cells[1].team, "Youth team");
    EXPECT_EQ(cells[1].tally.count(report::Status::not_started), 1);
}

TEST_F(ManagerOnLedger, ExportsTakeTheTeamCourseAndStatusButNotTheSearch) {
    auto a = area();
    a.set_team("Early help");
    a.set_status(report::Status::completed);
    a.search() = "Bob";
    a.relist();
    const auto f = a.export_filter();
    EXPECT_EQ(f.team, "Early help");
    EXPECT_EQ(f.status, report::Status::completed);
    EXPECT_EQ(f.course, "");
}

TEST_F(ManagerOnLedger, ACsvExportIsSignedAndVerifyExportAcceptsIt) {
    const auto outcome = run_export(area(), ExportKind::csv);
    ASSERT_FALSE(outcome.error) << outcome.error->describe();
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename(), "waymark-report-2026-03-02.csv");
    EXPECT_TRUE(verify(outcome.files[0]).ok());
    EXPECT_NE(read_file(outcome.files[0]).find("Cara Diaz"), std::string::npos);
}

TEST_F(ManagerOnLedger, AnXlsxExportIsSignedAndVerifyExportAcceptsIt) {
    const auto outcome = run_export(area(), ExportKind::xlsx);
    ASSERT_FALSE(outcome.error) << outcome.error->describe();
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_TRUE(verify(outcome.files[0]).ok());
}

TEST_F(ManagerOnLedger, AnHtmlExportOfOneTeamIsSignedAndNamedForTheTeam) {
    auto a = area();
    a.set_team("Youth team");
    const auto outcome = run_export(a, ExportKind::html);
    ASSERT_FALSE(outcome.error) << outcome.error->describe();
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename(), "waymark-report-2026-03-02-youth-team.html");
    EXPECT_TRUE(verify(outcome.files[0]).ok());
}

TEST_F(ManagerOnLedger, AnExportChangedAfterwardsNoLongerVerifies) {
    const auto outcome = run_export(area(), ExportKind::csv);
    ASSERT_EQ(outcome.files.size(), 1u);
    std::ofstream(outcome.files[0], std::ios::app) << "Mallory,M-9\n";
    EXPECT_FALSE(verify(outcome.files[0]).intact());
}

TEST_F(ManagerOnLedger, AnExportToAFolderThatCannotBeMadeSaysWhichAndWritesNothing) {
    std::ofstream(dir / "a-file") << "not a folder";
    const auto outcome = run_export(area(), ExportKind::csv, dir / "a-file" / "exports");
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(outcome.error->code, ErrorCode::io);
    EXPECT_NE(outcome.error->describe().find("a-file"), std::string::npos);
    EXPECT_TRUE(outcome.files.empty());
}

// The test holds the ledger's write lock, so the export waits where it would take its
// checkpoint; Cancel is pressed while it waits.
TEST_F(ManagerOnLedger, ACancelledExportLeavesNoFileNorHalfOfOne) {
    const auto a = area();
    const fs::path folder = dir / "exports";
    std::unique_ptr<ManagerExport> e;
    auto other = ledger::Ledger::open(dir / "ledger.db").value();
    ASSERT_TRUE(other.in_one_transaction([&]() -> Result<void> {
        e = std::make_unique<ManagerExport>(
            journal->ledger().path(),
            ExportRequest{ExportKind::csv, folder, a.export_filter(), a.as_of(), {}});
        e->cancel();
        return {};
    }));
    while (!e->finished())
        std::this_thread::sleep_for(5ms);
    EXPECT_TRUE(e->outcome().cancelled);
    EXPECT_FALSE(e->outcome().error);
    EXPECT_EQ(e->message(), "Cancelled. Nothing was written.");
    EXPECT_TRUE(fs::is_empty(folder));
}

TEST_F(ManagerOnLedger, CertificatesAreOnePdfPerLearnerWithACurrentCompletion) {
    const auto outcome = run_export(area(), ExportKind::certificates);
    ASSERT_FALSE(outcome.error) << outcome.error->describe();
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename(), "certificate-A-1-waymark-sample.pdf");
    EXPECT_EQ(read_file(outcome.files[0]).substr(0, 5), "%PDF-");
    EXPECT_EQ(outcome.skipped, 2);  // Bob and Cara have nothing to certify
}

TEST_F(ManagerOnLedger, ThePlayerExportsToTheCertificateFolderAndSaysWhereAndHowToCheckIt) {
    test::Journey j(*journal, {test::sample_course()}, dir / "Documents");
    j.now = t->now;
    Player& p = j.p();
    p.open_manager();
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    ASSERT_TRUE(p.take_manager_area(10s));
    ASSERT_NE(p.manager_area(), nullptr);
    EXPECT_EQ(p.export_folder(), (dir / "Documents").string());
    p.start_export(ExportKind::csv);
    ASSERT_NE(p.current_export(), nullptr);
    while (p.exporting())
        std::this_thread::sleep_for(5ms);
    const fs::path file = dir / "Documents" / "waymark-report-2026-03-02.csv";
    EXPECT_TRUE(fs::exists(file));
    EXPECT_NE(p.export_message().find(file.string() + ".sig"), std::string::npos)
        << p.export_message();
    EXPECT_NE(p.export_message().find("auditor"), std::string::npos);
}

TEST_F(ManagerOnLedger, LockingTheAreaForgetsItAndItsExport) {
    test::Journey j(*journal, {test::sample_course()}, dir / "Documents");
    Player& p = j.p();
    p.open_manager();
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    ASSERT_TRUE(p.take_manager_area(10s));
    p.start_export(ExportKind::csv);
    p.close_manager();
    EXPECT_EQ(p.manager_area(), nullptr);
    EXPECT_EQ(p.current_export(), nullptr);
}

// A course required only of the Youth team is optional for Ann and Bob: listed apart,
// never counted as not started.
TEST_F(ManagerOnLedger, RowsWhereTheCourseIsOptionalAreListedApartAndNotCounted) {
    ASSERT_TRUE(journal->ledger().record_setting(
        "", {"course.waymark-sample.required_for", "team:Youth team"}));
    auto a = area();
    EXPECT_EQ(a.tally().total, 1);
    EXPECT_EQ(a.tally().optional, 2);
    a.show_optional();
    EXPECT_EQ(names(a), (std::vector<std::string>{"Bob Hart", "Ann Lee"}));
    EXPECT_EQ(status_text(a.listed_row(1), a.as_of()).rfind("Optional: Complete", 0), 0u);
    a.set_status(report::Status::not_started);
    EXPECT_EQ(names(a), std::vector<std::string>{"Cara Diaz"});
}

TEST_F(ManagerOnLedger, TheTableByTeamAndCourseFollowsTheTeamFilter) {
    auto a = area();
    a.set_team("Youth team");
    ASSERT_EQ(a.listed_cells(), 1u);
    EXPECT_EQ(a.listed_cell(0).team, "Youth team");
}

TEST_F(ManagerOnLedger, TeamsAreOfferedInAlphabeticalOrderNotTheOrderTheyJoined) {
    t->p().show_add_learner();
    t->p().form() = {"Dee Park", "D-4", "Adult care", "Support worker"};
    ASSERT_TRUE(t->p().submit_learner_form());
    EXPECT_EQ(area().teams(), (std::vector<std::string>{"Adult care", "Early help", "Youth team"}));
}

TEST_F(ManagerOnLedger, TheChoiceInTheListMovesByRowsAndStopsAtEitherEnd) {
    auto a = area();
    EXPECT_FALSE(a.selected().has_value());
    a.move_selection(1);
    EXPECT_EQ(a.selected(), 0u) << "with nothing chosen, a move starts at the first row";
    a.move_selection(10);
    EXPECT_EQ(a.selected(), 2u);
    a.move_selection(-1);
    EXPECT_EQ(a.selected(), 1u);
    a.move_selection(-10);
    EXPECT_EQ(a.selected(), 0u);
}

TEST_F(ManagerOnLedger, TheChoiceStaysWithItsRowWhenASearchNarrowsTheList) {
    auto a = area();
    a.select(1);
    ASSERT_EQ(a.selected_row()->name, "Cara Diaz");
    a.search() = "cara";
    a.relist();
    EXPECT_EQ(a.selected(), 0u);
    EXPECT_EQ(a.selected_row()->name, "Cara Diaz");
    a.search() = "ann";
    a.relist();
    EXPECT_FALSE(a.selected().has_value()) << "a row that is not listed cannot be acted on";
    EXPECT_EQ(a.selected_row(), nullptr);
}

namespace {

// The area open in the player, with Bob's PIN set (4829) and Cara without one.
struct ManagerPinReset : ManagerOnLedger {
    void SetUp() override {
        ManagerOnLedger::SetUp();
        ASSERT_TRUE(journal->set_pin(id_of("Bob Hart"), "4829"));
        t->p().open_manager();
        t->p().manager_passphrase() = kManagerPassphrase;
        t->p().submit_manager_passphrase();
        ASSERT_TRUE(t->p().take_manager_area(10s));
        ASSERT_NE(t->p().manager_area(), nullptr) << t->p().manager_problem();
    }
    std::string id_of(const std::string& name) {
        for (const auto& l : t->p().learners())
            if (l.name == name)
                return l.id;
        ADD_FAILURE() << "no learner " << name;
        return {};
    }
    void choose(const std::string& name) {
        const ManagerArea& a = *t->p().manager_area();
        for (std::size_t i = 0; i < a.listed(); ++i)
            if (a.listed_row(i).name == name)
                return t->p().select_manager_row(i);
        ADD_FAILURE() << name << " is not listed";
    }
};

}  // namespace

TEST_F(ManagerPinReset, AskingToResetNamesThePersonAndWhatHappensNext) {
    choose("Bob Hart");
    ASSERT_EQ(t->p().chosen_pin(), Player::PinRecord::set);
    t->p().ask_pin_reset();
    ASSERT_TRUE(t->p().confirming_pin_reset());
    EXPECT_EQ(t->p().pin_reset_question(),
              "Reset the PIN of Bob Hart (B-2)? They will choose a new one when they next sign "
              "in.");
    EXPECT_TRUE(journal->has_pin(id_of("Bob Hart")).value()) << "reset before it was confirmed";
}

TEST_F(ManagerPinReset, ConfirmingResetsThePinInTheLedgerAndSaysSo) {
    choose("Bob Hart");
    t->p().ask_pin_reset();
    t->p().confirm_pin_reset();
    EXPECT_FALSE(journal->has_pin(id_of("Bob Hart")).value());
    EXPECT_FALSE(t->p().confirming_pin_reset());
    EXPECT_EQ(t->p().pin_reset_message(),
              "The PIN of Bob Hart (B-2) is reset. They will choose a new one when they next "
              "sign in on this device.");
    EXPECT_EQ(t->p().chosen_pin(), Player::PinRecord::none) << "a second reset is offered";
    EXPECT_TRUE(journal->ledger().verify()->ok());
}

TEST_F(ManagerPinReset, AfterTheResetTheLearnerSignsInWithoutTheirOldPin) {
    choose("Bob Hart");
    t->p().ask_pin_reset();
    t->p().confirm_pin_reset();
    t->p().close_manager();
    const auto& people = t->p().learners();
    const auto bob = std::find_if(people.begin(), people.end(),
                                  [](const Learner& l) { return l.name == "Bob Hart"; });
    t->p().choose_learner(static_cast<std::size_t>(bob - people.begin()));
    EXPECT_EQ(t->p().pin_step(), Player::PinStep::none);
    EXPECT_EQ(t->p().screen(), Screen::library);
}

TEST_F(ManagerPinReset, CancellingTheConfirmationKeepsThePin) {
    choose("Bob Hart");
    t->p().ask_pin_reset();
    t->p().cancel_pin_reset();
    t->p().confirm_pin_reset();
    EXPECT_TRUE(journal->has_pin(id_of("Bob Hart")).value());
    EXPECT_TRUE(t->p().pin_reset_message().empty());
}

TEST_F(ManagerPinReset, ALearnerWithoutAPinIsOfferedNoReset) {
    choose("Cara Diaz");
    EXPECT_EQ(t->p().chosen_pin(), Player::PinRecord::none);
    t->p().ask_pin_reset();
    EXPECT_FALSE(t->p().confirming_pin_reset());
}

TEST_F(ManagerPinReset, ChoosingAnotherRowWithdrawsTheConfirmation) {
    choose("Bob Hart");
    t->p().ask_pin_reset();
    choose("Cara Diaz");
    EXPECT_FALSE(t->p().confirming_pin_reset());
    t->p().confirm_pin_reset();
    EXPECT_TRUE(journal->has_pin(id_of("Bob Hart")).value());
}

// Someone with the file edits Bob's PIN record: the ledger vouches for no PIN of his, the
// manager is told what it found and can reset it, and Bob then chooses a new one.
TEST_F(ManagerPinReset, APinRecordEditedInTheFileIsOfferedForResetWithWhatTheLedgerFound) {
    const std::string sql =
        "UPDATE events SET payload = replace(payload, 'argon2id', 'argon2i') WHERE type = "
        "'learner-pin-set'";
    ASSERT_EQ(
        std::system(("sqlite3 '" + (dir / "ledger.db").string() + "' \"" + sql + "\"").c_str()), 0);
    choose("Bob Hart");
    ASSERT_EQ(t->p().chosen_pin(), Player::PinRecord::damaged);
    EXPECT_NE(t->p().pin_record_detail().find("waymark ledger verify"), std::string::npos)
        << t->p().pin_record_detail();
    t->p().ask_pin_reset();
    t->p().confirm_pin_reset();
    EXPECT_EQ(journal->has_pin(id_of("Bob Hart")).value(), false) << t->p().pin_reset_message();
}

TEST_F(ManagerPinReset, LockingTheAreaForgetsTheChoiceAndTheMessage) {
    choose("Bob Hart");
    t->p().ask_pin_reset();
    t->p().confirm_pin_reset();
    t->p().close_manager();
    EXPECT_EQ(t->p().chosen_pin(), Player::PinRecord::none);
    EXPECT_TRUE(t->p().pin_reset_message().empty());
}

// --- reading the area on a worker ------------------------------------------------------

TEST_F(ManagerOnLedger, TheAreaIsReadOnAWorkerWhileTheScreenSaysSo) {
    Player& p = t->p();
    p.open_manager();
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    EXPECT_EQ(p.screen(), Screen::manager);
    ASSERT_TRUE(p.manager_loading());
    EXPECT_EQ(p.manager_load_message().rfind("Reading the training records", 0), 0u)
        << p.manager_load_message();
    ASSERT_TRUE(p.take_manager_area(10s));
    EXPECT_FALSE(p.manager_loading());
    ASSERT_NE(p.manager_area(), nullptr) << p.manager_problem();
    EXPECT_EQ(p.manager_area()->listed(), 3u);
}

TEST_F(ManagerOnLedger, LockingTheAreaWhileItIsReadStopsTheReading) {
    Player& p = t->p();
    p.open_manager();
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    p.close_manager();
    EXPECT_FALSE(p.manager_loading());
    EXPECT_TRUE(p.take_manager_area());
    EXPECT_EQ(p.manager_area(), nullptr);
}

TEST_F(ManagerOnLedger, ALoadAskedToStopReturnsNoArea) {
    AreaLoadProgress progress;
    progress.cancel = true;
    auto a = ManagerArea::load(journal->ledger(), t->now, {}, &progress);
    ASSERT_FALSE(a);
    EXPECT_NE(a.error().message.find("stopped"), std::string::npos) << a.error().message;
}

// The worker opens the ledger by its path: gone from the folder (moved by someone while
// the player ran), the screen says the records could not be read and what to do.
TEST_F(ManagerOnLedger, ARecordsFileThatCannotBeOpenedIsSaidOnTheScreen) {
    fs::rename(dir / "ledger.db", dir / "moved.db");
    Player& p = t->p();
    p.open_manager();
    p.manager_passphrase() = kManagerPassphrase;
    p.submit_manager_passphrase();
    ASSERT_TRUE(p.take_manager_area(10s));
    EXPECT_EQ(p.manager_area(), nullptr);
    EXPECT_NE(p.manager_problem().find("The training records could not be read"), std::string::npos)
        << p.manager_problem();
    EXPECT_NE(p.manager_problem().find("waymark ledger verify"), std::string::npos);
}
