#include <gtest/gtest.h>

#include <fstream>

#include <imgui_internal.h>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "scratch_folder.hpp"
#include "waymark/player/preview.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

namespace fs = std::filesystem;

struct Preview : ::testing::Test {
    const waymark::testing::ScratchFolder folder{"preview"};
    // fs::copy makes the course folder: it needs a target that does not exist yet.
    const fs::path dir = folder / "course";
    void SetUp() override {
        fs::copy(WAYMARK_SOURCE_DIR "/courses/waymark-sample", dir, fs::copy_options::recursive);
    }
    void append(const std::string& file, const std::string& text) {
        std::ofstream(dir / file, std::ios::app) << text;
    }
};

}  // namespace

TEST_F(Preview, NoticesASavedFile) {
    FolderWatch watch(dir);
    EXPECT_FALSE(watch.changed());
    append("modules/02-questions.md", "\nMore text.\n");
    EXPECT_TRUE(watch.changed());
    EXPECT_FALSE(watch.changed());
}

TEST_F(Preview, ShowsADiagnosticWithFileAndLineAfterABrokenEdit) {
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    t.add_learner();
    t.p().open_course(0);
    test::Harness h(t.p());
    h.view().show_diagnostics(true);
    h.frame();
    EXPECT_FALSE(h.has_containing("missing-picture.png"));

    FolderWatch watch(dir);
    append("modules/01-pages.md", "\n![A picture](missing-picture.png)\n");
    ASSERT_TRUE(watch.changed());
    t.p().reload_course(0, load_preview(dir));
    h.frame();
    EXPECT_TRUE(h.has_containing("modules/01-pages.md:")) << h.labels();
    EXPECT_TRUE(h.has_containing("missing-picture.png"));
    EXPECT_EQ(t.p().screen(), Screen::course);  // the pages stay on screen
}

TEST_F(Preview, OffersNoSignOutToTheAuthor) {
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    ASSERT_TRUE(t.p().start_author_preview());
    test::Harness h(t.p());
    h.frame();
    EXPECT_TRUE(h.has("Library##top")) << h.labels();
    EXPECT_FALSE(h.has("Sign out##top"));
}

TEST_F(Preview, TheLibrarySaysNoProblemsWereFoundRatherThanShowAnEmptyPanel) {
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    t.add_learner();
    test::Harness h(t.p());
    h.view().show_diagnostics(true);
    h.frames(2);
    ASSERT_EQ(t.p().screen(), Screen::library);
    EXPECT_TRUE(h.has_containing("No problems found in")) << h.labels();
}

TEST_F(Preview, ABrokenCourseJsonShowsItsDiagnosticsNotALearnersCard) {
    std::ofstream(dir / "course.json", std::ios::trunc) << "{ \"id\": \"sample\", \"title\": ";
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    test::Harness h(t.p());
    h.view().show_diagnostics(true);
    ASSERT_TRUE(t.p().start_author_preview());
    h.frames(3);
    EXPECT_TRUE(h.has_containing("course.json")) << h.labels();
    EXPECT_FALSE(h.has_containing("Ask its trainer")) << h.labels();
    EXPECT_TRUE(h.has("1 error, 0 warnings")) << h.labels();
}

TEST_F(Preview, ALongDiagnosticWrapsInsideTheWindow) {
    const std::string long_name(300, 'x');
    append("modules/01-pages.md", "\n![A picture](" + long_name + ".png)\n");
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    test::Harness h(t.p(), {800, 700});
    h.view().show_diagnostics(true);
    ASSERT_TRUE(t.p().start_author_preview());
    h.frames(3);
    const ui::WidgetRecord* line = nullptr;
    for (const auto& w : ui::widgets_last_frame())
        if (w.label.find(long_name) != std::string::npos)
            line = &w;
    ASSERT_NE(line, nullptr) << h.labels();
    EXPECT_LE(line->max.x, 800.f);
    EXPECT_GT(line->max.y - line->min.y, ImGui::GetFontSize() * 1.5f);  // more than one line
}

// The problems get a strip of a few lines under the page, scrolled inside it: at 200% text
// on a laptop a fixed strip left the page less than its own title.
TEST_F(Preview, AtLargeTextTheProblemsStripTakesAtMostAQuarterOfTheWindow) {
    for (int i = 0; i < 6; ++i)
        append("modules/01-pages.md", "\n![A picture](missing-" + std::to_string(i) + ".png)\n");
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    t.add_learner();
    t.p().change_settings({200, Theme::light, false, true});
    t.p().open_course(0);
    test::Harness h(t.p(), {1366, 768});
    h.view().show_diagnostics(true);
    h.frames(3);
    const ui::WidgetRecord* counts = h.find("6 errors, 0 warnings");
    ASSERT_NE(counts, nullptr) << h.labels();
    const auto* strip = static_cast<const ImGuiWindow*>(counts->window);
    EXPECT_LE(strip->Size.y, 768.f / 4 + ImGui::GetStyle().WindowPadding.y * 2);
    EXPECT_EQ(t.p().screen(), Screen::course);
}

// A preview records nothing, so its settings screen must not promise to remember them.
TEST_F(Preview, SettingsSayTheyLastUntilThePlayerIsClosed) {
    MemoryJournal journal;
    test::Journey t(journal, {load_preview(dir)});
    ASSERT_TRUE(t.p().start_author_preview());
    test::Harness h(t.p());
    h.frame();
    ASSERT_TRUE(h.click_and_wait("Settings##top")) << h.labels();
    EXPECT_TRUE(h.has_containing("These last until the player is closed")) << h.labels();
    EXPECT_FALSE(h.has_containing("remembered for you")) << h.labels();
}
