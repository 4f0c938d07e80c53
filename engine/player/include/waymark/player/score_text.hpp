// waymark/player/score_text.hpp: how a result's score reads to the learner.
//
// Marks are written as people write them: whole marks without a decimal point ("0 of
// 15", "12 of 15"), part marks with one decimal place ("12.5 of 15"); percentages whole.
// Feedback is read once: a sentence two answers share, or the question's own feedback
// repeated by an answer's, is shown once.
#pragma once

#include <string>
#include <vector>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/scoring.hpp"

namespace waymark::player {

// `marks` as the learner reads it: "12", "12.5", "0".
std::string marks_text(double marks);

// "You scored 80% (12 of 15). The pass mark is 80%."
std::string score_sentence(const assessment::AttemptResult& result);

// The feedback paragraphs shown under a marked answer: the answers' feedback in order,
// then the question's, each text once.
std::vector<std::string> feedback_lines(const assessment::Score& score);

}  // namespace waymark::player
