// One set of learner rules (waymark/ledger/person.hpp) and the ledger keeping them,
// whoever writes: staff ids of letters, digits and hyphens, unique without regard to case.
#include "waymark/ledger/person.hpp"
#include "ledger_fixture.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

Person person(const std::string& staff_id) {
    return Person{"Sam Patel", staff_id, "", "Early help", "Family worker"};
}

// The message for `field`, or "" when validate_person() reports none.
std::string problem(const std::vector<PersonProblem>& problems, PersonField field) {
    for (const auto& p : problems)
        if (p.field == field)
            return p.message;
    return "";
}

}  // namespace

TEST(ValidatePerson, AcceptsACompletePerson) {
    EXPECT_TRUE(validate_person(person("WF-10234")).empty());
}

TEST(ValidatePerson, RefusesAStaffIdWithASpaceAndSaysWhatToTypeInstead) {
    const auto message = problem(validate_person(person("wf 1")), PersonField::staff_id);
    EXPECT_NE(message.find("type wf-1 instead"), std::string::npos) << message;
}

TEST(ValidatePerson, RefusesAStaffIdAlreadyTakenInAnotherCase) {
    const auto taken = [](std::string_view id) { return same_staff_id(id, "wf-1"); };
    EXPECT_NE(problem(validate_person(person("WF-1"), taken), PersonField::staff_id), "");
}

TEST(ValidatePerson, RefusesControlCharactersInsideAName) {
    auto p = person("WF-1");
    p.name = "Sam\x1b[2JPatel";
    EXPECT_NE(problem(validate_person(p), PersonField::name), "");
}

TEST(ValidatePerson, CountsCharactersNotBytesAgainstTheLimit) {
    auto p = person("WF-1");
    std::string name;
    for (std::size_t i = 0; i < kMostPersonCharacters; ++i)
        name += "\xC3\xA9";  // é: two bytes, one character
    p.name = name;
    EXPECT_EQ(problem(validate_person(p), PersonField::name), "");
    p.name += "e";
    EXPECT_NE(problem(validate_person(p), PersonField::name), "");
}

TEST(ValidatePerson, ReportsEveryProblemInFieldOrder) {
    const auto problems = validate_person(Person{"", "wf 1", "not-an-address", "", " "});
    ASSERT_EQ(problems.size(), 5u);
    EXPECT_EQ(problems[0].field, PersonField::name);
    EXPECT_EQ(problems[1].field, PersonField::staff_id);
    EXPECT_EQ(problems[2].field, PersonField::email);
    EXPECT_EQ(problems[3].field, PersonField::team);
    EXPECT_EQ(problems[4].field, PersonField::role);
}

// How the manager area, the command line and certificates name a learner in a sentence.
TEST(NameWithStaffId, PutsTheStaffIdInBracketsAfterTheName) {
    EXPECT_EQ(name_with_staff_id("Bob Hart", "B-2"), "Bob Hart (B-2)");
}

// A record that holds no staff id still reads as a name, not as "Bob Hart ()".
TEST(NameWithStaffId, IsTheNameAloneWhenNoStaffIdIsRecorded) {
    EXPECT_EQ(name_with_staff_id("Bob Hart", ""), "Bob Hart");
}

TEST(PinRules, AcceptsFourToTwelveDigitsThatAreNotAnObviousGuess) {
    EXPECT_EQ(pin_problem("4829"), std::nullopt);
    EXPECT_EQ(pin_problem("482913570264"), std::nullopt);
}

TEST(PinRules, RefusesLettersTooFewDigitsAndObviousGuesses) {
    for (const char* pin : {"48a9", "482", "4829135702641", "0000", "1234", "9876", ""})
        EXPECT_NE(pin_problem(pin), std::nullopt) << pin;
}

TEST_F(LedgerTest, RefusesAStaffIdThatDiffersFromAnotherOnlyByCase) {
    Ledger l = open();
    ASSERT_TRUE(l.add_learner(person("wf-1")));
    auto second = l.add_learner(person("WF-1"));
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::invalid);
    EXPECT_NE(second.error().message.find("staff id"), std::string::npos);
    EXPECT_EQ(query(file_, "SELECT count(*) FROM learners"), "1");
}

TEST_F(LedgerTest, RefusesAStaffIdWithASpaceWhoeverWrites) {
    Ledger l = open();
    auto added = l.add_learner(person("wf 1"));
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find("type wf-1 instead"), std::string::npos)
        << added.error().message;
}

TEST_F(LedgerTest, StoresThePersonWithoutSurroundingSpaces) {
    Ledger l = open();
    auto added =
        l.add_learner(Person{"  Sam Patel ", " WF-1", "", "Early help\n", "Family worker"});
    ASSERT_TRUE(added) << added.error().describe();
    EXPECT_EQ(query(file_, "SELECT name || '|' || staff_id || '|' || team FROM learners"),
              "Sam Patel|WF-1|Early help");
}

TEST_F(LedgerTest, AStaffIdFreedByAnErasureMayBeUsedAgainInAnyCase) {
    Ledger l = open();
    auto first = l.add_learner(person("wf-1"));
    ASSERT_TRUE(first);
    ASSERT_TRUE(l.erase_learner(first->id));
    EXPECT_TRUE(l.add_learner(person("WF-1")));
}

// Two devices each enrolled one spelling before staff ids were compared without regard to
// case; the merged ledger is evidence and must stay readable, while a third is refused.
TEST_F(LedgerTest, ALedgerHoldingStaffIdsThatDifferOnlyByCaseOpensVerifiesAndRefusesAThird) {
    const auto other_file = dir_ / "other.db";
    {
        Ledger l = open();
        ASSERT_TRUE(l.add_learner(person("wf-1")));
        auto other = Ledger::open(other_file);
        ASSERT_TRUE(other) << other.error().describe();
        ASSERT_TRUE(other->add_learner(person("WF-1")));
        auto merged = l.merge(other_file);
        ASSERT_TRUE(merged) << merged.error().describe();
    }
    Ledger l = open();
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
    auto all = l.learners();
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 2u);
    EXPECT_FALSE(l.add_learner(person("Wf-1")));
}
