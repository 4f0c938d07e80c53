// "Listen" (issue 16): what is read is the page's text in the order a learner reads it,
// and it becomes sound without a sound device.
#include <gtest/gtest.h>

#include <algorithm>

#include "journey.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/read_aloud.hpp"
#include "waymark/player/speech.hpp"

using namespace waymark;
using namespace waymark::player;

namespace {

// Where `part` first appears in the passages read aloud, as (passage, offset); the end
// of the passages when it is missing.
std::pair<std::size_t, std::size_t> where(const std::vector<Passage>& read,
                                          const std::string& part) {
    for (std::size_t i = 0; i < read.size(); ++i)
        if (const auto at = read[i].text.find(part); at != std::string::npos)
            return {i, at};
    return {read.size(), 0};
}

}  // namespace

TEST(ReadAloud, APageIsReadTitleFirstThenItsTextInPageOrder) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    const auto read = page_passages(*t.p().reader());
    ASSERT_FALSE(read.empty());
    EXPECT_EQ(read.front().text, "What a page can hold");
    EXPECT_EQ(read.front().block, Passage::title);
    // In the order the page shows them: text, lists, the table (caption first), the image, the
    // quote.
    const std::vector<std::string> in_order = {"A module is one Markdown file",
                                               "struck through, or a link to a web page.",
                                               "An unordered list item",
                                               "A nested, numbered item",
                                               "Table: Block kinds and how to write them.",
                                               "Block: Callout.",
                                               "Image: A signpost with two arms",
                                               "A block quote is for words"};
    for (std::size_t i = 1; i < in_order.size(); ++i)
        EXPECT_LT(where(read, in_order[i - 1]), where(read, in_order[i]))
            << "\"" << in_order[i - 1] << "\" is not read before \"" << in_order[i] << "\"";
    EXPECT_LT(where(read, in_order.back()).first, read.size());
}

TEST(ReadAloud, EachPassageSaysWhichBlockOfThePageItReads) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    const auto& blocks = t.p().reader()->page().blocks;
    const auto read = page_passages(*t.p().reader());
    for (std::size_t i = 1; i < read.size(); ++i)
        ASSERT_LT(read[i].block, blocks.size()) << read[i].text;
    for (std::size_t i = 2; i < read.size(); ++i)
        EXPECT_GT(read[i].block, read[i - 1].block) << read[i].text;
    const auto table = std::find_if(blocks.begin(), blocks.end(), [](const content::Block& b) {
        return b.kind == content::BlockKind::table;
    });
    ASSERT_NE(table, blocks.end());
    const auto [passage, offset] = where(read, "Block: Callout.");
    ASSERT_LT(passage, read.size());
    EXPECT_EQ(read[passage].block, static_cast<std::size_t>(table - blocks.begin()));
}

TEST(ReadAloud, AKnowledgeCheckIsReadWithItsOptionsInTheOrderShown) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    auto& reader = *t.p().reader();
    const auto& blocks = reader.page().blocks;
    const auto check = std::find_if(blocks.begin(), blocks.end(), [](const content::Block& b) {
        return b.kind == content::BlockKind::knowledge_check;
    });
    ASSERT_NE(check, blocks.end());
    const auto& q = *reader.course().find_knowledge_check(check->ref);
    const auto& shown = reader.check(q.id)->shown;
    const auto read = page_passages(reader);
    const auto [passage, offset] = where(read, q.stem);
    ASSERT_LT(passage, read.size()) << "the check's question is not read";
    std::size_t last = offset;
    for (std::size_t i = 0; i < shown.options.size(); ++i) {
        const auto at = read[passage].text.find(q.choices[shown.options[i]].text);
        ASSERT_NE(at, std::string::npos) << q.choices[shown.options[i]].text;
        EXPECT_GT(at, last) << "option " << i + 1 << " is read out of order";
        last = at;
    }
}

TEST(ReadAloud, AQuestionIsReadWithItsOptionsInTheOrderShown) {
    content::Question q;
    q.type = content::QuestionType::single_choice;
    q.stem = "Who do you tell first?";
    q.choices = {{"Your manager"}, {"Your safeguarding lead"}, {"Nobody"}};
    assessment::Presentation shown;
    shown.options = {2, 0, 1};
    const auto read = question_passages(q, shown);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].text,
              "Who do you tell first? 1: Nobody. 2: Your manager. 3: Your safeguarding lead.");
}

TEST(Speech, APageSynthesisesToAudioWithNoSoundDevice) {
    MemoryJournal journal;
    test::Journey t(journal);
    t.add_learner();
    t.p().open_course(0);
    std::string page;
    for (const auto& text : passage_texts(page_passages(*t.p().reader())))
        page += text + ' ';
    const auto audio = synthesise(page, normal_reading_speed);
    ASSERT_TRUE(audio) << audio.error().describe();
    const auto words = static_cast<double>(std::count(page.begin(), page.end(), ' '));
    // At 175 words a minute, with pauses between sentences: between half and three times
    // the time the words alone would take.
    const double expected = words / normal_reading_speed * 60;
    EXPECT_GT(audio->seconds(), expected * 0.5);
    EXPECT_LT(audio->seconds(), expected * 3);
    // Not silence.
    EXPECT_GT(*std::max_element(audio->samples.begin(), audio->samples.end()), 1000);
}

TEST(Speech, AFasterReadingSpeedGivesShorterAudio) {
    const std::string text =
        "Notice a concern, check it with your safeguarding lead, and share it through the "
        "referral route.";
    const auto normal = synthesise(text, normal_reading_speed);
    const auto fast = synthesise(text, max_reading_speed);
    ASSERT_TRUE(normal && fast);
    EXPECT_LT(fast->seconds(), normal->seconds() * 0.8);
}

TEST(Speech, StopEndsReadingAtOnce) {
    Speech speech;
    speech.read({"One passage.", "Another passage."}, normal_reading_speed);
    EXPECT_TRUE(speech.reading());
    speech.stop();
    EXPECT_FALSE(speech.reading());
    EXPECT_FALSE(speech.passage().has_value());
}
