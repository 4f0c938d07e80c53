#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "journey.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/ledger_journal.hpp"
#include "waymark/report/certificate.hpp"

using namespace waymark;
using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

struct WithLedger : ::testing::Test {
    const waymark::testing::ScratchFolder dir{"player-ledger"};
    fs::path file = dir / "ledger.db";
    LedgerJournal open() { return LedgerJournal(ledger::Ledger::open(file).value()); }
};

}  // namespace

TEST(LedgerPageId, IsTheModuleAndTheAnchor) {
    EXPECT_EQ(LedgerJournal::page_id({"contest", "due-regard"}), "contest/due-regard");
    EXPECT_EQ(LedgerJournal::parse_page_id("contest/due-regard"),
              (PageRef{"contest", "due-regard"}));
    EXPECT_FALSE(LedgerJournal::parse_page_id("no-slash").has_value());
}

TEST_F(WithLedger, KeepsLearnersUnderTheLedgersOwnIds) {
    auto j = open();
    auto added = j.add_learner({"ignored", "Sam Patel", "WF-1", "Early help", "Family worker"});
    ASSERT_TRUE(added.ok()) << added.error().describe();
    EXPECT_NE(added->id, "ignored");
    auto all = j.learners();
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ((*all)[0], *added);
}

TEST_F(WithLedger, RemembersSettingsPerLearner) {
    std::string id;
    {
        auto j = open();
        id = j.add_learner({"", "Sam", "WF-1", "Team", "Role"})->id;
        ASSERT_TRUE(j.save_settings(id, {150, Theme::high_contrast, true, true}));
    }
    auto j = open();
    EXPECT_EQ(j.settings(id).value(), (Settings{150, Theme::high_contrast, true, true}));
}

// The settings screen says so; in an author's preview (a journal in memory) it does not.
TEST_F(WithLedger, APlayerOnTheLedgerRemembersSettingsAndOneInMemoryDoesNot) {
    auto j = open();
    test::Journey on_ledger(j);
    EXPECT_TRUE(on_ledger.p().settings_are_remembered());
    MemoryJournal memory;
    test::Journey in_memory(memory);
    EXPECT_FALSE(in_memory.p().settings_are_remembered());
}

TEST_F(WithLedger, AFullJourneyLeavesAVerifiedCompletion) {
    auto j = open();
    test::Journey t(j);
    t.take_course(true);
    ASSERT_TRUE(t.p().result()->passed);
    auto completions = j.ledger().completions(t.p().learner()->id, "waymark-sample");
    ASSERT_EQ(completions->size(), 1u);
    EXPECT_EQ((*completions)[0].course.digest, t.p().current_course()->digest);
    EXPECT_TRUE(j.ledger().verify()->ok());
    EXPECT_EQ(t.p().status_of(0).kind, StatusKind::completed);
}

TEST_F(WithLedger, AKilledPlayerResumesAtTheSameQuestion) {
    std::string attempt;
    {
        auto j = open();
        test::Journey t(j);
        t.add_learner();
        t.read_every_page();
        t.p().start_assessment();
        auto* s = t.p().session();
        for (int i = 0; i < 3; ++i) {
            s->draft() = test::right_answer(s->question(), s->shown_at(s->index()));
            t.p().assessment_next();
        }
        attempt = s->attempt().id();
    }  // no goodbye: the journal is simply dropped, as a killed process would
    auto j = open();
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    EXPECT_FALSE(again.p().reader()->can_go_next());  // back on the last page read
    again.p().start_assessment();
    ASSERT_NE(again.p().session(), nullptr);
    EXPECT_EQ(again.p().session()->attempt().id(), attempt);
    EXPECT_EQ(again.p().session()->index(), 3u);
}

TEST_F(WithLedger, ALedgerThatCannotBeOpenedStopsThePlayerWithTheReason) {
    fs::create_directories(dir / "not-a-file.db");
    auto opened = ledger::Ledger::open(dir / "not-a-file.db");
    ASSERT_FALSE(opened.ok());
    UnavailableJournal j(opened.error());
    test::Journey t(j);
    EXPECT_EQ(t.p().screen(), Screen::stopped);
    EXPECT_NE(t.p().stop_message().find("not-a-file.db"), std::string::npos)
        << t.p().stop_message();
}

TEST_F(WithLedger, APassedCourseSavesACertificateWhoseCodeTheLedgerConfirms) {
    auto j = open();
    test::Journey t(j, {test::sample_course()}, dir.path());
    t.take_course(true);
    ASSERT_TRUE(t.p().can_save_certificate());
    t.p().save_certificate();
    EXPECT_EQ(t.p().notice(), "");
    const fs::path pdf = t.p().certificate_path();
    EXPECT_EQ(pdf.parent_path(), dir.path());
    EXPECT_EQ(pdf.extension(), ".pdf");
    EXPECT_NE(pdf.filename().string().find("Sam Patel"), std::string::npos);
    std::ifstream in(pdf, std::ios::binary);
    std::string head(5, '\0');
    in.read(head.data(), 5);
    EXPECT_EQ(head, "%PDF-");
    const auto completions = j.ledger().completions(t.p().learner()->id, "waymark-sample");
    ASSERT_EQ(completions->size(), 1u);
    const auto check = report::verify_certificate(
        j.ledger(), report::certificate_code((*completions)[0].event_id), t.now);
    ASSERT_TRUE(check.ok()) << check.error().describe();
    EXPECT_TRUE(check->genuine);
    EXPECT_TRUE(check->valid);
}

