// waymark/player/answer_draft.hpp: an answer the learner is still working on.
//
// The UI edits a draft in displayed positions (what the learner sees, shuffled); the
// assessment module scores Responses in model indices. A draft turns into a Response
// through the question's Presentation, and back again when an attempt resumes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/response.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"

namespace waymark::player {

struct AnswerDraft {
    int chosen = -1;                       // single choice, true/false: displayed position
    std::vector<bool> ticked;              // multiple response: per displayed position
    std::vector<int> matched;              // matching: displayed prompt -> displayed answer
    std::vector<std::size_t> arrangement;  // ordering: displayed positions, first to last
    std::string text;                      // short answer, essay
    std::string number;                    // numerical, as typed
    std::vector<std::size_t> path;         // scenario: the option chosen at each step
    friend bool operator==(const AnswerDraft&, const AnswerDraft&) = default;
};

// A draft with nothing chosen, sized for `q` as presented.
AnswerDraft blank_draft(const content::Question& q, const assessment::Presentation& shown);

// Whether the draft is a whole answer that can be checked or saved: a choice made,
// every prompt matched, text typed, a number that parses, a scenario that reached its
// end. Multiple response is complete once anything is ticked; an ordering always is
// (the order shown is an answer, and is never the correct one).
bool is_complete(const content::Question& q, const AnswerDraft& draft);

// The draft as a Response in model indices. Fails (ErrorCode::invalid, with a message
// for the learner) when the draft is incomplete, e.g. "Type a number, such as 12 or 2.5".
Result<assessment::Response> to_response(const content::Question& q,
                                         const assessment::Presentation& shown,
                                         const AnswerDraft& draft);

// What the attempt records for the draft as it stands on screen, in model indices: the
// whole answer, or the part given so far where the scoring rules mark a part (a matching
// question with prompts left unmatched, a scenario stopped part-way; each scores as
// scoring.hpp says). Empty when the screen holds no answer (nothing chosen or ticked,
// no text, no typed number that parses, no step taken): an answer saved earlier is then
// withdrawn, so that what is marked is what the learner left.
Result<std::optional<assessment::Response>> to_recorded_response(
    const content::Question& q, const assessment::Presentation& shown, const AnswerDraft& draft);

// The draft that shows `response` again (resuming an attempt). Parts that do not fit
// the presentation are left blank.
AnswerDraft from_response(const content::Question& q, const assessment::Presentation& shown,
                          const assessment::Response& response);

// Parses a typed number: optional spaces, a sign, digits with an optional decimal point
// and thousands commas ("1,500.5"). Returns false for anything else.
bool parse_typed_number(const std::string& text, double& out);

}  // namespace waymark::player
