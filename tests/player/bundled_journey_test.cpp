// Every bundled course can be taken from start to finish as learners get it, a signed
// package: a new learner reads every page, fails the assessment once, passes it, and the
// ledger holds a compliant completion and verifies.
#include <gtest/gtest.h>

#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/ledger_journal.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

class BundledJourney : public ::testing::TestWithParam<std::string> {
  protected:
    const waymark::testing::ScratchFolder dir{"bundled-journey-" + GetParam()};
};

}  // namespace

TEST_P(BundledJourney, ReadEveryPageFailPassAndTheLedgerVerifies) {
    LedgerJournal journal(ledger::Ledger::open(dir / "ledger.db").value());
    test::Journey t(journal, {test::packed_course(test::course_folder(GetParam()))});
    ASSERT_TRUE(t.p().library().front().error.empty()) << t.p().library().front().error;
    t.add_learner();
    t.read_every_page();
    EXPECT_FALSE(t.p().reader()->can_go_next());
    t.p().next_page();
    t.p().start_assessment();
    ASSERT_EQ(t.p().screen(), Screen::assessment);
    t.sit(false);
    ASSERT_EQ(t.p().screen(), Screen::result);
    EXPECT_FALSE(t.p().result()->passed);

    t.now += 24h;  // past any wait between attempts
    t.p().open_assessment_intro();
    ASSERT_TRUE(t.p().eligibility().allowed);
    t.p().start_assessment();
    t.sit(true);
    ASSERT_TRUE(t.p().result()->passed);
    EXPECT_TRUE(t.p().completed());

    auto completions = journal.ledger().completions(t.p().learner()->id, GetParam());
    ASSERT_TRUE(completions.ok());
    ASSERT_EQ(completions->size(), 1u);
    EXPECT_TRUE(completions->front().course.trusted);
    EXPECT_TRUE(journal.ledger().verify()->ok());
}

INSTANTIATE_TEST_SUITE_P(Courses, BundledJourney,
                         ::testing::Values("prevent-duty", "run-hide-tell-young-people",
                                           "waymark-sample"));
