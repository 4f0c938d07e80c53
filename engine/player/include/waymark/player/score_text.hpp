// waymark/player/score_text.hpp: how scores, counts and the assessment's rules read.
//
// Marks are written as people write them: whole marks without a decimal point ("0 of
// 15", "12 of 15"), part marks with one decimal place ("12.5 of 15"); percentages whole.
// Feedback is read once: a sentence two answers share, or the question's own feedback
// repeated by an answer's, is shown once.
#pragma once

#include <string>
#include <vector>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/eligibility.hpp"
#include "waymark/assessment/policy.hpp"
#include "waymark/assessment/scoring.hpp"

namespace waymark::player {

// `marks` as the learner reads it: "12", "12.5", "0".
std::string marks_text(double marks);

// A count with its noun, singular for one: "1 error", "2 errors", "0 warnings".
std::string counted(long long n, const std::string& noun);

// What the assessment's introduction tells the learner before they start, one paragraph
// each: the questions and pass mark; the time limit; the attempts (how many are left,
// from `decision`) and any wait between them; that answers are saved as they go; and
// what happens after submitting: the result at once, when the correct answers are shown
// (the review policy), and the certificate when `certificates` (a course whose pass
// counts), or else that a pass here is not recorded.
std::vector<std::string> assessment_intro(const assessment::AssessmentPolicy& policy,
                                          std::size_t questions,
                                          const assessment::StartDecision& decision,
                                          bool certificates);

// "You scored 80% (12 of 15). The pass mark is 80%."
std::string score_sentence(const assessment::AttemptResult& result);

// The feedback paragraphs shown under a marked answer: the answers' feedback in order,
// then the question's, each text once.
std::vector<std::string> feedback_lines(const assessment::Score& score);

}  // namespace waymark::player
