// The published site of a whole course: what every page carries, and what it must not.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "site_fixture.hpp"

namespace waymark::publish::testing {
namespace {

class HtmlSite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        prevent_ = new PublishedCourse(publish_bundled("prevent-duty"));
        sample_ = new PublishedCourse(publish_bundled("waymark-sample"));
    }
    static void TearDownTestSuite() {
        delete prevent_;
        delete sample_;
    }
    static inline PublishedCourse* prevent_ = nullptr;
    static inline PublishedCourse* sample_ = nullptr;
};

TEST_F(HtmlSite, HasAnIndexAPageForEveryCoursePageContactsAndAssessment) {
    const auto& site = prevent_->site;
    std::size_t pages = 0;
    for (const auto& f : site.files)
        pages += f.path.starts_with("module-");
    EXPECT_EQ(pages, prevent_->loaded.course.page_count());
    for (const char* name :
         {"index.html", "contacts.html", "assessment.html", "waymark.css", "waymark.js"})
        EXPECT_NE(site.find(name), nullptr) << name;
}

TEST_F(HtmlSite, GivesEveryPageExactlyOneH1) {
    for (const auto& f : prevent_->site.files) {
        if (is_page(f)) {
            EXPECT_EQ(occurrences(f.bytes, "<h1"), 1u) << f.path;
        }
    }
}

TEST_F(HtmlSite, GivesEveryPageItsLanguageSkipLinkAndLandmarks) {
    for (const auto& f : prevent_->site.files) {
        if (!is_page(f))
            continue;
        EXPECT_NE(f.bytes.find("<html lang=\"en-GB\">"), std::string::npos) << f.path;
        EXPECT_NE(f.bytes.find("<a class=\"skip-link\" href=\"#main\">"), std::string::npos)
            << f.path;
        for (const char* landmark : {"<header", "<nav class=\"course-nav\" aria-label=\"Course\">",
                                     "<main id=\"main\"", "<footer"})
            EXPECT_EQ(occurrences(f.bytes, landmark), 1u) << f.path << " " << landmark;
    }
}

TEST_F(HtmlSite, PutsTheStrictContentSecurityPolicyOnEveryPage) {
    for (const auto& f : prevent_->site.files) {
        if (is_page(f)) {
            EXPECT_NE(
                f.bytes.find("<meta http-equiv=\"Content-Security-Policy\" "
                             "content=\"default-src &#39;none&#39;; script-src &#39;self&#39;"),
                std::string::npos)
                << f.path;
        }
    }
}

TEST_F(HtmlSite, ShowsThePinnedEmergencyContactInTheBannerOfEveryPage) {
    for (const auto& f : prevent_->site.files) {
        if (!is_page(f))
            continue;
        const auto banner_end = f.bytes.find("</header>");
        const auto contact = f.bytes.find("<a href=\"tel:999\">call 999</a>");
        EXPECT_NE(contact, std::string::npos) << f.path;
        EXPECT_LT(contact, banner_end) << f.path;
    }
}

TEST_F(HtmlSite, LoadsNothingButItsOwnFiles) {
    // src= and <link href= are what a browser fetches by itself; links the reader follows
    // (a href) may go to the web.
    const std::regex fetched(
        R"((src|srcset|poster|data)=\"([^\"]*)\"|<link[^>]*href=\"([^\"]*)\")");
    for (const auto& f : prevent_->site.files) {
        if (!is_page(f))
            continue;
        for (std::sregex_iterator it(f.bytes.begin(), f.bytes.end(), fetched), end; it != end;
             ++it) {
            const std::string url = (*it)[2].matched ? (*it)[2].str() : (*it)[3].str();
            EXPECT_EQ(url.find(':'), std::string::npos) << f.path << ": " << url;
            EXPECT_FALSE(url.starts_with("//")) << f.path << ": " << url;
        }
    }
    const std::string& css = prevent_->site.find("waymark.css")->bytes;
    EXPECT_EQ(css.find("url("), std::string::npos);
    EXPECT_EQ(css.find("@import"), std::string::npos);
    const std::string& js = prevent_->site.find("waymark.js")->bytes;
    for (const char* call : {"fetch(", "XMLHttpRequest", "WebSocket", "import("})
        EXPECT_EQ(js.find(call), std::string::npos) << call;
}

TEST_F(HtmlSite, CopiesTheImagesItShowsIntoMedia) {
    const PublishedFile* image = sample_->site.find("media/assets/signpost.png");
    ASSERT_NE(image, nullptr);
    auto original = sample_->files->read("assets/signpost.png", 1u << 24);
    ASSERT_TRUE(original);
    EXPECT_EQ(image->bytes, *original);
    EXPECT_NE(
        sample_->site.find("module-1-page-1.html")->bytes.find("src=\"media/assets/signpost.png\""),
        std::string::npos);
}

