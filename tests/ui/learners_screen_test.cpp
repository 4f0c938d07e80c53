// The learners screen by keyboard (issue 16, issue 17): "Add yourself" sent with Enter from
// its fields in Tab order, errors beside the fields, and signing in with a PIN.
#include <gtest/gtest.h>

#include "../player/journey.hpp"
#include "harness.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

const std::string kSam = "Sam Patel  \xC2\xB7  Early help##learner0";

// Types `text` into the field `label`, reaching it with Tab only.
::testing::AssertionResult tab_and_type(test::Harness& h, const std::string& label,
                                        const std::string& text) {
    if (!h.tab_to(label))
        return ::testing::AssertionFailure()
               << "Tab never reached " << label << "; drawn " << h.labels();
    h.type(text);
    return ::testing::AssertionSuccess();
}

// Sam, who set the PIN 4829 when adding themselves, then signed out.
void sam_with_a_pin(test::Journey& t) {
    t.p().show_add_learner();
    t.p().form() = {"Sam Patel", "WF-1", "Early help", "Family worker", "4829", "4829"};
    ASSERT_TRUE(t.p().submit_learner_form());
    t.p().sign_out();
}

}  // namespace

TEST(AddYourself, EnterInTheLastFieldSendsTheForm) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_EQ(t.p().screen(), Screen::add_learner);
    ASSERT_TRUE(tab_and_type(h, "Name", "Sam Patel"));
    ASSERT_TRUE(tab_and_type(h, "Staff id", "WF-1023"));
    ASSERT_TRUE(tab_and_type(h, "Team", "Early help"));
    ASSERT_TRUE(tab_and_type(h, "Role", "Family worker"));
    ASSERT_TRUE(tab_and_type(h, "PIN (optional)", "4829"));
    ASSERT_TRUE(tab_and_type(h, "PIN again", "4829"));
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::library);
    ASSERT_NE(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().learner()->staff_id, "WF-1023");
    EXPECT_TRUE(journal.has_pin(t.p().learner()->id).value());
}

TEST(AddYourself, EnterInTheRoleFieldSendsTheFormWithoutAPin) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(tab_and_type(h, "Name", "Sam Patel"));
    ASSERT_TRUE(tab_and_type(h, "Staff id", "WF-1023"));
    ASSERT_TRUE(tab_and_type(h, "Team", "Early help"));
    ASSERT_TRUE(tab_and_type(h, "Role", "Family worker"));
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::library);
}

// The one focus rule of the sign-in screens: the first screen of a new device takes typing
// in its first field at once (it went nowhere until a Tab).
TEST(AddYourself, OpensWithTheFocusInTheNameFieldSoTypingStartsAtOnce) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_EQ(t.p().screen(), Screen::add_learner);
    EXPECT_EQ(h.focused(), "Name");
    h.type("Sam Patel");
    EXPECT_EQ(t.p().form().name, "Sam Patel");
}

TEST(AddYourself, TabGoesThroughTheFieldsInReadingOrder) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to("Name"));
    for (const char* next :
         {"Staff id", "Team", "Role", "PIN (optional)", "PIN again", "Save and continue"}) {
        h.press(ImGuiKey_Tab);
        EXPECT_EQ(h.focused(), next);
    }
}

TEST(AddYourself, EnterWithAMistakeShowsItBesideTheField) {
    MemoryJournal journal;
    test::Journey t(journal);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(tab_and_type(h, "Name", "Sam Patel"));
    ASSERT_TRUE(tab_and_type(h, "Staff id", "wf 1"));
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::add_learner);
    ASSERT_EQ(t.p().form_problems().size(), 3u);  // staff id, team, role
    EXPECT_EQ(t.p().form_problems()[0].field, LearnerField::staff_id);
    EXPECT_NE(t.p().form_problems()[0].message.find("type wf-1 instead"), std::string::npos);
}

TEST(PinByKeyboard, ALearnerSignsInWithTheirPinByKeyboardAlone) {
    MemoryJournal journal;
    test::Journey t(journal);
    sam_with_a_pin(t);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to(kSam)) << h.labels();
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().pin_step(), Player::PinStep::enter);
    h.frames(2);
    h.type("4829");  // the PIN field has the focus as soon as it opens
    h.press(ImGuiKey_Enter);
    EXPECT_EQ(t.p().screen(), Screen::library);
    ASSERT_NE(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().learner()->name, "Sam Patel");
}

TEST(PinByKeyboard, AWrongPinIsSaidBesideTheFieldAndTheLearnerStaysOut) {
    MemoryJournal journal;
    test::Journey t(journal);
    sam_with_a_pin(t);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to(kSam));
    h.press(ImGuiKey_Enter);
    h.frames(2);
    h.type("1111");
    h.press(ImGuiKey_Enter);
    h.frames(2);
    EXPECT_EQ(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().pin_problem(), "Wrong PIN. Try again in 1 second.");
}

// The one focus rule of the sign-in screens, for the step where a PIN is chosen too.
TEST(PinByKeyboard, ChoosingAPinStartsWithTheFocusInItsFirstField) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().sign_out();
    journal.set_pins_required(true);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to(kSam)) << h.labels();
    h.press(ImGuiKey_Enter);
    ASSERT_EQ(t.p().pin_step(), Player::PinStep::choose);
    h.frames(2);
    EXPECT_EQ(h.focused(), "PIN");
}

TEST(PinByKeyboard, TheTypeYourPinStepOpensWithTheFocusInItsField) {
    MemoryJournal journal;
    test::Journey t(journal);
    sam_with_a_pin(t);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_TRUE(h.tab_to(kSam)) << h.labels();
    h.press(ImGuiKey_Enter);
    h.frames(2);
    EXPECT_EQ(h.focused(), "PIN");
}

// With more names than a screen shows, a learner types theirs instead of scrolling: the
// search has the focus when the screen opens, as the sign-in screens' fields do.
TEST(FindYourName, TypingStraightAwayNarrowsTheList) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_signed_out_learners(12);
    test::Harness h(t.p());
    h.frames(2);
    ASSERT_EQ(t.p().screen(), Screen::learners);
    EXPECT_TRUE(h.has("Person 11  \xC2\xB7  Early help##learner11"));
    h.type("person 1");
    h.frames(2);
    EXPECT_TRUE(h.has("Person 1  \xC2\xB7  Early help##learner1")) << h.labels();
    EXPECT_TRUE(h.has("Person 11  \xC2\xB7  Early help##learner11")) << h.labels();
    EXPECT_FALSE(h.has("Person 2  \xC2\xB7  Early help##learner2")) << h.labels();
}

TEST(FindYourName, EnterWithOneNameLeftPicksIt) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_signed_out_learners(12);
    test::Harness h(t.p());
    h.frames(2);
    h.type("s7");
    h.press(ImGuiKey_Enter);
    h.frames(2);
    ASSERT_NE(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().learner()->name, "Person 7");
}

TEST(FindYourName, SaysWhenNoOneMatchesAndStillOffersToAddYourself) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_signed_out_learners(12);
    test::Harness h(t.p());
    h.frames(2);
    h.type("zebedee");
    h.frames(2);
    EXPECT_TRUE(h.has_containing("No one here matches \"zebedee\"")) << h.labels();
    EXPECT_TRUE(h.has("Add yourself")) << h.labels();
}

TEST(FindYourName, IsNotOfferedForAShortList) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().sign_out();
    test::Harness h(t.p());
    h.frames(2);
    EXPECT_FALSE(h.has("Find your name")) << h.labels();
}
