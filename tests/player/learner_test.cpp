#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/learner.hpp"
#include "waymark/player/ledger_journal.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;
using PinStep = Player::PinStep;

namespace {
LearnerForm good() {
    return {"Sam Patel", "WF-1023", "Early help", "Family worker"};
}

bool reports(const std::vector<FieldProblem>& problems, LearnerField field) {
    for (const auto& p : problems)
        if (p.field == field)
            return true;
    return false;
}
}  // namespace

TEST(LearnerForm, AcceptsACompleteForm) {
    EXPECT_TRUE(check_learner_form(good(), {}).empty());
}

TEST(LearnerForm, RequiresAName) {
    auto f = good();
    f.name = "   ";
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::name));
}

TEST(LearnerForm, RequiresATeam) {
    auto f = good();
    f.team.clear();
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::team));
}

TEST(LearnerForm, RequiresAStaffIdAndARole) {
    auto f = good();
    f.staff_id.clear();
    f.role.clear();
    const auto problems = check_learner_form(f, {});
    EXPECT_TRUE(reports(problems, LearnerField::staff_id));
    EXPECT_TRUE(reports(problems, LearnerField::role));
}

TEST(LearnerForm, RefusesAStaffIdWithSpacesInside) {
    auto f = good();
    f.staff_id = "WF 1023";
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::staff_id));
}

TEST(LearnerForm, RefusesAStaffIdAlreadyOnThisDeviceIgnoringCase) {
    Learner existing{"id", "Other", "wf-1023", "Team", ""};
    EXPECT_TRUE(reports(check_learner_form(good(), {existing}), LearnerField::staff_id));
}

TEST(LearnerForm, AStaffIdAlreadyTakenTellsTheLearnerToPickTheirNameIfItIsTheirs) {
    Learner existing{"id", "Other", "wf-1023", "Team", ""};
    const auto problems = check_learner_form(good(), {existing});
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems.front().message.find("If that is you, pick your name from the list"),
              std::string::npos)
        << problems.front().message;
}

TEST(LearnerForm, RefusesAFieldLongerThan100Characters) {
    auto f = good();
    f.role = std::string(101, 'a');
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::role));
}

TEST(LearnerForm, RefusesControlCharacters) {
    auto f = good();
    f.name = "Sam\x01";
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::name));
}

TEST(LearnerForm, TidyRemovesSurroundingSpaces) {
    auto f = good();
    f.name = "  Sam Patel \t";
    EXPECT_EQ(tidy(f).name, "Sam Patel");
}

TEST(LearnerForm, RefusesTheStaffIdsThePlayerAndTheCommandLineOnceDisagreedOn) {
    auto f = good();
    f.staff_id = "wf 1";
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::staff_id));
    f.staff_id = "WF-1";
    Learner existing{"id", "Other", "wf-1", "Team", "Role"};
    EXPECT_TRUE(reports(check_learner_form(f, {existing}), LearnerField::staff_id));
}

TEST(LearnerForm, APinIsOptionalUnlessTheOrganisationRequiresOne) {
    EXPECT_TRUE(check_learner_form(good(), {}, false).empty());
    EXPECT_TRUE(reports(check_learner_form(good(), {}, true), LearnerField::pin));
}

TEST(LearnerForm, RefusesAPinThatIsNotTypedTheSameTwice) {
    auto f = good();
    f.pin = "4829";
    f.pin_again = "4828";
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::pin_again));
}

TEST(LearnerForm, RefusesAPinOfLetters) {
    auto f = good();
    f.pin = f.pin_again = "abcd";
    EXPECT_TRUE(reports(check_learner_form(f, {}), LearnerField::pin));
}

namespace {

// Sam added themselves with `pin` (none when empty), then signed out.
void add_and_sign_out(test::Journey& t, const std::string& pin = "4829") {
    t.p().show_add_learner();
    t.p().form() = {"Sam Patel", "WF-1", "Early help", "Family worker", pin, pin};
    ASSERT_TRUE(t.p().submit_learner_form());
    t.p().sign_out();
}

}  // namespace

