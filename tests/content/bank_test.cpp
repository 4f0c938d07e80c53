#include "waymark/content/bank.hpp"

#include <gtest/gtest.h>

using namespace waymark;
using namespace waymark::content;

namespace {

std::string bank(const std::string& questions) {
    return R"({"format": "waymark-bank", "version": 1, "questions": [)" + questions + "]}";
}

const char* kSingle = R"({"id": "q1", "type": "single_choice", "module": "m", "stem": "Which?",
  "choices": [{"text": "A", "correct": true, "feedback": "Yes"}, {"text": "B", "weight": 25},
              {"text": "None of these", "fixed": true}], "feedback": "General"})";

std::string listing(const Diagnostics& d) {
    std::string out;
    for (const auto& item : d.items())
        out += item.format() + "\n";
    return out;
}

}  // namespace

TEST(BankJson, ReadsChoicesWithCorrectFlagsAndPercentWeights) {
    Diagnostics d;
    const QuestionBank b = read_bank_json(bank(kSingle), "b.json", d);
    ASSERT_TRUE(d.empty()) << listing(d);
    ASSERT_EQ(b.questions.size(), 1u);
    const Question& q = b.questions[0];
    EXPECT_EQ(q.type, QuestionType::single_choice);
    EXPECT_DOUBLE_EQ(q.choices[0].weight, 1.0);
    EXPECT_DOUBLE_EQ(q.choices[1].weight, 0.25);
    EXPECT_TRUE(q.choices[2].fixed);
    EXPECT_EQ(q.general_feedback, "General");
    EXPECT_EQ(q.line, 1);
}

TEST(BankJson, RoundTripsEveryQuestionTypeThroughTheWriter) {
    const std::string text = bank(std::string(kSingle) + "," + R"(
      {"id": "mr", "type": "multiple_response", "stem": "S", "choices": [{"text": "a", "weight": 50},
        {"text": "b", "weight": 50}, {"text": "c", "weight": -100, "feedback": "no"}]},
      {"id": "tf", "type": "true_false", "stem": "S", "choices": [{"text": "True", "correct": true},
        {"text": "False", "feedback": "f"}]},
      {"id": "ma", "type": "matching", "stem": "S", "pairs": [{"prompt": "a", "answer": "1"},
        {"prompt": "b", "answer": "2"}, {"answer": "3"}]},
      {"id": "or", "type": "ordering", "stem": "S", "order": ["x", "y", "z"], "shuffle": false},
      {"id": "sa", "type": "short_answer", "stem": "S", "case_sensitive": true,
        "answers": [{"text": "Pre*", "weight": 100}, {"text": "p", "weight": 50, "feedback": "f"}]},
      {"id": "nu", "type": "numerical", "stem": "S", "numbers": [{"value": 3.5, "tolerance": 0.5,
        "weight": 100}, {"min": 1, "max": 2, "weight": 50}]},
      {"id": "sc", "type": "scenario", "stem": "S", "steps": [{"id": "a", "text": "t", "options": [
        {"text": "go", "next": "b"}, {"text": "stop", "score": 0, "feedback": "f"}]},
        {"id": "b", "text": "t2", "options": [{"text": "best", "score": 100},
        {"text": "ok", "score": 40}]}]},
      {"id": "es", "type": "essay", "stem": "Reflect", "format": "plain", "title": "T",
        "category": "c/d", "source": "m.md#p", "stem_after": ""},
      {"id": "de", "type": "description", "stem": "Info"})");
    Diagnostics d;
    const QuestionBank first = read_bank_json(text, "b.json", d);
    ASSERT_TRUE(d.empty()) << listing(d);
    ASSERT_EQ(first.questions.size(), 10u);
    const std::string written = write_bank_json(first);
    const QuestionBank second = read_bank_json(written, "b2.json", d);
    ASSERT_TRUE(d.empty()) << listing(d) << written;
    ASSERT_EQ(second.questions.size(), first.questions.size());
    for (std::size_t i = 0; i < first.questions.size(); ++i)
        EXPECT_TRUE(first.questions[i].same_content(second.questions[i])) << first.questions[i].id;
}

