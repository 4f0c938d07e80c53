// Small builders for the questions the assessment tests mark.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "waymark/content/question.hpp"

namespace waymark::assessment::testing {

using content::Question;
using content::QuestionType;

inline Question choice_question(QuestionType type, std::initializer_list<content::Choice> choices,
                                std::string id = "q") {
    Question q;
    q.id = std::move(id);
    q.type = type;
    q.stem = "Which?";
    q.choices = choices;
    q.general_feedback = "general";
    q.file = "bank.json";
    q.line = 7;
    return q;
}

inline Question true_false(bool answer) {
    return choice_question(QuestionType::true_false, {{"True", answer ? 1.0 : 0.0, "said true"},
                                                      {"False", answer ? 0.0 : 1.0, "said false"}});
}

inline Question matching(std::vector<content::MatchPair> pairs) {
    Question q;
    q.id = "match";
    q.type = QuestionType::matching;
    q.pairs = std::move(pairs);
    return q;
}

inline Question ordering(std::vector<std::string> items) {
    Question q;
    q.id = "order";
    q.type = QuestionType::ordering;
    q.order = std::move(items);
    return q;
}

inline Question short_answer(std::vector<content::TextAnswer> answers) {
    Question q;
    q.id = "short";
    q.type = QuestionType::short_answer;
    q.text_answers = std::move(answers);
    return q;
}

inline Question numerical(std::vector<content::NumericAnswer> answers) {
    Question q;
    q.id = "number";
    q.type = QuestionType::numerical;
    q.numeric_answers = std::move(answers);
    return q;
}

inline content::NumericAnswer within(double value, double tolerance, double weight = 1,
                                     std::string feedback = {}) {
    content::NumericAnswer a;
    a.value = value;
    a.tolerance = tolerance;
    a.weight = weight;
    a.feedback = std::move(feedback);
    return a;
}

inline content::NumericAnswer between(double min, double max, double weight = 1) {
    content::NumericAnswer a;
    a.range = true;
    a.min = min;
    a.max = max;
    a.weight = weight;
    return a;
}

// A referral story: report (best, 1), ask a colleague then report (0.5), ignore (0).
inline Question referral_scenario() {
    Question q;
    q.id = "story";
    q.type = QuestionType::scenario;
    q.general_feedback = "Always share a concern.";
    q.steps = {
        {"start",
         "A learner shares extremist material.",
         {{"Report it to the safeguarding lead", "", 1.0, "Right: report it."},
          {"Ask a colleague first", "colleague", 0, "Asking is fine, but do not wait."},
          {"Ignore it", "", 0.0, "Ignoring it leaves the learner at risk."}}},
        {"colleague",
         "Your colleague suggests reporting.",
         {{"Report it now", "", 0.5, "Reported, a little late."},
          {"Wait and see", "", 0.0, "Waiting leaves the learner at risk."}}},
    };
    return q;
}

}  // namespace waymark::assessment::testing