TEST(PinSignIn, ALearnerWithAPinIsAskedForItBeforeTheLibrary) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t);
    t.p().choose_learner(0);
    EXPECT_EQ(t.p().screen(), Screen::learners);
    EXPECT_EQ(t.p().pin_step(), PinStep::enter);
    EXPECT_EQ(t.p().learner(), nullptr);
}

TEST(PinSignIn, TheRightPinOpensTheLibrary) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t);
    t.p().choose_learner(0);
    t.p().form().pin = "4829";
    t.p().submit_pin();
    EXPECT_EQ(t.p().screen(), Screen::library);
    ASSERT_NE(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().learner()->name, "Sam Patel");
}

TEST(PinSignIn, AWrongPinKeepsTheLearnerOutAndSaysHowLongToWait) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t);
    t.p().choose_learner(0);
    t.p().form().pin = "4830";
    t.p().submit_pin();
    EXPECT_EQ(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().pin_problem(), "Wrong PIN. Try again in 1 second.");
    EXPECT_FALSE(t.p().can_submit_pin());
    EXPECT_TRUE(t.p().form().pin.empty()) << "the typed PIN stays in memory";
    t.now += 1s;
    EXPECT_TRUE(t.p().can_submit_pin());
}

TEST(PinSignIn, ALearnerWithoutAPinSignsStraightInWhenNoneIsRequired) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t, "");
    t.p().choose_learner(0);
    EXPECT_EQ(t.p().screen(), Screen::library);
}

TEST(PinSignIn, OnceRequiredALearnerWithoutAPinChoosesOneBeforeTheLibrary) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t, "");
    j.set_pins_required(true);
    t.p().choose_learner(0);
    ASSERT_EQ(t.p().pin_step(), PinStep::choose);
    t.p().form().pin = "4829";
    t.p().form().pin_again = "4828";
    t.p().submit_pin();
    EXPECT_EQ(t.p().screen(), Screen::learners);
    ASSERT_EQ(t.p().form_problems().size(), 1u);
    EXPECT_EQ(t.p().form_problems()[0].field, LearnerField::pin_again);
    t.p().form().pin = t.p().form().pin_again = "4829";
    t.p().submit_pin();
    EXPECT_EQ(t.p().screen(), Screen::library);
    EXPECT_TRUE(j.has_pin(t.p().learner()->id).value());
}

TEST(PinSignIn, AddingYourselfAsksForAPinWhenTheOrganisationRequiresOne) {
    MemoryJournal j;
    j.set_pins_required(true);
    test::Journey t(j);
    t.p().show_add_learner();
    EXPECT_TRUE(t.p().pins_required());
    t.p().form() = {"Sam Patel", "WF-1", "Early help", "Family worker"};
    EXPECT_FALSE(t.p().submit_learner_form());
    EXPECT_TRUE(reports(t.p().form_problems(), LearnerField::pin));
}

TEST(PinSignIn, BackFromThePinReturnsToTheList) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t);
    t.p().choose_learner(0);
    t.p().cancel_pin();
    EXPECT_EQ(t.p().pin_step(), PinStep::none);
    EXPECT_EQ(t.p().screen(), Screen::learners);
}

namespace {

struct PinWithLedger : ::testing::Test {
    const waymark::testing::ScratchFolder dir{"player-pin"};
    // The ledger's clock stands still, so its wait cannot run out while the test runs.
    LedgerJournal open() {
        ledger::OpenOptions options;
        options.clock = [] { return *parse_iso8601("2026-03-02T09:00:00Z"); };
        return LedgerJournal(ledger::Ledger::open(dir / "ledger.db", options).value());
    }
};

}  // namespace

