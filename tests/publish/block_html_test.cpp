// The one HTML rendering of the block model: structure, and hostile course text.
#include <gtest/gtest.h>

#include "waymark/content/markdown.hpp"
#include "waymark/publish/block_html.hpp"

namespace waymark::publish {
namespace {

bool has(const std::string& html, const std::string& part) {
    return html.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& html, const std::string& part) {
    std::size_t n = 0;
    for (auto at = html.find(part); at != std::string::npos; at = html.find(part, at + 1))
        ++n;
    return n;
}

class BlockHtml : public ::testing::Test {
  protected:
    BlockHtml() {
        course::Contact act;
        act.id = "act";
        act.name = "Anti-Terrorist Hotline";
        act.phone = "0800 789 321";
        act.email = "act@example.org";
        act.url = "https://www.gov.uk/ACT";
        act.hours = "24 hours";
        course_.contacts.push_back(act);
        course::Contact hostile;
        hostile.id = "hostile";
        hostile.name = "<img src=x onerror=alert(1)>";
        hostile.phone = "999\" onclick=\"alert(1)";
        hostile.email = "x@y.org\" onmouseover=\"alert(1)";
        hostile.url = "javascript:alert(1)";
        course_.contacts.push_back(hostile);
        ctx_.course = &course_;
        ctx_.page_title = "The page";
        ctx_.course_link = [](std::string_view target) {
            return target == "02-contest.md#due-regard" ? std::string("module-2-page-3.html")
                                                        : std::string{};
        };
        ctx_.image_url = [](std::string_view src) {
            return src == "../assets/a.png" ? std::string("media/assets/a.png") : std::string{};
        };
    }

    // The blocks of the first page of `markdown`, rendered.
    std::string html(const std::string& markdown) {
        Diagnostics problems;
        const auto pages =
            content::parse_module_markdown("# The page\n\n" + markdown, "m.md", problems);
        EXPECT_FALSE(pages.empty());
        return pages.empty() ? std::string{} : render_blocks(pages.front().blocks, ctx_);
    }

