// waymark/content/question.hpp: the question model shared by banks, GIFT and scoring.
//
// A Question is data only: what the learner sees and what counts as right. Banks are
// loaded from Waymark's JSON format (bank.hpp) or from Moodle GIFT (waymark/gift), and
// scored by waymark/assessment. Weights are fractions of full marks in [-1, 1], as
// Moodle stores GIFT's percentages (%50% is 0.5). Which fields are used depends on the
// type, as noted beside each field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/diagnostics.hpp"

namespace waymark::content {

enum class QuestionType {
    single_choice,      // choices: one is chosen; its weight is the score
    multiple_response,  // choices: any set is chosen; weights add up, clamped to [0, 1]
    true_false,         // choices: exactly "True" and "False", one with weight 1
    matching,           // pairs: each prompt is matched to one answer; distractors allowed
    ordering,           // order: the items in their correct order, shown shuffled
    short_answer,       // text_answers: typed text compared with each accepted answer
    numerical,          // numeric_answers: a typed number within a tolerance or range
    scenario,           // steps: a branching story; the outcome reached gives the score
    essay,              // free text, never auto-marked: a reflection item
    description,        // information only, nothing to answer
};

// "single-choice", "multiple-response", ... (the names `waymark gift import --list` prints)
const char* to_string(QuestionType type);
// Also accepts the underscore spelling used in JSON banks ("single_choice").
bool parse_question_type(std::string_view text, QuestionType& out);

// How the stem and feedback texts are written ([markdown], [html], ... in GIFT).
enum class TextFormat { markdown, html, plain, moodle };
const char* to_string(TextFormat format);

struct Choice {
    std::string text;
    double weight = 0;     // fraction of full marks, -1..1
    std::string feedback;  // shown when this choice is picked
    bool fixed = false;    // keeps its place when options are shuffled ("All of the above")
    friend bool operator==(const Choice&, const Choice&) = default;
};

struct MatchPair {
    std::string prompt;  // empty for a distractor: an answer that matches no prompt
    std::string answer;
    friend bool operator==(const MatchPair&, const MatchPair&) = default;
};

struct TextAnswer {
    std::string text;  // may contain '*' wildcards, each matching any run of characters
    double weight = 1;
    std::string feedback;
    friend bool operator==(const TextAnswer&, const TextAnswer&) = default;
};

struct NumericAnswer {
    bool range = false;  // written as min..max rather than value:tolerance
    double value = 0;
    double tolerance = 0;
    double min = 0;  // for a range
    double max = 0;
    double weight = 1;
    std::string feedback;
    friend bool operator==(const NumericAnswer&, const NumericAnswer&) = default;
};

struct ScenarioOption {
    std::string text;
    std::string next;  // id of the next step; empty when this option ends the story
    double score = 0;  // for an ending: the score of the whole path, 0..1
    std::string feedback;
    friend bool operator==(const ScenarioOption&, const ScenarioOption&) = default;
};

struct ScenarioStep {
    std::string id;
    std::string text;
    std::vector<ScenarioOption> options;
    friend bool operator==(const ScenarioStep&, const ScenarioStep&) = default;
};

struct Question {
    std::string id;  // unique within the course; GIFT questions get one from their title
    QuestionType type = QuestionType::single_choice;
    std::string title;
    std::string stem;        // the question text (before the blank, for a missing word)
    std::string stem_after;  // text after the blank of a missing-word question
    TextFormat format = TextFormat::markdown;
    std::string category;  // "$CATEGORY:" path in GIFT, free text in JSON
    std::string module;    // id of the module this question is drawn from / tests
    std::string source;    // page it is traceable to: "modules/02-contest.md#due-regard"

    std::vector<Choice> choices;                 // single/multiple choice, true/false
    std::vector<MatchPair> pairs;                // matching
    std::vector<std::string> order;              // ordering, in the correct order
    std::vector<TextAnswer> text_answers;        // short answer
    bool case_sensitive = false;                 // short answer
    std::vector<NumericAnswer> numeric_answers;  // numerical
    std::vector<ScenarioStep> steps;             // scenario; the first step is the start

    bool shuffle = true;           // options may be shuffled (unless a choice is fixed)
    std::string general_feedback;  // shown after any answer

    std::string file;  // where it was defined, for diagnostics
    int line = 0;

    // A missing-word question has text after its answer blank.
    bool is_missing_word() const { return !stem_after.empty(); }
    // Essays and descriptions are not auto-marked.
    bool is_scored() const {
        return type != QuestionType::essay && type != QuestionType::description;
    }

    // Equality of content; ignores where the question was defined.
    bool same_content(const Question& other) const;
};

struct QuestionBank {
    std::string file;
    std::vector<Question> questions;
};

// Reports what makes a question unanswerable or unfair, at the question's file:line:
// no correct answer, a true/false without exactly two choices, matching with fewer than
// two pairs, an ordering with fewer than two items, a numerical range with min > max, a
// scenario whose steps link to missing steps, loop, or have no ending scoring 1.
void validate_question(const Question& q, Diagnostics& out);

}  // namespace waymark::content