TEST_F(HtmlSite, PutsEveryMarkableAssessmentQuestionOnTheAssessmentPageAsAForm) {
    const std::string& page = prevent_->site.find("assessment.html")->bytes;
    EXPECT_NE(page.find("To pass, you need 80% or more"), std::string::npos);
    EXPECT_EQ(occurrences(page, "<form class=\"question\""),
              prevent_->loaded.course.scored_assessment_questions());
    EXPECT_NE(page.find("<script type=\"application/json\" id=\"waymark-questions\">"),
              std::string::npos);
    EXPECT_NE(page.find("<script type=\"application/json\" id=\"waymark-policy\">"),
              std::string::npos);
    EXPECT_NE(page.find("<script src=\"assessment.js\" defer></script>"), std::string::npos);
    EXPECT_NE(page.find("id=\"result-heading\" tabindex=\"-1\""), std::string::npos);
}

TEST_F(HtmlSite, LoadsTheEngineAndAllowsWebAssemblyOnlyOnPagesWithQuestions) {
    std::size_t with_checks = 0;
    for (const auto& f : prevent_->site.files) {
        if (!is_page(f))
            continue;
        const bool questions = f.bytes.find("<form class=\"question\"") != std::string::npos;
        with_checks += questions && f.path != "assessment.html";
        EXPECT_EQ(f.bytes.find("script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;;") !=
                      std::string::npos,
                  questions)
            << f.path;
        EXPECT_EQ(f.bytes.find("src=\"assessment.js\"") != std::string::npos, questions) << f.path;
        EXPECT_NE(f.bytes.find("id=\"waymark-course\""), std::string::npos) << f.path;
    }
    EXPECT_GT(with_checks, 0u);
    EXPECT_NE(prevent_->site.find("assessment.js"), nullptr);
}

TEST_F(HtmlSite, WritesQuestionTextThatClosesItsScriptElementAsJsonEscapes) {
    course::Course hostile = sample_->loaded.course;
    ASSERT_FALSE(hostile.assessment_questions.empty());
    hostile.assessment_questions.front().stem = "</script><script>alert(1)</script><!--";
    auto site = render_html_site(hostile, *sample_->files);
    ASSERT_TRUE(site);
    const std::string& page = site->find("assessment.html")->bytes;
    EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
    EXPECT_EQ(page.find("<!--"), std::string::npos);
    EXPECT_NE(page.find("\\u003c/script>\\u003cscript>alert(1)"), std::string::npos);
}

TEST_F(HtmlSite, LinksEachPageToTheNextInReadingOrder) {
    const std::string& first = prevent_->site.find("module-1-page-1.html")->bytes;
    EXPECT_NE(first.find("href=\"module-1-page-2.html\" rel=\"next\""), std::string::npos);
    EXPECT_NE(first.find("href=\"index.html\" rel=\"prev\""), std::string::npos);
    const auto& modules = prevent_->loaded.course.modules;
    const std::string last = "module-" + std::to_string(modules.size()) + "-page-" +
                             std::to_string(modules.back().pages.size()) + ".html";
    EXPECT_NE(prevent_->site.find(last)->bytes.find("href=\"assessment.html\" rel=\"next\""),
              std::string::npos);
}

TEST_F(HtmlSite, EscapesAHostileCourseTitleOnEveryPage) {
    course::Course hostile = sample_->loaded.course;
    hostile.title = "</title><script>alert(1)</script>";
    hostile.language = "en\" onload=\"alert(1)";
    auto site = render_html_site(hostile, *sample_->files);
    ASSERT_TRUE(site);
    for (const auto& f : site->files) {
        if (!is_page(f))
            continue;
        EXPECT_EQ(f.bytes.find("<script>alert"), std::string::npos) << f.path;
        EXPECT_EQ(f.bytes.find("onload=\""), std::string::npos) << f.path;
        // waymark.js, the engine on pages with questions, and data the browser never runs.
        EXPECT_EQ(occurrences(f.bytes, "<script"),
                  occurrences(f.bytes, "<script src=\"waymark.js\" defer>") +
                      occurrences(f.bytes, "<script src=\"assessment.js\" defer>") +
                      occurrences(f.bytes, "<script type=\"application/json\" id=\"waymark-"))
            << f.path;
    }
}

TEST_F(HtmlSite, EmbedsTheWebRuntimeExactlyAsWrittenInAssets) {
    for (const char* name : {"waymark.css", "waymark.js"}) {
        std::ifstream in(std::filesystem::path(WAYMARK_SOURCE_DIR) / "assets/web" / name,
                         std::ios::binary);
        const std::string source{std::istreambuf_iterator<char>(in), {}};
        EXPECT_FALSE(source.empty()) << name;
        EXPECT_EQ(prevent_->site.find(name)->bytes, source) << name;
    }
}

}  // namespace
}  // namespace waymark::publish::testing
