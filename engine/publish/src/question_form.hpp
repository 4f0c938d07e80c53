// A question as an accessible HTML form, for the knowledge checks on the pages and the
// assessment page. The form holds the options in the model's order; waymark.js puts
// them in the order the engine presents (wasm/) and sends the answer, as the learner
// saw it, to the engine to be marked. Nothing here decides what is right.
//
// Choices are radio buttons or check boxes in a fieldset whose legend is the question;
// matching and ordering are one labelled select per prompt or position; short answer
// and numerical a labelled text field; a scenario one fieldset per step, shown as the
// story reaches it. Every text is escaped (html_text.hpp).
#pragma once

#include <string>
#include <string_view>

#include "waymark/content/question.hpp"

namespace waymark::publish {

struct QuestionFormOptions {
    std::string id;            // unique in the page, used for the ids of its fields
    std::string heading;       // plain text above the question ("Knowledge check")
    std::string heading_tag;   // "h2".."h6"
    std::string submit_label;  // the button ("Check answer"); "" for none
};

std::string render_question_form(const content::Question& q, const QuestionFormOptions& options);

}  // namespace waymark::publish
