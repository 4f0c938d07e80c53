// Every fixture: what it holds, and that it survives import, export and import again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "gift_test_support.hpp"

namespace waymark::gift {
namespace {

using content::QuestionType;

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(testing::fixture_path("")))
        if (entry.path().extension() == ".gift")
            names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}

void expect_same_banks(const content::QuestionBank& a, const content::QuestionBank& b) {
    ASSERT_EQ(a.questions.size(), b.questions.size());
    for (std::size_t i = 0; i < a.questions.size(); ++i)
        EXPECT_TRUE(a.questions[i].same_content(b.questions[i]))
            << "question " << a.questions[i].id << " differs after the round trip";
}

class GiftFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(GiftFixture, ImportsExportsAndImportsAgainToAnEqualBank) {
    Diagnostics first_out;
    const auto first = import_gift(testing::read_fixture(GetParam()), GetParam(), first_out);
    ASSERT_FALSE(first.questions.empty());

    Diagnostics export_out;
    const std::string gift = export_gift(first, export_out);
    EXPECT_TRUE(export_out.empty()) << testing::all_messages(export_out);

    Diagnostics second_out;
    const auto second = import_gift(gift, "exported.gift", second_out);
    EXPECT_FALSE(second_out.has_errors()) << testing::all_messages(second_out) << gift;
    expect_same_banks(first, second);
}

INSTANTIATE_TEST_SUITE_P(EveryFixture, GiftFixture, ::testing::ValuesIn(fixture_names()),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c)))
                                     c = '_';
                             return name;
                         });

TEST(GiftFixtures, HoldEveryQuestionTypeWithoutErrors) {
    std::set<std::string> types;
    for (const std::string& name : fixture_names()) {
        if (name == "errors.gift")
            continue;
        Diagnostics out;
        for (const auto& q : import_gift(testing::read_fixture(name), name, out).questions)
            types.insert(list_type_name(q));
        EXPECT_FALSE(out.has_errors()) << testing::all_messages(out);
    }
    EXPECT_THAT(types, ::testing::UnorderedElementsAre(
                           "single-choice", "multiple-response", "true-false", "short-answer",
                           "matching", "numerical", "missing-word", "essay", "description"));
}

TEST(GiftFixtures, ReadTheEscapesFixtureAsWritten) {
    const auto bank = testing::import_clean(testing::read_fixture("feedback_escapes.gift"));
    ASSERT_EQ(bank.questions.size(), 3u);
    const auto& q = bank.questions[1];
    EXPECT_EQ(q.title, "Escapes: all of them");
    EXPECT_EQ(q.stem, "Which symbols does GIFT reserve? { } ~ = # : and \\");
    EXPECT_EQ(q.choices[0].text, "The tilde ~ and the equals sign =");
    EXPECT_EQ(q.choices[0].feedback, "Right: # starts feedback.");
    EXPECT_EQ(q.choices[2].text, "A line break\nin the middle");
    EXPECT_EQ(bank.questions[0].general_feedback,
              "CONTEST has four strands: Prevent, Pursue, Protect and Prepare.");
}

TEST(GiftFixtures, ReadTheNumericalFixtureAsWritten) {
    const auto bank = testing::import_clean(testing::read_fixture("numerical.gift"));
    ASSERT_EQ(bank.questions.size(), 5u);
    const auto& negative = bank.questions[4];
    ASSERT_EQ(negative.numeric_answers.size(), 2u);
    EXPECT_EQ(negative.numeric_answers[0].value, -5);
    EXPECT_TRUE(negative.numeric_answers[1].range);
    EXPECT_EQ(negative.numeric_answers[1].min, -5.5);
    EXPECT_EQ(negative.numeric_answers[1].max, -4.5);
    EXPECT_EQ(bank.questions[3].numeric_answers.size(), 3u);
}

TEST(GiftFixtures, ReadWhatMoodlesOwnExporterWrites) {
    const auto bank = testing::import_clean(testing::read_fixture("moodle_export.gift"));
    ASSERT_EQ(bank.questions.size(), 7u);
    for (const auto& q : bank.questions) {
        EXPECT_EQ(q.format, content::TextFormat::html) << q.id;
        EXPECT_EQ(q.category, "$course$/top/Default for Prevent duty") << q.id;
    }
    EXPECT_EQ(bank.questions[0].stem, "<p>Which of these is a CONTEST strand?</p>");
    EXPECT_EQ(bank.questions[0].choices[0].feedback, "<p>Yes.</p>");
    EXPECT_EQ(bank.questions[1].text_answers[0].text, "London");
    EXPECT_EQ(bank.questions[1].text_answers[0].feedback, "");
    EXPECT_EQ(bank.questions[2].numeric_answers.size(), 2u);
    EXPECT_EQ(bank.questions[3].choices[0].feedback, "<p>Correct.</p>");
    EXPECT_EQ(bank.questions[4].pairs[1].prompt, "<p>Pursue</p>");
    EXPECT_EQ(bank.questions[5].type, QuestionType::essay);
    EXPECT_EQ(bank.questions[6].type, QuestionType::description);
}

}  // namespace
}  // namespace waymark::gift
