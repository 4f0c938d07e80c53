// What course text may become inside a page: escaped text and only safe link targets.
#include <gtest/gtest.h>

#include "waymark/publish/html_text.hpp"

namespace waymark::publish {
namespace {

TEST(HtmlText, KeepsWebMailAndPhoneLinks) {
    EXPECT_EQ(external_link("https://www.gov.uk/ACT"), "https://www.gov.uk/ACT");
    EXPECT_EQ(external_link("HTTPS://WWW.GOV.UK"), "HTTPS://WWW.GOV.UK");
    EXPECT_EQ(external_link("mailto:prevent@example.org"), "mailto:prevent@example.org");
    EXPECT_EQ(external_link("tel:999"), "tel:999");
}

TEST(HtmlText, RefusesScriptAndDataLinksInAnyLetterCase) {
    EXPECT_EQ(external_link("javascript:alert(1)"), "");
    EXPECT_EQ(external_link("JaVaScRiPt:alert(1)"), "");
    EXPECT_EQ(external_link("vbscript:msgbox(1)"), "");
    EXPECT_EQ(external_link("data:text/html,<script>alert(1)</script>"), "");
    EXPECT_EQ(external_link("file:///etc/passwd"), "");
}

TEST(HtmlText, RefusesLinksWithSpacesOrControlCharactersThatBrowsersWouldStrip) {
    EXPECT_EQ(external_link(" javascript:alert(1)"), "");
    EXPECT_EQ(external_link("\tjavascript:alert(1)"), "");
    EXPECT_EQ(external_link("java\nscript:alert(1)"), "");
    EXPECT_EQ(external_link("https://example.org/\x01"), "");
}

TEST(HtmlText, RefusesASchemeWithNothingAfterIt) {
    EXPECT_EQ(external_link("https://"), "");
}

TEST(HtmlText, MakesAPhoneLinkFromDigitsAndALeadingPlusOnly) {
    EXPECT_EQ(tel_link("0800 789 321"), "tel:0800789321");
    EXPECT_EQ(tel_link("+44 (0)1228 123456"), "tel:+4401228123456");
    EXPECT_EQ(tel_link("999\" onclick=\"alert(1)"), "tel:9991");
    EXPECT_EQ(tel_link("none"), "");
}

TEST(HtmlText, MakesAMailLinkOnlyFromAPlainAddress) {
    EXPECT_EQ(mailto_link("prevent@cumbria.police.uk"), "mailto:prevent@cumbria.police.uk");
    EXPECT_EQ(mailto_link("a@b.org?bcc=everyone@b.org"), "");
    EXPECT_EQ(mailto_link("\"a\"@b.org"), "");
    EXPECT_EQ(mailto_link("a@b@c"), "");
    EXPECT_EQ(mailto_link("nobody"), "");
}

TEST(HtmlText, PercentEncodesEverythingButSafeCharactersInAFilePath) {
    EXPECT_EQ(url_path("assets/Run hide \"tell\".png"), "assets/Run%20hide%20%22tell%22.png");
    EXPECT_EQ(url_path("a/b-c_d.e~f"), "a/b-c_d.e~f");
}

}  // namespace
}  // namespace waymark::publish
