// printable(): text from outside the program shown with every control character as a
// visible escape, and everything else (names in any language) left alone.
#include <gtest/gtest.h>

#include "waymark/core/terminal_text.hpp"

namespace waymark {
namespace {

TEST(PrintableText, KeepsPlainAsciiUnchanged) {
    EXPECT_EQ(printable("Prevent duty: 12/12 passed (100%)"), "Prevent duty: 12/12 passed (100%)");
}

TEST(PrintableText, KeepsNamesInAnyLanguageUnchanged) {
    for (const char* name : {"Siân Öztürk", "Zoë Ní Bhriain", "Łukasz Żółć", "Ελένη Παπαδοπούλου",
                             "李小龍", "Aoife 👩‍⚕️", "\xf4\x8f\xbf\xbf"})
        EXPECT_EQ(printable(name), name);
}

TEST(PrintableText, EscapesAnEscapeSequenceThatWouldClearTheScreen) {
    EXPECT_EQ(printable("\x1b[2J\x1b[Hsync complete"), "\\x1b[2J\\x1b[Hsync complete");
}

TEST(PrintableText, EscapesEveryOtherC0ControlAndDelete) {
    EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
    EXPECT_EQ(printable("\x07\x08\x0b\x0c\x1f\x7f"), "\\x07\\x08\\x0b\\x0c\\x1f\\x7f");
}

TEST(PrintableText, ShowsLineBreaksAndTabsAsTheirUsualEscapes) {
    // A reply cannot start a line of its own that looks like the program's own output.
    EXPECT_EQ(printable("no\nwaymark: sync complete\r\tok"), "no\\nwaymark: sync complete\\r\\tok");
}

TEST(PrintableText, EscapesC1ControlsWrittenInUtf8) {
    // U+009B is a one-character CSI on terminals that honour C1 controls.
    EXPECT_EQ(printable("\xc2\x9b"
                        "31mred"),
              "\\u009b31mred");
    EXPECT_EQ(printable("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
    EXPECT_EQ(printable("\xc2\xa0"), "\xc2\xa0");  // U+00A0, no-break space: not a control
}

TEST(PrintableText, EscapesBytesThatAreNotUtf8) {
    EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
    EXPECT_EQ(printable("\x9b"
                        "2J"),
              "\\x9b2J");  // a raw C1 CSI, as a Latin-1 terminal reads it
}

TEST(PrintableText, EscapesTruncatedAndOverlongUtf8) {
    EXPECT_EQ(printable("Si\xc3"), "Si\\xc3");                         // cut off after the lead
    EXPECT_EQ(printable("\xe2\x82"), "\\xe2\\x82");                    // two of three bytes
    EXPECT_EQ(printable("\xc0\x9b"), "\\xc0\\x9b");                    // overlong ESC-like
    EXPECT_EQ(printable("\xe0\x80\x9b"), "\\xe0\\x80\\x9b");           // overlong, three bytes
    EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a UTF-16 surrogate
    EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
}

TEST(PrintableText, ResumesAfterABadByteWithoutSwallowingTheNextCharacter) {
    EXPECT_EQ(printable("\xc3\x1b[0m"), "\\xc3\\x1b[0m");
    EXPECT_EQ(printable("\xe2\x82Ö"), "\\xe2\\x82Ö");
}

TEST(PrintableText, LeavesBackslashesAlone) {
    EXPECT_EQ(printable("C:\\Training\\prevent"), "C:\\Training\\prevent");
}

TEST(PrintableText, GivesTheSameTextWhenAppliedTwice) {
    const std::string hostile = "\x1b]0;owned\x07\xc2\x9b\xff Siân\n";
    EXPECT_EQ(printable(printable(hostile)), printable(hostile));
}

TEST(PrintableExcerpt, KeepsShortTextWhole) {
    EXPECT_EQ(printable_excerpt("Expected actor to be an object", 100),
              "Expected actor to be an object");
}

TEST(PrintableExcerpt, CutsLongTextAndSaysHowLongItWas) {
    EXPECT_EQ(printable_excerpt(std::string(1000, 'x'), 10), "xxxxxxxxxx... (1000 bytes in all)");
}

TEST(PrintableExcerpt, NeverCutsInsideAnEscapeOrACharacter) {
    EXPECT_EQ(printable_excerpt("ab\x1b[2J", 4), "ab... (6 bytes in all)");
    EXPECT_EQ(printable_excerpt("aÖÖ", 4), "aÖ... (5 bytes in all)");
}

}  // namespace
}  // namespace waymark
