#include <gtest/gtest.h>

#include <fstream>

#include "../player/journey.hpp"
#include "harness.hpp"
#include "waymark/player/preview.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

namespace fs = std::filesystem;

struct Preview : ::testing::Test {
    fs::path dir = fs::temp_directory_path() / ("waymark-preview-" + std::to_string(::getpid()));
    void SetUp() override {
        fs::remove_all(dir);
        fs::copy(WAYMARK_SOURCE_DIR "/courses/waymark-sample", dir, fs::copy_options::recursive);
    }
    void TearDown() override { fs::remove_all(dir); }
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
