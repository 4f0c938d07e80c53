#include <gtest/gtest.h>

#include <fstream>

#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/player.hpp"
#include "waymark/player/preview.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

// A journal whose writes start failing on request, as a full disk or locked file would.
class BreakableJournal : public MemoryJournal {
  public:
    bool broken = false;
    Result<void> page_viewed(const std::string& l, const CourseRef& c, const PageRef& p,
                             UtcTime at) override {
        if (broken)
            return fail();
        return MemoryJournal::page_viewed(l, c, p, at);
    }
    Result<void> attempt_event(const std::string& l, const CourseRef& c, const std::string& a,
                               const assessment::AttemptEvent& e) override {
        if (broken)
            return fail();
        return MemoryJournal::attempt_event(l, c, a, e);
    }

  private:
    static Error fail() {
        return make_error(ErrorCode::io, "the ledger is read-only", "/data/ledger.db");
    }
};

}  // namespace

TEST(Player, AsksANewDeviceToAddSomeoneFirst) {
    MemoryJournal j;
    test::Journey t(j);
    EXPECT_EQ(t.p().screen(), Screen::add_learner);
}

TEST(Player, KeepsTheFormOpenWithItsProblemsWhenItIsIncomplete) {
    MemoryJournal j;
    test::Journey t(j);
    t.p().form() = {"", "", "", ""};
    EXPECT_FALSE(t.p().submit_learner_form());
    EXPECT_EQ(t.p().screen(), Screen::add_learner);
    EXPECT_EQ(t.p().form_problems().size(), 4u);  // one per field
}

TEST(Player, SignsInANewLearnerAndShowsTheLibrary) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    EXPECT_EQ(t.p().screen(), Screen::library);
    ASSERT_NE(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().learner()->name, "Sam Patel");
    EXPECT_EQ(j.learners()->size(), 1u);
}

TEST(Player, ShowsTheLearnerListWhenSomeoneIsAlreadyRegistered) {
    MemoryJournal j;
    ASSERT_TRUE(j.add_learner({"x", "Ann", "", "Team", ""}));
    test::Journey t(j);
    EXPECT_EQ(t.p().screen(), Screen::learners);
}

TEST(Player, RemembersSettingsPerLearner) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner("Ann", "A-1");
    t.p().change_settings({150, Theme::dark, true, false});
    t.p().sign_out();
    t.add_learner("Bob", "B-1");
    EXPECT_EQ(t.p().settings().text_size_percent, 100);
    t.p().sign_out();
    t.p().choose_learner(0);
    EXPECT_EQ(t.p().settings().theme, Theme::dark);
}

TEST(Player, SettingsReturnToTheScreenTheyWereOpenedFrom) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    t.p().open_settings();
    EXPECT_EQ(t.p().screen(), Screen::settings);
    t.p().close_settings();
    EXPECT_EQ(t.p().screen(), Screen::course);
}

TEST(Player, DoesNotCountAPageReadWhenItOpens) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    t.p().next_page();
    EXPECT_TRUE(j.history(t.p().learner()->id, "waymark-sample")->pages_viewed.empty());
    EXPECT_FALSE(t.p().reader()->is_read(t.p().reader()->position()));
    EXPECT_EQ(t.p().reader()->percent_read(), 0);
}

TEST(Player, RecordsAPageReadOnceItsEndHasBeenOnScreen) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    t.p().next_page();
    t.p().page_end_seen();
    t.p().page_end_seen();  // seen again: recorded once
    auto h = j.history(t.p().learner()->id, "waymark-sample");
    ASSERT_EQ(h->pages_viewed.size(), 1u);
    EXPECT_EQ(h->pages_viewed.back(), t.p().reader()->ref(t.p().reader()->position()));
    EXPECT_TRUE(t.p().reader()->is_read(t.p().reader()->position()));
}

TEST(Player, TheLibraryAndTheCourseSayTheSamePercentRead) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    for (int i = 0; i < 3; ++i) {
        t.p().page_end_seen();
        t.p().next_page();
    }
    const auto& course = *t.p().current_course()->course;
    const auto h = j.history(t.p().learner()->id, "waymark-sample");
    EXPECT_GT(t.p().reader()->percent_read(), 0);
    EXPECT_EQ(percent_read(course, pages_read(course, h->pages_viewed).size()),
              t.p().reader()->percent_read());
}

TEST(Player, OffersTheAssessmentFromTheLastPage) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.read_every_page();
    EXPECT_EQ(t.p().next_label(), "Continue to the assessment");
    t.p().next_page();
    EXPECT_EQ(t.p().screen(), Screen::assessment_intro);
}

