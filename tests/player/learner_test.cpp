#include <gtest/gtest.h>

#include "waymark/player/learner.hpp"

using namespace waymark::player;

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
