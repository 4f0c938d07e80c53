#include "question_form.hpp"

#include <vector>

#include "waymark/publish/html_text.hpp"

namespace waymark::publish {

namespace {

using content::Question;
using content::QuestionType;

// The question's text, with the blank of a missing-word question shown as a gap.
std::string stem_html(const Question& q) {
    std::string html = html_escape(q.stem);
    if (q.is_missing_word())
        html += " _____ " + html_escape(q.stem_after);
    return html;
}

std::string choice_inputs(const Question& q, const std::string& id) {
    const char* type = q.type == QuestionType::multiple_response ? "checkbox" : "radio";
    std::string html = "<fieldset>\n<legend>" + stem_html(q) + "</legend>\n";
    if (q.type == QuestionType::multiple_response)
        html += "<p class=\"hint\">Choose every answer that applies.</p>\n";
    html += "<div class=\"options\" data-list=\"options\">\n";
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
        const std::string field = id + "-option-" + std::to_string(i);
        html += "<div class=\"option\" data-model=\"" + std::to_string(i) + "\"><input type=\"" +
                type + "\" name=\"" + id + "\" id=\"" + field + "\"><label for=\"" + field + "\">" +
                html_escape(q.choices[i].text) + "</label></div>\n";
    }
    return html + "</div>\n</fieldset>\n";
}

// One select per prompt; its options are the distinct answer texts.
std::string matching_selects(const Question& q, const std::string& id) {
    std::string answers = "<option value=\"\">Choose an answer</option>";
    for (std::size_t i = 0; i < q.pairs.size(); ++i) {
        bool first = true;
        for (std::size_t j = 0; j < i; ++j)
            first = first && q.pairs[j].answer != q.pairs[i].answer;
        if (first)
            answers += "<option data-model=\"" + std::to_string(i) + "\">" +
                       html_escape(q.pairs[i].answer) + "</option>";
    }
    std::string html = "<fieldset>\n<legend>" + stem_html(q) +
                       "</legend>\n<div class=\"pairs\" data-list=\"prompts\">\n";
    for (std::size_t i = 0; i < q.pairs.size(); ++i) {
        if (q.pairs[i].prompt.empty())
            continue;
        const std::string field = id + "-prompt-" + std::to_string(i);
        html += "<div class=\"pair\" data-model=\"" + std::to_string(i) + "\"><label for=\"" +
                field + "\">" + html_escape(q.pairs[i].prompt) + "</label><select id=\"" + field +
                "\">" + answers + "</select></div>\n";
    }
    return html + "</div>\n</fieldset>\n";
}

// One select per position, first to last; each lists every item.
std::string ordering_selects(const Question& q, const std::string& id) {
    std::string items = "<option value=\"\">Choose an item</option>";
    for (std::size_t i = 0; i < q.order.size(); ++i)
        items += "<option data-model=\"" + std::to_string(i) + "\">" + html_escape(q.order[i]) +
                 "</option>";
    std::string html = "<fieldset>\n<legend>" + stem_html(q) +
                       "</legend>\n<p class=\"hint\">Put the items in order: choose one for each "
                       "position, first to last.</p>\n<div class=\"positions\">\n";
    for (std::size_t i = 0; i < q.order.size(); ++i) {
        const std::string field = id + "-position-" + std::to_string(i);
        html += "<div class=\"pair\"><label for=\"" + field + "\">Position " +
                std::to_string(i + 1) + "</label><select id=\"" + field + "\" data-items>" + items +
                "</select></div>\n";
    }
    return html + "</div>\n</fieldset>\n";
}

std::string typed_field(const Question& q, const std::string& id) {
    const std::string field = id + "-typed";
    const bool number = q.type == QuestionType::numerical;
    return "<div class=\"typed\"><label for=\"" + field + "\">" + stem_html(q) +
           "</label>\n<input type=\"text\" id=\"" + field + "\" autocomplete=\"off\"" +
           (number ? " inputmode=\"decimal\"" : " maxlength=\"200\"") + "></div>\n";
}

std::string scenario_steps(const Question& q, const std::string& id) {
    std::string html = "<p>" + stem_html(q) + "</p>\n";
    for (std::size_t s = 0; s < q.steps.size(); ++s) {
        const auto& step = q.steps[s];
        const std::string name = id + "-step-" + std::to_string(s);
        html += "<fieldset class=\"step\" data-step=\"" + std::to_string(s) + "\"" +
                (s == 0 ? "" : " hidden") + ">\n<legend>" + html_escape(step.text) + "</legend>\n";
        for (std::size_t o = 0; o < step.options.size(); ++o) {
            const std::string field = name + "-option-" + std::to_string(o);
            html += "<div class=\"option\" data-model=\"" + std::to_string(o) +
                    "\"><input type=\"radio\" name=\"" + name + "\" id=\"" + field +
                    "\"><label for=\"" + field + "\">" + html_escape(step.options[o].text) +
                    "</label></div>\n";
        }
        html += "</fieldset>\n";
    }
    return html;
}

}  // namespace

std::string render_question_form(const Question& q, const QuestionFormOptions& options) {
    const std::string& id = options.id;
    const std::string heading_id = id + "-heading";
    std::string html = "<form class=\"question\" id=\"" + id + "\" data-question=\"" +
                       html_escape(q.id) + "\" data-type=\"" + to_string(q.type) +
                       "\" novalidate>\n<" + options.heading_tag +
                       " class=\"question-heading\" id=\"" + heading_id + "\">" +
                       html_escape(options.heading) + "</" + options.heading_tag + ">\n";
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::multiple_response:
        case QuestionType::true_false:
            html += choice_inputs(q, id);
            break;
        case QuestionType::matching:
            html += matching_selects(q, id);
            break;
        case QuestionType::ordering:
            html += ordering_selects(q, id);
            break;
        case QuestionType::short_answer:
        case QuestionType::numerical:
            html += typed_field(q, id);
            break;
        case QuestionType::scenario:
            html += scenario_steps(q, id);
            break;
        case QuestionType::essay:
        case QuestionType::description:
            html += "<p>" + stem_html(q) + "</p>\n";
            break;
    }
    if (!options.submit_label.empty())
        html += "<p class=\"question-actions\"><button type=\"submit\">" +
                html_escape(options.submit_label) + "</button></p>\n";
    // Filled by waymark.js with what the engine said; read out when it changes.
    html += "<div class=\"feedback\" id=\"" + id +
            "-feedback\" role=\"status\" aria-live=\"polite\" tabindex=\"-1\"></div>\n</form>\n";
    return html;
}

}  // namespace waymark::publish