TEST(Player, WillNotStartTheAssessmentBeforeEveryRequiredPageIsRead) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    t.p().open_assessment_intro();
    t.p().start_assessment();
    EXPECT_EQ(t.p().screen(), Screen::assessment_intro);
    EXPECT_EQ(t.p().session(), nullptr);
}

TEST(Player, ResumesACourseAtTheLastPageAfterARestart) {
    MemoryJournal j;
    PagePosition where;
    {
        test::Journey t(j);
        t.add_learner();
        t.p().open_course(0);
        t.p().page_end_seen();
        t.p().next_page();
        t.p().page_end_seen();
        t.p().next_page();  // on to a page not yet read to its end
        where = t.p().reader()->position();
    }
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    EXPECT_EQ(again.p().reader()->position(), where);
}

TEST(Player, GivesKnowledgeCheckFeedbackAndRecordsTheTry) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    const auto& q = *t.p().reader()->course().find_knowledge_check("sample-match-types");
    auto* state = t.p().reader()->check(q.id);
    state->draft = test::right_answer(q, state->shown);
    t.p().check_answer(q.id);
    ASSERT_TRUE(state->feedback.has_value());
    EXPECT_EQ(state->feedback->outcome, assessment::Outcome::correct);
    EXPECT_EQ(j.practice(t.p().learner()->id).size(), 1u);
}

TEST(Player, OffersNoSecondTryAfterACorrectAnswer) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    const auto& q = *t.p().reader()->course().find_knowledge_check("sample-match-types");
    auto* state = t.p().reader()->check(q.id);
    state->draft = test::right_answer(q, state->shown);
    t.p().check_answer(q.id);
    EXPECT_FALSE(state->may_try_again());
    t.p().try_check_again(q.id);
    EXPECT_TRUE(state->feedback.has_value()) << "the correct answer's feedback stays";
}

TEST(Player, OffersASecondTryAfterAWrongAnswer) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    // A check with one right choice, so a wrong answer is wrong (matching stays right).
    const content::Question* choice = nullptr;
    for (const auto& kc : t.p().reader()->course().knowledge_checks)
        if (!choice && (kc.type == content::QuestionType::single_choice ||
                        kc.type == content::QuestionType::true_false ||
                        kc.type == content::QuestionType::multiple_response))
            choice = &kc;
    ASSERT_NE(choice, nullptr);
    const auto& q = *choice;
    auto* state = t.p().reader()->check(q.id);
    ASSERT_NE(state, nullptr);
    state->draft = test::wrong_answer(q, state->shown);
    t.p().check_answer(q.id);
    EXPECT_TRUE(state->may_try_again());
    t.p().try_check_again(q.id);
    EXPECT_FALSE(state->feedback.has_value());
}

TEST(Player, ExplainsAnIncompleteKnowledgeCheckInsteadOfMarkingIt) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    t.p().check_answer("sample-match-types");
    EXPECT_FALSE(t.p().notice().empty());
    EXPECT_FALSE(t.p().reader()->check("sample-match-types")->feedback.has_value());
}

TEST(Player, FailThenWaitThenPassCompletesTheCourse) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.read_every_page();
    t.p().next_page();
    t.p().start_assessment();
    ASSERT_EQ(t.p().screen(), Screen::assessment);
    t.sit(false);
    ASSERT_EQ(t.p().screen(), Screen::result);
    EXPECT_FALSE(t.p().result()->passed);
    EXPECT_FALSE(t.p().completed());

    t.p().open_assessment_intro();
    EXPECT_FALSE(t.p().eligibility().allowed);  // the course asks for a 5 minute wait
    t.now += 6min;
    EXPECT_TRUE(t.p().eligibility().allowed);
    t.p().start_assessment();
    t.sit(true);
    EXPECT_TRUE(t.p().result()->passed);
    EXPECT_TRUE(t.p().completed());
    EXPECT_EQ(t.p().status_of(0).kind, StatusKind::completed);
}

TEST(Player, ResumesAnOpenAttemptAtTheFirstUnansweredQuestion) {
    MemoryJournal j;
    std::string attempt;
    {
        test::Journey t(j);
        t.add_learner();
        t.read_every_page();
        t.p().start_assessment();
        auto* s = t.p().session();
        s->draft() = test::right_answer(s->question(), s->shown_at(0));
        t.p().assessment_next();
        attempt = s->attempt().id();
    }
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    again.p().start_assessment();
    ASSERT_NE(again.p().session(), nullptr);
    EXPECT_EQ(again.p().session()->attempt().id(), attempt);
    EXPECT_EQ(again.p().session()->index(), 1u);
    EXPECT_TRUE(again.p().session()->answered(0));
}

