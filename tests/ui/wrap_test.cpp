#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "waymark/ui/wrap.hpp"

using namespace waymark::ui;

namespace {

// Words of a monospaced font, 10 units a letter: "Channel" then "," glued to it.
std::vector<WrapWord> measure(const std::vector<std::string>& texts) {
    std::vector<WrapWord> words;
    for (const auto& t : texts) {
        const bool spaced = !t.empty() && t.back() == ' ';
        const float letters = static_cast<float>(t.size() - (spaced ? 1 : 0));
        words.push_back({letters * 10, static_cast<float>(t.size()) * 10, !spaced});
    }
    if (!words.empty())
        words.back().glued_to_next = false;
    return words;
}

}  // namespace

TEST(Wrap, BreaksAtTheLastWordThatFits) {
    // "one two three": 30 + 10 + 30 + 10 + 50.
    EXPECT_EQ(wrap_words(measure({"one ", "two ", "three"}), 75), (std::vector<std::size_t>{0, 2}));
}

TEST(Wrap, ACommaAfterALinkNeverStartsALine) {
    // "see Channel," where "Channel" is a link and "," plain text: "see Channel" fits in
    // 110 but the comma does not, so "Channel," moves down together.
    EXPECT_EQ(wrap_words(measure({"see ", "Channel", ", ", "then"}), 110),
              (std::vector<std::size_t>{0, 1, 3}));
}

TEST(Wrap, AFullStopAfterBoldTextStaysWithIt) {
    EXPECT_EQ(wrap_words(measure({"Run, ", "Hide, ", "Tell", "."}), 110),
              (std::vector<std::size_t>{0, 2}));
}

TEST(Wrap, AGluedRunWiderThanTheLineHasALineOfItsOwn) {
    EXPECT_EQ(wrap_words(measure({"a ", "verylongword", "."}), 50),
              (std::vector<std::size_t>{0, 1}));
}

TEST(Wrap, NothingToWrapGivesNoLines) {
    EXPECT_TRUE(wrap_words({}, 100).empty());
}
