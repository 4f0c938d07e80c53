// waymark/player/score_text.hpp: how a result's score reads to the learner.
//
// Marks are written as people write them: whole marks without a decimal point ("0 of
// 15", "12 of 15"), part marks with one decimal place ("12.5 of 15"); percentages whole.
#pragma once

#include <string>

#include "waymark/assessment/attempt_events.hpp"

namespace waymark::player {

// `marks` as the learner reads it: "12", "12.5", "0".
std::string marks_text(double marks);

// "You scored 80% (12 of 15). The pass mark is 80%."
std::string score_sentence(const assessment::AttemptResult& result);

}  // namespace waymark::player