TEST(Player, SubmitsByItselfWhenTimeRunsOut) {
    MemoryJournal j;
    test::Journey t(j);
    t.add_learner();
    t.read_every_page();
    t.p().start_assessment();
    t.p().tick();
    EXPECT_EQ(t.p().screen(), Screen::assessment);
    t.now += 21min;  // the sample allows 20 minutes
    t.p().tick();
    EXPECT_EQ(t.p().screen(), Screen::result);
}

TEST(Player, StopsTheCourseWhenTheJournalCannotBeWritten) {
    BreakableJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    j.broken = true;
    t.p().page_end_seen();
    EXPECT_EQ(t.p().screen(), Screen::stopped);
    EXPECT_NE(t.p().stop_message().find("read-only"), std::string::npos);
    EXPECT_FALSE(t.p().reader()->is_read(t.p().reader()->position()));
}

TEST(Player, StaysStoppedWhateverTheLearnerClicks) {
    BreakableJournal j;
    test::Journey t(j);
    t.add_learner();
    t.p().open_course(0);
    j.broken = true;
    t.p().page_end_seen();
    t.p().back_to_library();
    t.p().open_settings();
    EXPECT_EQ(t.p().screen(), Screen::stopped);
}

TEST(Player, DoesNotMoveToTheNextQuestionWhenTheAnswerCannotBeRecorded) {
    BreakableJournal j;
    test::Journey t(j);
    t.add_learner();
    t.read_every_page();
    t.p().start_assessment();
    auto* s = t.p().session();
    s->draft() = test::right_answer(s->question(), s->shown_at(0));
    j.broken = true;
    t.p().assessment_next();
    EXPECT_EQ(t.p().screen(), Screen::stopped);
    EXPECT_EQ(s->index(), 0u);
    EXPECT_FALSE(s->answered(0));
}

TEST(Player, DoesNotOpenACourseThatFailedToLoad) {
    MemoryJournal j;
    LibraryCourse broken;
    broken.path = "/nowhere";
    broken.error = "cannot be read";
    test::Journey t(j, {broken});
    t.add_learner();
    t.p().open_course(0);
    EXPECT_EQ(t.p().screen(), Screen::library);
}

TEST(Player, AnAuthorPreviewOpensTheCourseForAStandInLearner) {
    MemoryJournal j;
    test::Journey t(j);
    ASSERT_TRUE(t.p().start_author_preview());
    EXPECT_EQ(t.p().screen(), Screen::course);
    ASSERT_NE(t.p().learner(), nullptr);
    EXPECT_EQ(t.p().learner()->name, "Author preview");
}

TEST(Player, AnAuthorPreviewCannotSignItsStandInLearnerOut) {
    MemoryJournal j;
    test::Journey t(j);
    ASSERT_TRUE(t.p().start_author_preview());
    EXPECT_FALSE(t.p().can_sign_out());
    t.p().sign_out();
    EXPECT_EQ(t.p().screen(), Screen::course);
    EXPECT_NE(t.p().learner(), nullptr);
}

TEST(Player, ALearnerCanSignOutOnlyWhenSignedIn) {
    MemoryJournal j;
    test::Journey t(j);
    EXPECT_FALSE(t.p().can_sign_out());
    t.add_learner();
    EXPECT_TRUE(t.p().can_sign_out());
}

namespace {
// The sample course with its 999 contact pinned, as course.json "pinned_contact" does.
LibraryCourse sample_with_pinned_contact() {
    auto entry = test::sample_course();
    auto course = std::make_shared<course::Course>(*entry.course);
    course->pinned_contact_id = "emergency";
    entry.course = course;
    return entry;
}
}  // namespace

TEST(PlayerPinnedContact, IsShownOnEveryScreenOfTheOpenCourse) {
    MemoryJournal journal;
    test::Journey t(journal, {sample_with_pinned_contact()});
    t.add_learner();
    t.p().open_course(0);
    ASSERT_NE(t.p().pinned_contact(), nullptr);
    EXPECT_EQ(t.p().pinned_contact()->phone, "999");
    t.p().open_assessment_intro();
    EXPECT_NE(t.p().pinned_contact(), nullptr);
}

TEST(PlayerPinnedContact, IsNotShownInTheLibrary) {
    MemoryJournal journal;
    test::Journey t(journal, {sample_with_pinned_contact()});
    t.add_learner();
    EXPECT_EQ(t.p().pinned_contact(), nullptr);
}

TEST(PlayerPinnedContact, IsNotShownForACourseThatPinsNone) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    EXPECT_EQ(t.p().pinned_contact(), nullptr);
}

