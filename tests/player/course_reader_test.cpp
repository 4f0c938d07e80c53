#include <gtest/gtest.h>

#include "courses.hpp"
#include "waymark/player/course_reader.hpp"

using namespace waymark;
using namespace waymark::player;

TEST(CourseReader, StartsOnTheFirstPageWithNothingRead) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    EXPECT_EQ(r.position(), (PagePosition{0, 0}));
    EXPECT_FALSE(r.is_read({0, 0}));
}

TEST(CourseReader, APageOpenedIsNotYetRead) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    r.go_to({0, 1});
    EXPECT_FALSE(r.is_read({0, 1}));
}

TEST(CourseReader, APageIsReadOnceItsEndWasSeen) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    r.go_to({0, 1});
    r.mark_read();
    EXPECT_TRUE(r.is_read({0, 1}));
    EXPECT_FALSE(r.is_read({0, 0}));
}

TEST(CourseReader, BackIsDisabledOnlyOnTheFirstPage) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    EXPECT_FALSE(r.can_go_back());
    r.go_to({0, 1});
    EXPECT_TRUE(r.can_go_back());
}

TEST(CourseReader, NextFromAModulesLastPageGoesToTheNextModule) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    r.go_to({0, 1});
    EXPECT_EQ(r.following(), (PagePosition{1, 0}));
}

TEST(CourseReader, BackFromAModulesFirstPageGoesToThePreviousModulesLastPage) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    r.go_to({1, 0});
    EXPECT_EQ(r.previous(), (PagePosition{0, 1}));
}

TEST(CourseReader, SkipsModulesWithoutPages) {
    auto c = test::course_with_pages({1, 0, 1});
    CourseReader r(c);
    EXPECT_EQ(r.following(), (PagePosition{2, 0}));
}

TEST(CourseReader, NextIsDisabledOnTheLastPage) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    r.go_to({1, 2});
    EXPECT_FALSE(r.can_go_next());
}

TEST(CourseReader, SaysWhichModuleAndPageIsShown) {
    auto c = test::course_with_pages({1, 1, 4, 1, 1, 1, 1, 1});
    CourseReader r(c);
    r.go_to({2, 1});
    EXPECT_EQ(r.progress_label(), "Module 3 of 8, page 2 of 4");
}

TEST(CourseReader, RefusesAPageThatDoesNotExist) {
    auto c = test::course_with_pages({2});
    CourseReader r(c);
    EXPECT_FALSE(r.go_to({0, 2}));
    EXPECT_EQ(r.position(), (PagePosition{0, 0}));
}

TEST(CourseReader, TicksAModuleOnlyWhenEveryPageWasRead) {
    auto c = test::course_with_pages({2, 1});
    CourseReader r(c);
    r.mark_read();
    EXPECT_FALSE(r.module_read(0));
    r.go_to({0, 1});
    r.mark_read();
    EXPECT_TRUE(r.module_read(0));
}

TEST(CourseReader, PercentReadCountsPagesRead) {
    auto c = test::course_with_pages({2, 2});
    CourseReader r(c);
    r.mark_read();
    r.go_to({1, 1});
    EXPECT_EQ(r.percent_read(), 25);
}

TEST(CourseReader, PercentReadIsTheSameMeasureAsOneReadFromTheHistory) {
    auto c = test::course_with_pages({1, 1, 1});
    CourseReader r(c);
    CourseHistory h;
    h.pages_viewed = {{"m1", "page-1"}, {"m1", "page-1"}, {"gone", "page-1"}};
    r.restore(h);
    EXPECT_EQ(r.percent_read(), 33);
    EXPECT_EQ(percent_read(c, pages_read(c, h.pages_viewed).size()), r.percent_read());
}

TEST(CourseReader, OptionalModulesDoNotBlockTheAssessment) {
    auto c = test::course_with_pages({1, 1});
    c.modules[1].required = false;
    CourseReader r(c);
    r.mark_read();
    EXPECT_TRUE(r.required_pages_read());
}

TEST(CourseReader, OptionalModulesCountWhenTheCourseAsksForAllModules) {
    auto c = test::course_with_pages({1, 1});
    c.modules[1].required = false;
    c.completion.all_modules = true;
    CourseReader r(c);
    EXPECT_FALSE(r.required_pages_read());
}