    course::Course course_;
    RenderContext ctx_;
};

// The Markdown reader drops raw HTML, so the hostile text is given to the renderer as a
// span directly: the renderer must not rely on the reader for its safety.
TEST_F(BlockHtml, EscapesAScriptElementInPageText) {
    content::Block paragraph;
    paragraph.text = {content::Span{"Before <script>alert(1)</script> after"}};
    const std::string out = render_blocks({paragraph}, ctx_);
    EXPECT_FALSE(has(out, "<script")) << out;
    EXPECT_TRUE(has(out, "&lt;script&gt;alert(1)&lt;/script&gt;")) << out;
}

TEST_F(BlockHtml, EscapesAScriptElementWrittenWithMarkdownEscapes) {
    const std::string out = html("Before \\<script>alert(1)\\</script> after\n");
    EXPECT_FALSE(has(out, "<script")) << out;
    EXPECT_TRUE(has(out, "&lt;script&gt;")) << out;
}

TEST_F(BlockHtml, KeepsQuotesInAltTextInsideTheAttribute) {
    const std::string out = html("![x\" onerror=\"alert(1)](../assets/a.png)\n");
    EXPECT_TRUE(has(out, "alt=\"x&quot; onerror=&quot;alert(1)\"")) << out;
    EXPECT_FALSE(has(out, "onerror=\"")) << out;
}

TEST_F(BlockHtml, MakesAJavascriptLinkPlainText) {
    const std::string out = html("[Click me](javascript:alert(1)) and [me](JAVASCRIPT:x)\n");
    EXPECT_FALSE(has(out, "<a")) << out;
    EXPECT_FALSE(has(out, "javascript:")) << out;
    EXPECT_TRUE(has(out, "Click me")) << out;
}

TEST_F(BlockHtml, LinksWebPagesAndCoursePages) {
    const std::string out =
        html("See [ACT](https://www.gov.uk/ACT) and [due regard](02-contest.md#due-regard).\n");
    EXPECT_TRUE(has(out, "<a href=\"https://www.gov.uk/ACT\">ACT</a>")) << out;
    EXPECT_TRUE(has(out, "<a href=\"module-2-page-3.html\">due regard</a>")) << out;
}

TEST_F(BlockHtml, MakesALinkToNothingInTheCoursePlainText) {
    const std::string out = html("[gone](nowhere.md)\n");
    EXPECT_FALSE(has(out, "<a")) << out;
}

TEST_F(BlockHtml, RendersStylesInsideOneLink) {
    const std::string out = html("[read **this** part](https://example.org)\n");
    EXPECT_EQ(occurrences(out, "<a "), 1u) << out;
    EXPECT_TRUE(has(out, "<strong>this</strong>")) << out;
}

TEST_F(BlockHtml, NeverSkipsAHeadingLevelBelowThePageTitle) {
    const std::string out = html("#### Deep\n\ntext\n\n###### Deeper\n\n## Back\n");
    EXPECT_TRUE(has(out, "<h2>Deep</h2>")) << out;
    EXPECT_TRUE(has(out, "<h3>Deeper</h3>")) << out;
    EXPECT_TRUE(has(out, "<h2>Back</h2>")) << out;
}

TEST_F(BlockHtml, GivesATableACaptionAndColumnHeaderCells) {
    const std::string out =
        html("## Who to call\n\n| Who | When |\n|-----|-----:|\n| 999 | now |\n");
    EXPECT_TRUE(has(out, "<caption id=\"table-1\">Who to call</caption>")) << out;
    EXPECT_TRUE(has(out, "<th scope=\"col\">Who</th>")) << out;
    EXPECT_TRUE(has(out, "<th scope=\"col\" class=\"align-right\">When</th>")) << out;
    EXPECT_TRUE(has(out, "<td>999</td>")) << out;
    EXPECT_TRUE(has(out, "role=\"region\" tabindex=\"0\" aria-labelledby=\"table-1\"")) << out;
}

TEST_F(BlockHtml, NamesATableWithNoHeadingAboveItAfterThePage) {
    const std::string out = html("| A |\n|---|\n| b |\n");
    EXPECT_TRUE(has(out, ">The page</caption>")) << out;
}

TEST_F(BlockHtml, PrefersTheCaptionTheTrainerWroteToTheHeading) {
    const std::string out =
        html("## Who to call\n\n| A |\n|---|\n| b |\n\nTable: Numbers *by* area\n");
    EXPECT_TRUE(has(out, "<caption id=\"table-1\">Numbers <em>by</em> area</caption>")) << out;
}

TEST_F(BlockHtml, KeepsAnImagesAltTextAndCaption) {
    const std::string out = html("![A signpost](../assets/a.png \"The sign\")\n");
    EXPECT_TRUE(has(out, "<img src=\"media/assets/a.png\" alt=\"A signpost\">")) << out;
    EXPECT_TRUE(has(out, "<figcaption>The sign</figcaption>")) << out;
}

TEST_F(BlockHtml, ShowsTheAltTextOfAnImageTheCourseDoesNotHave) {
    const std::string out = html("![A missing picture](../assets/none.png)\n");
    EXPECT_FALSE(has(out, "<img")) << out;
    EXPECT_TRUE(has(out, "A missing picture")) << out;
}

TEST_F(BlockHtml, MarksACalloutAsANoteWithItsKind) {
    const std::string out = html("> [!EMERGENCY]\n> Call 999.\n");
    EXPECT_TRUE(has(out, "class=\"callout callout-emergency\" role=\"note\"")) << out;
    EXPECT_TRUE(has(out, "<strong>Emergency</strong>")) << out;
    EXPECT_TRUE(has(out, "Call 999.")) << out;
}

TEST_F(BlockHtml, RendersAStepFlowAsAnOrderedListNamedByItsTitle) {
    const std::string out =
        html("> [!STEPS] Run Hide Tell\n> 1. **Run** to a place of safety\n> 2. **Hide**\n");
    EXPECT_TRUE(has(out, "<ol class=\"steps\" aria-labelledby=\"steps-1\">")) << out;
    EXPECT_TRUE(has(out, "id=\"steps-1\"><strong>Run Hide Tell</strong>")) << out;
    EXPECT_EQ(occurrences(out, "<li>"), 2u) << out;
}

TEST_F(BlockHtml, LinksAContactsPhoneEmailAndWebSite) {
    const std::string out = html("[[contact:act]]\n");
    EXPECT_TRUE(has(out, "<a href=\"tel:0800789321\">0800 789 321</a>")) << out;
    EXPECT_TRUE(has(out, "<a href=\"mailto:act@example.org\">act@example.org</a>")) << out;
    EXPECT_TRUE(has(out, "<a href=\"https://www.gov.uk/ACT\">")) << out;
    EXPECT_TRUE(has(out, "Hours: 24 hours")) << out;
}

TEST_F(BlockHtml, EscapesEveryFieldOfAHostileContact) {
    const std::string out = html("[[contact:hostile]]\n");
    EXPECT_FALSE(has(out, "<img")) << out;
    EXPECT_FALSE(has(out, "onclick=\"")) << out;
    EXPECT_FALSE(has(out, "onmouseover=\"")) << out;
    EXPECT_FALSE(has(out, "href=\"javascript")) << out;
    EXPECT_FALSE(has(out, "mailto:")) << out;
    EXPECT_TRUE(has(out, "&lt;img src=x onerror=alert(1)&gt;")) << out;
}

// The check's question in the course used by the knowledge-check tests below.
content::Question check_question(std::string id, content::QuestionType type) {
    content::Question q;
    q.id = std::move(id);
    q.type = type;
    q.stem = "Who do you tell?";
    q.choices = {{"Your safeguarding lead", 1}, {"Nobody", 0}};
    return q;
}

TEST_F(BlockHtml, RendersAKnowledgeCheckAsAFormWithALegendLabelledOptionsAndALiveRegion) {
    course_.knowledge_checks.push_back(check_question("q1", content::QuestionType::single_choice));
    std::vector<const content::Question*> shown;
    ctx_.checks_shown = &shown;
    const std::string out = html("## Check\n\n[[check:q1]]\n");
    EXPECT_TRUE(has(out, "<form class=\"question\" id=\"check-1\" data-question=\"q1\"")) << out;
    EXPECT_TRUE(
        has(out, "<h3 class=\"question-heading\" id=\"check-1-heading\">Knowledge check</h3>"))
        << out;
    EXPECT_TRUE(has(out, "<fieldset>\n<legend>Who do you tell?</legend>")) << out;
    EXPECT_TRUE(has(out,
                    "<input type=\"radio\" name=\"check-1\" id=\"check-1-option-0\"><label "
                    "for=\"check-1-option-0\">Your safeguarding lead</label>"))
        << out;
    EXPECT_TRUE(has(out, "role=\"status\" aria-live=\"polite\"")) << out;
    EXPECT_TRUE(has(out, "<button type=\"submit\">Check answer</button>")) << out;
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown.front()->id, "q1");
}

TEST_F(BlockHtml, RendersMultipleResponseAsCheckBoxesAndMatchingAsOneLabelledSelectPerPrompt) {
    course_.knowledge_checks.push_back(
        check_question("many", content::QuestionType::multiple_response));
    auto matching = check_question("match", content::QuestionType::matching);
    matching.pairs = {{"Prevent", "before"}, {"Pursue", "during"}, {"", "never"}};
    course_.knowledge_checks.push_back(matching);
    const std::string out = html("[[check:many]]\n\n[[check:match]]\n");
    EXPECT_EQ(occurrences(out, "type=\"checkbox\""), 2u) << out;
    EXPECT_TRUE(has(out,
                    "<label for=\"check-2-prompt-0\">Prevent</label><select "
                    "id=\"check-2-prompt-0\">"))
        << out;
    EXPECT_EQ(occurrences(out, "<select"), 2u) << out;  // the distractor has no prompt
    EXPECT_EQ(occurrences(out, ">never</option>"), 2u) << out;
}

TEST_F(BlockHtml, EscapesHostileQuestionTextInAKnowledgeCheck) {
    auto q = check_question("q1\" onfocus=\"alert(1)", content::QuestionType::single_choice);
    q.stem = "</legend><script>alert(1)</script>";
    q.choices[0].text = "<img src=x onerror=alert(1)>";
    course_.knowledge_checks.push_back(q);
    const std::string out = html("[[check:q1\" onfocus=\"alert(1)]]\n");
    EXPECT_FALSE(has(out, "<script")) << out;
    EXPECT_FALSE(has(out, "<img")) << out;
    EXPECT_FALSE(has(out, "\" onfocus=\"")) << out;
    EXPECT_EQ(occurrences(out, "</legend>"), 1u) << out;
}

TEST_F(BlockHtml, SaysSoWhenAKnowledgeCheckIsNotInTheCourse) {
    const std::string out = html("[[check:missing]]\n");
    EXPECT_TRUE(has(out, "the course does not have it")) << out;
    EXPECT_FALSE(has(out, "<form")) << out;
}

TEST_F(BlockHtml, KeepsAnOrderedListsStartNumber) {
    const std::string out = html("3. three\n4. four\n");
    EXPECT_TRUE(has(out, "<ol start=\"3\">")) << out;
    EXPECT_TRUE(has(out, "<li>three</li>")) << out;
}

TEST_F(BlockHtml, EscapesCodeBlocks) {
    const std::string out = html("```\n</code></pre><script>x</script>\n```\n");
    EXPECT_FALSE(has(out, "<script")) << out;
    EXPECT_EQ(occurrences(out, "</pre>"), 1u) << out;
}

}  // namespace
}  // namespace waymark::publish
