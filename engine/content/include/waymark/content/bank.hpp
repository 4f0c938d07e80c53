// waymark/content/bank.hpp: question banks in Waymark's JSON format.
//
//     {"format": "waymark-bank", "version": 1, "questions": [
//       {"id": "contest-strands", "type": "single_choice", "module": "contest",
//        "source": "modules/02-contest.md#contest", "stem": "Which strand ...?",
//        "choices": [{"text": "Prevent", "correct": true, "feedback": "Yes: ..."},
//                    {"text": "Pursue", "feedback": "Pursue is about ..."}],
//        "feedback": "CONTEST has four strands ..."}]}
// Weights in JSON are percentages (-100..100, as in GIFT); `"correct": true` means 100.
// Reading reports every problem with its line and column; writing goes through cereal
// and reads back to an equal bank.
#pragma once

#include <string>
#include <string_view>

#include "waymark/content/question.hpp"
#include "waymark/core/diagnostics.hpp"

namespace waymark::content {

// Parses and validates a bank. Questions with errors are reported and left out.
QuestionBank read_bank_json(std::string_view text, const std::string& file, Diagnostics& out);

// The JSON text of a bank, in the form read_bank_json reads.
std::string write_bank_json(const QuestionBank& bank);

}  // namespace waymark::content