TEST(CourseReader, ResumesOnThePageAfterTheLastOneRead) {
    auto c = test::course_with_pages({3, 3});
    CourseReader r(c);
    CourseHistory h;
    h.pages_viewed = {{"m1", "page-1"}, {"m2", "page-2"}, {"m1", "page-2"}};
    r.restore(h);
    EXPECT_EQ(r.position(), (PagePosition{0, 2}));
    EXPECT_TRUE(r.is_read({1, 1}));
}

TEST(CourseReader, ResumesOnTheLastPageReadWhenThePageAfterItWasReadToo) {
    auto c = test::course_with_pages({3, 3});
    CourseReader r(c);
    CourseHistory h;
    h.pages_viewed = {{"m1", "page-3"}, {"m1", "page-2"}};
    r.restore(h);
    EXPECT_EQ(r.position(), (PagePosition{0, 1}));
}

TEST(CourseReader, IgnoresViewsOfPagesANewVersionRemoved) {
    auto c = test::course_with_pages({2});
    CourseReader r(c);
    CourseHistory h;
    h.pages_viewed = {{"m1", "page-2"}, {"gone", "page-1"}};
    r.restore(h);
    EXPECT_EQ(r.position(), (PagePosition{0, 1}));
    EXPECT_EQ(r.percent_read(), 50);
}

TEST(CourseReader, HasNoCheckForAnUnknownQuestion) {
    auto c = test::course_with_pages({1});
    CourseReader r(c);
    EXPECT_EQ(r.check("missing"), nullptr);
}

TEST(CourseReaderLinks, AFileAndAnchorLeadToThatPage) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    EXPECT_EQ(r.link_target("m2.md#page-3"), (PagePosition{1, 2}));
}

TEST(CourseReaderLinks, AFileAloneLeadsToItsModulesFirstPage) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    EXPECT_EQ(r.link_target("modules/m2.md"), (PagePosition{1, 0}));
}

TEST(CourseReaderLinks, AnAnchorAloneStaysInTheCurrentModule) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    r.go_to({1, 0});
    EXPECT_EQ(r.link_target("#page-2"), (PagePosition{1, 1}));
}

TEST(CourseReaderLinks, AFileNameMatchesOnlyAtAFolderBoundary) {
    auto c = test::course_with_pages({2, 3});
    CourseReader r(c);
    EXPECT_EQ(r.link_target("2.md"), std::nullopt);
}

TEST(CourseReaderLinks, AWebLinkIsNotAPage) {
    auto c = test::course_with_pages({2});
    CourseReader r(c);
    EXPECT_TRUE(CourseReader::is_web_link("https://www.gov.uk/"));
    EXPECT_TRUE(CourseReader::is_web_link("mailto:prevent@example.org"));
    EXPECT_EQ(r.link_target("https://www.gov.uk/"), std::nullopt);
}

namespace {
course::Course course_with_sources() {
    auto c = test::course_with_pages({2, 2});
    for (auto& m : c.modules)
        m.sources = {{"Prevent duty guidance", "https://www.gov.uk/"}};
    return c;
}
}  // namespace

TEST(CourseReaderSources, AreListedOnEachModulesLastPage) {
    auto c = course_with_sources();
    CourseReader r(c);
    r.go_to({0, 1});
    EXPECT_EQ(r.sources_here().size(), 1u);
    r.go_to({1, 1});
    EXPECT_EQ(r.sources_here().size(), 1u);
}

TEST(CourseReaderSources, AreNotListedOnOtherPages) {
    auto c = course_with_sources();
    CourseReader r(c);
    EXPECT_TRUE(r.sources_here().empty());
}

TEST(CourseReaderSources, AreNotListedTwiceWhenThePageHasItsOwnSourcesSection) {
    auto c = course_with_sources();
    content::Block heading;
    heading.kind = content::BlockKind::heading;
    heading.level = 2;
    heading.text = {content::Span{"Sources"}};
    c.modules[0].pages[1].blocks.push_back(heading);
    CourseReader r(c);
    r.go_to({0, 1});
    EXPECT_TRUE(r.sources_here().empty());
}