namespace {

// Reads the course, starts the assessment and ticks the first question's right answer
// without moving on; returns the attempt's id.
std::string tick_the_first_question(test::Journey& t) {
    t.add_learner();
    t.read_every_page();
    t.p().start_assessment();
    auto* s = t.p().session();
    s->draft() = test::right_answer(s->question(), s->shown_at(0));
    t.p().assessment_save_answer();
    return s->attempt().id();
}

}  // namespace

TEST(Player, TheTicksOnTheOpenQuestionComeBackAfterACrash) {
    MemoryJournal j;
    AnswerDraft ticked;
    {
        test::Journey t(j);
        tick_the_first_question(t);
        ticked = t.p().session()->draft();
    }  // the player is dropped mid-question, as a killed process would be
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    ASSERT_NE(again.p().session(), nullptr);
    EXPECT_EQ(again.p().session()->index(), 0u);
    EXPECT_TRUE(again.p().session()->answered(0));
    // The same answer on screen (a typed number may come back as "75" for "75.000000").
    const auto* s = again.p().session();
    EXPECT_EQ(to_response(s->question(), s->shown_at(0), s->draft_at(0)).value(),
              to_response(s->question(), s->shown_at(0), ticked).value());
}

TEST(Player, AFlagComesBackAfterACrash) {
    MemoryJournal j;
    {
        test::Journey t(j);
        t.add_learner();
        t.read_every_page();
        t.p().start_assessment();
        t.p().assessment_go_to(2);
        t.p().assessment_toggle_flag();
    }
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    ASSERT_NE(again.p().session(), nullptr);
    EXPECT_TRUE(again.p().session()->flagged(2));
    EXPECT_EQ(again.p().session()->flagged_count(), 1u);
    EXPECT_EQ(again.p().session()->index(), 2u);  // the question it was on
}

TEST(Player, ContinueReturnsToAnOpenAssessment) {
    MemoryJournal j;
    std::string attempt;
    {
        test::Journey t(j);
        attempt = tick_the_first_question(t);
        t.p().back_to_library();
    }
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    EXPECT_EQ(again.p().screen(), Screen::assessment);
    EXPECT_EQ(again.p().session()->attempt().id(), attempt);
}

TEST(Player, TheCoursePagesStayOpenToReadDuringAnOpenAttempt) {
    MemoryJournal j;
    test::Journey t(j);
    tick_the_first_question(t);
    t.p().open_assessment_intro();
    t.p().read_course(0);
    EXPECT_EQ(t.p().screen(), Screen::course);
}

TEST(Player, ContinueOpensTheCoursePagesWhenNoAttemptIsOpen) {
    MemoryJournal j;
    test::Journey t(j);
    t.take_course(true);
    t.p().back_to_library();
    t.p().open_course(0);
    EXPECT_EQ(t.p().screen(), Screen::course);
}

TEST(Player, StopsWhenAFlagCannotBeSaved) {
    class FlagsFail : public MemoryJournal {
      public:
        Result<void> save_sitting_place(const std::string&, const std::string&,
                                        const SittingPlace&) override {
            return make_error(ErrorCode::io, "the ledger is read-only", "/data/ledger.db");
        }
    } j;
    test::Journey t(j);
    t.add_learner();
    t.read_every_page();
    t.p().start_assessment();
    t.p().assessment_toggle_flag();
    EXPECT_EQ(t.p().screen(), Screen::stopped);
}

TEST(Player, AnAuthorSeesTheDiagnosticsOfACourseThatCannotLoad) {
    namespace fs = std::filesystem;
    const waymark::testing::ScratchFolder folder("broken-preview");
    // fs::copy makes the course folder: it needs a target that does not exist yet.
    const fs::path dir = folder / "course";
    fs::copy(WAYMARK_SOURCE_DIR "/courses/waymark-sample", dir, fs::copy_options::recursive);
    std::ofstream(dir / "course.json", std::ios::trunc) << "{ \"id\": \"broken\", ";
    MemoryJournal j;
    test::Journey t(j, {load_preview(dir)});
    ASSERT_TRUE(t.p().start_author_preview());
    EXPECT_EQ(t.p().screen(), Screen::course);  // not the library's learner card
    EXPECT_EQ(t.p().reader(), nullptr);
    ASSERT_NE(t.p().current_course(), nullptr);
    EXPECT_GT(t.p().current_course()->diagnostics.error_count(), 0u);
    // Once the author fixes it, the preview shows the pages by itself.
    fs::copy_file(WAYMARK_SOURCE_DIR "/courses/waymark-sample/course.json", dir / "course.json",
                  fs::copy_options::overwrite_existing);
    t.p().reload_course(0, load_preview(dir));
    EXPECT_NE(t.p().reader(), nullptr);
    EXPECT_EQ(t.p().screen(), Screen::course);
}