TEST(BankJson, ReportsAnUnknownTypeAtItsValue) {
    Diagnostics d;
    const QuestionBank b =
        read_bank_json(bank(R"({"id": "q", "type": "multiple_choice", "stem": "S"})"), "b.json", d);
    EXPECT_TRUE(b.questions.empty());
    ASSERT_EQ(d.error_count(), 1u) << listing(d);
    EXPECT_EQ(d.items()[0].column, 76);
    EXPECT_NE(d.items()[0].message.find("unknown question type \"multiple_choice\""),
              std::string::npos);
}

TEST(BankJson, LeavesOutABadQuestionButKeepsTheOthers) {
    Diagnostics d;
    const QuestionBank b = read_bank_json(
        bank(
            std::string(kSingle) +
            R"(, {"id": "bad", "type": "single_choice", "stem": "S", "choices": [{"text": "A"}, {"text": "B"}]})"),
        "b.json", d);
    EXPECT_EQ(b.questions.size(), 1u);
    ASSERT_EQ(d.error_count(), 1u) << listing(d);
    EXPECT_NE(d.items()[0].message.find("question \"bad\" has no correct answer"),
              std::string::npos);
}

TEST(BankJson, RefusesAWeightOutsideMinus100To100) {
    Diagnostics d;
    read_bank_json(bank(R"({"id": "q", "type": "multiple_response", "stem": "S",
      "choices": [{"text": "a", "weight": 150}, {"text": "b", "weight": 50}]})"),
                   "b.json", d);
    EXPECT_NE(listing(d).find("\"weight\" is a percentage"), std::string::npos) << listing(d);
}

TEST(BankJson, RefusesAChoiceWithBothCorrectAndWeight) {
    Diagnostics d;
    read_bank_json(bank(R"({"id": "q", "type": "single_choice", "stem": "S",
      "choices": [{"text": "a", "correct": true, "weight": 100}, {"text": "b"}]})"),
                   "b.json", d);
    EXPECT_NE(listing(d).find("both \"correct\" and \"weight\""), std::string::npos) << listing(d);
}

TEST(BankJson, RefusesDuplicateQuestionIds) {
    Diagnostics d;
    read_bank_json(bank(std::string(kSingle) + "," + kSingle), "b.json", d);
    EXPECT_NE(listing(d).find("two questions have the id \"q1\""), std::string::npos) << listing(d);
}

TEST(BankJson, RefusesAnotherFormatOrVersion) {
    Diagnostics d;
    read_bank_json(R"({"format": "moodle-xml", "version": 2, "questions": []})", "b.json", d);
    EXPECT_NE(listing(d).find("must be \"waymark-bank\""), std::string::npos) << listing(d);
    EXPECT_NE(listing(d).find("reads bank version 1, not 2"), std::string::npos) << listing(d);
}

TEST(BankJson, ReportsASyntaxErrorWithLineAndColumn) {
    Diagnostics d;
    read_bank_json("{\"format\": \"waymark-bank\",\n \"version\": 1,,}", "b.json", d);
    ASSERT_EQ(d.error_count(), 1u);
    EXPECT_EQ(d.items()[0].file, "b.json");
    EXPECT_EQ(d.items()[0].line, 2);
}

TEST(BankJson, ReportsAnUnknownKeyWithASuggestion) {
    Diagnostics d;
    read_bank_json(bank(R"({"id": "q", "type": "essay", "stem": "S", "feedbak": "x"})"), "b.json",
                   d);
    EXPECT_NE(listing(d).find("unknown key \"feedbak\" in question \"q\" (did you mean "
                              "\"feedback\"?)"),
              std::string::npos)
        << listing(d);
}

TEST(BankJson, ReportsANumericalAnswerWithNeitherValueNorRange) {
    Diagnostics d;
    read_bank_json(bank(R"({"id": "q", "type": "numerical", "stem": "S",
      "numbers": [{"weight": 100}]})"),
                   "b.json", d);
    EXPECT_NE(listing(d).find("needs either \"value\""), std::string::npos) << listing(d);
}

TEST(BankJson, ReportsAScenarioOptionWithNeitherNextNorScore) {
    Diagnostics d;
    read_bank_json(bank(R"({"id": "q", "type": "scenario", "steps": [{"id": "a", "text": "t",
      "options": [{"text": "x"}, {"text": "y", "score": 100}]}]})"),
                   "b.json", d);
    EXPECT_NE(listing(d).find("needs either \"next\""), std::string::npos) << listing(d);
}