// The ledger keeps course ids, not titles: the player gives the course's own title.
TEST_F(WithLedger, ACertificateFromThePlayerNamesTheCourseByItsTitle) {
    auto j = open();
    test::Journey t(j, {test::sample_course()}, dir.path());
    t.take_course(true);
    t.p().save_certificate();
    ASSERT_FALSE(t.p().certificate_path().empty()) << t.p().notice();
    // pdftotext (poppler-utils) is installed by tools/bootstrap.sh.
    const std::string command = "pdftotext '" + t.p().certificate_path().string() + "' -";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string text;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe))
        text.append(buf, n);
    ASSERT_EQ(::pclose(pipe), 0) << "pdftotext failed";
    EXPECT_NE(text.find(t.p().current_course()->title()), std::string::npos) << text;
}

TEST_F(WithLedger, ACertificateThatCannotBeWrittenSaysWhyAndKeepsThePlayerGoing) {
    auto j = open();
    test::Journey t(j, {test::sample_course()}, dir / "no-such-folder");
    t.take_course(true);
    t.p().save_certificate();
    EXPECT_EQ(t.p().certificate_path(), fs::path());
    EXPECT_NE(t.p().notice().find("could not be saved"), std::string::npos) << t.p().notice();
    EXPECT_NE(t.p().notice().find("no-such-folder"), std::string::npos) << t.p().notice();
    EXPECT_EQ(t.p().screen(), Screen::result);
}

TEST_F(WithLedger, AFailedAttemptOffersNoCertificate) {
    auto j = open();
    test::Journey t(j, {test::sample_course()}, dir.path());
    t.take_course(false);
    EXPECT_FALSE(t.p().can_save_certificate());
    t.p().save_certificate();
    EXPECT_EQ(t.p().certificate_path(), fs::path());
    for (const auto& entry : fs::directory_iterator(dir.path()))
        EXPECT_NE(entry.path().extension(), ".pdf") << entry.path();
}

TEST(MemoryJournalCertificate, IsNotOfferedAndSavesNoFile) {
    MemoryJournal j;
    const waymark::testing::ScratchFolder folder("memcert");
    test::Journey t(j, {test::sample_course()}, folder.path());
    t.take_course(true);
    ASSERT_TRUE(t.p().completed());
    EXPECT_FALSE(t.p().can_save_certificate());
    t.p().save_certificate();
    EXPECT_TRUE(fs::is_empty(folder.path()));
}

TEST(MemoryJournalCertificate, RefusesWithTheReasonWhenAskedDirectly) {
    MemoryJournal j;
    auto r = j.save_certificate("someone", "waymark-sample", "Waymark sample course",
                                "/tmp/never-written.pdf");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("training record"), std::string::npos);
}

TEST_F(WithLedger, AKilledPlayerKeepsTheFlagsAndTheTicksOnTheOpenQuestion) {
    AnswerDraft ticked;
    {
        auto j = open();
        test::Journey t(j);
        t.add_learner();
        t.read_every_page();
        t.p().start_assessment();
        t.p().assessment_go_to(1);
        t.p().assessment_toggle_flag();
        t.p().assessment_go_to(3);
        auto* s = t.p().session();
        s->draft() = test::right_answer(s->question(), s->shown_at(3));
        t.p().assessment_save_answer();
        ticked = s->draft();
    }  // no goodbye: the journal is simply dropped, as a killed process would
    auto j = open();
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    ASSERT_EQ(again.p().screen(), Screen::assessment);
    const auto* s = again.p().session();
    EXPECT_EQ(s->index(), 3u);
    EXPECT_EQ(to_response(s->question_at(3), s->shown_at(3), s->draft_at(3)).value(),
              to_response(s->question_at(3), s->shown_at(3), ticked).value());
    EXPECT_TRUE(s->flagged(1));
    EXPECT_EQ(s->flagged_count(), 1u);
    EXPECT_TRUE(j.ledger().verify()->ok());
}

TEST_F(WithLedger, ResumesWithoutFlagsWhenTheSavedPlaceWasTamperedWith) {
    {
        auto j = open();
        test::Journey t(j);
        t.add_learner();
        t.read_every_page();
        t.p().start_assessment();
        auto* s = t.p().session();
        ASSERT_TRUE(j.ledger().record_setting(
            t.p().learner()->id, {"sitting/" + s->attempt().id(), "\n\nno-such-question\n"}));
    }
    auto j = open();
    test::Journey again(j);
    again.p().choose_learner(0);
    again.p().open_course(0);
    ASSERT_NE(again.p().session(), nullptr);
    EXPECT_EQ(again.p().session()->index(), 0u);
    EXPECT_EQ(again.p().session()->flagged_count(), 0u);
}
