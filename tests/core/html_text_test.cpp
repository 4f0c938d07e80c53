// html_escape: text from outside the program made safe inside HTML and SVG markup.
#include "waymark/core/html_text.hpp"

#include <gtest/gtest.h>

namespace waymark {
namespace {

TEST(HtmlEscape, EscapesEveryCharacterThatCanEndTextOrAnAttribute) {
    EXPECT_EQ(html_escape(R"(<a href="x" title='y'>&</a>)"),
              "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(HtmlEscape, KeepsOtherTextAndUtf8AsTheyAre) {
    EXPECT_EQ(html_escape("Siân Öztürk, team 3"), "Siân Öztürk, team 3");
}

TEST(HtmlEscape, EscapesAnAmpersandThatAlreadyStartsAnEntityAgain) {
    // Text is never taken for markup: "&lt;" typed by someone is shown as typed.
    EXPECT_EQ(html_escape("&lt;"), "&amp;lt;");
}

}  // namespace
}  // namespace waymark