// The wait after a wrong PIN is kept in the ledger, so closing the player and opening it
// again (what a colleague guessing would do) does not clear it.
TEST_F(PinWithLedger, TheWaitAfterAWrongPinSurvivesRestartingThePlayer) {
    {
        auto j = open();
        test::Journey t(j);
        add_and_sign_out(t);
        t.p().choose_learner(0);
        t.p().form().pin = "4830";
        t.p().submit_pin();
        ASSERT_EQ(t.p().pin_problem(), "Wrong PIN. Try again in 1 second.");
    }
    auto j = open();
    test::Journey restarted(j);
    restarted.p().choose_learner(0);
    restarted.p().form().pin = "4829";
    restarted.p().submit_pin();
    EXPECT_EQ(restarted.p().learner(), nullptr) << "the right PIN was checked during the wait";
    EXPECT_NE(restarted.p().pin_problem().find("Too many wrong PINs"), std::string::npos)
        << restarted.p().pin_problem();
}

TEST(PinSignIn, AfterAManagersResetTheLearnerSignsInWithoutAPin) {
    MemoryJournal j;
    test::Journey t(j);
    add_and_sign_out(t);
    ASSERT_TRUE(j.reset_pin(t.p().learners()[0].id));
    t.p().choose_learner(0);
    EXPECT_EQ(t.p().pin_step(), PinStep::none);
    EXPECT_EQ(t.p().screen(), Screen::library);
}

namespace {

// Edits the PIN hash recorded in the ledger file, as someone with the file but not the
// device key might, through the sqlite3 program.
int edit_pin_hash(const std::filesystem::path& ledger) {
    const std::string sql =
        "UPDATE events SET payload = replace(payload, 'argon2id', 'argon2i') WHERE type = "
        "'learner-pin-set'";
    return std::system(("sqlite3 '" + ledger.string() + "' \"" + sql + "\"").c_str());
}

constexpr const char* kUncheckablePin =
    "This PIN cannot be checked on this device. Ask your manager to reset it.";

}  // namespace

TEST_F(PinWithLedger, APinRecordEditedInTheFileIsExplainedInTheLearnersWords) {
    auto j = open();
    test::Journey t(j);
    add_and_sign_out(t);
    ASSERT_EQ(edit_pin_hash(dir / "ledger.db"), 0);
    t.p().choose_learner(0);
    EXPECT_EQ(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().pin_problem(), kUncheckablePin);
}

TEST_F(PinWithLedger, APinRecordEditedWhileThePinStepIsOpenIsExplainedInTheLearnersWords) {
    auto j = open();
    test::Journey t(j);
    add_and_sign_out(t);
    t.p().choose_learner(0);
    ASSERT_EQ(t.p().pin_step(), PinStep::enter);
    ASSERT_EQ(edit_pin_hash(dir / "ledger.db"), 0);
    t.p().form().pin = "4829";
    t.p().submit_pin();
    EXPECT_EQ(t.p().learner(), nullptr) << "a PIN edited into the file opened the library";
    EXPECT_EQ(t.p().pin_problem(), kUncheckablePin);
}

TEST(LearnerSearch, IsOfferedOnlyWhenTheListIsLongerThanAScreen) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_signed_out_learners(Player::kLearnersListedWithoutSearch);
    EXPECT_FALSE(t.p().offers_learner_search());
    t.add_learner("One more", "S99");
    EXPECT_TRUE(t.p().offers_learner_search());
}

TEST(LearnerSearch, ListsOnlyTheLearnersWhoseNameOrStaffIdMatches) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_signed_out_learners(12);
    t.p().learner_search() = "person 1";  // Person 1, 10 and 11
    EXPECT_EQ(t.p().learners_listed(), (std::vector<std::size_t>{1, 10, 11}));
    t.p().learner_search() = "s7";
    EXPECT_EQ(t.p().learners_listed(), (std::vector<std::size_t>{7}));
}

// The next person at a shared device starts from the whole list, not the last one's name.
TEST(LearnerSearch, IsEmptiedWhenTheLearnerSignsOut) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_signed_out_learners(12);
    t.p().learner_search() = "person 3";
    t.p().choose_learner(t.p().learners_listed().front());
    ASSERT_EQ(t.p().screen(), Screen::library);
    t.p().sign_out();
    EXPECT_EQ(t.p().learner_search(), "");
    EXPECT_EQ(t.p().learners_listed().size(), 12u);
}
