#include "waymark/content/question.hpp"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace waymark::content {

const char* to_string(QuestionType type) {
    switch (type) {
        case QuestionType::single_choice:
            return "single-choice";
        case QuestionType::multiple_response:
            return "multiple-response";
        case QuestionType::true_false:
            return "true-false";
        case QuestionType::matching:
            return "matching";
        case QuestionType::ordering:
            return "ordering";
        case QuestionType::short_answer:
            return "short-answer";
        case QuestionType::numerical:
            return "numerical";
        case QuestionType::scenario:
            return "scenario";
        case QuestionType::essay:
            return "essay";
        case QuestionType::description:
            return "description";
    }
    return "unknown";
}

bool parse_question_type(std::string_view text, QuestionType& out) {
    std::string normal(text);
    for (char& c : normal)
        if (c == '_')
            c = '-';
    for (int i = 0; i <= static_cast<int>(QuestionType::description); ++i) {
        const auto t = static_cast<QuestionType>(i);
        if (normal == to_string(t)) {
            out = t;
            return true;
        }
    }
    return false;
}

const char* to_string(TextFormat format) {
    switch (format) {
        case TextFormat::markdown:
            return "markdown";
        case TextFormat::html:
            return "html";
        case TextFormat::plain:
            return "plain";
        case TextFormat::moodle:
            return "moodle";
    }
    return "markdown";
}

bool Question::same_content(const Question& o) const {
    return std::tie(id, type, title, stem, stem_after, format, category, module, source, choices,
                    pairs, order, text_answers, case_sensitive, numeric_answers, steps, shuffle,
                    general_feedback) ==
           std::tie(o.id, o.type, o.title, o.stem, o.stem_after, o.format, o.category, o.module,
                    o.source, o.choices, o.pairs, o.order, o.text_answers, o.case_sensitive,
                    o.numeric_answers, o.steps, o.shuffle, o.general_feedback);
}

namespace {

constexpr double kFull = 1.0 - 1e-9;

void check_weights(const Question& q, Diagnostics& out) {
    for (const Choice& c : q.choices)
        if (c.weight < -1 - 1e-9 || c.weight > 1 + 1e-9)
            out.error(q.file, q.line, 0,
                      "question \"" + q.id + "\": choice \"" + c.text +
                          "\" has a weight outside -100%..100%");
}

void check_choices(const Question& q, Diagnostics& out) {
    const std::string name = "question \"" + q.id + "\"";
    if (q.choices.size() < 2) {
        out.error(q.file, q.line, 0, name + " needs at least two choices");
        return;
    }
    check_weights(q, out);
    std::set<std::string> seen;
    for (const Choice& c : q.choices) {
        if (c.text.empty())
            out.error(q.file, q.line, 0, name + " has a choice with no text");
        if (!seen.insert(c.text).second)
            out.error(q.file, q.line, 0, name + " lists the choice \"" + c.text + "\" twice");
    }
    double best = -1, positive_sum = 0;
    for (const Choice& c : q.choices) {
        best = std::max(best, c.weight);
        if (c.weight > 0)
            positive_sum += c.weight;
    }
    if (q.type == QuestionType::multiple_response) {
        if (positive_sum < kFull)
            out.error(q.file, q.line, 0,
                      name + " cannot score full marks: its positive weights add up to " +
                          std::to_string(static_cast<int>(std::lround(positive_sum * 100))) +
                          "%, not 100%");
    } else if (best < kFull) {
        out.error(q.file, q.line, 0,
                  name +
                      " has no correct answer; mark one choice correct (\"correct\": true, "
                      "or = in GIFT)");
    }
    if (q.type == QuestionType::true_false &&
        (q.choices.size() != 2 || q.choices[0].text != "True" || q.choices[1].text != "False"))
        out.error(q.file, q.line, 0,
                  name + " is true/false, so its choices must be exactly \"True\" and \"False\"");
}

void check_scenario(const Question& q, Diagnostics& out) {
    const std::string name = "scenario \"" + q.id + "\"";
    if (q.steps.empty()) {
        out.error(q.file, q.line, 0, name + " has no steps");
        return;
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < q.steps.size(); ++i) {
        if (q.steps[i].id.empty())
            out.error(q.file, q.line, 0, name + " has a step with no id");
        else if (!index.emplace(q.steps[i].id, i).second)
            out.error(q.file, q.line, 0,
                      name + " has two steps with the id \"" + q.steps[i].id + "\"");
    }
    double best = -1;
    for (const ScenarioStep& step : q.steps) {
        if (step.options.size() < 2)
            out.error(q.file, q.line, 0,
                      name + ": step \"" + step.id + "\" needs at least two options");
        for (const ScenarioOption& o : step.options) {
            if (o.next.empty()) {
                if (o.score < 0 || o.score > 1 + 1e-9)
                    out.error(
                        q.file, q.line, 0,
                        name + ": an ending in step \"" + step.id + "\" scores outside 0..100%");
                best = std::max(best, o.score);
            } else if (!index.count(o.next)) {
                out.error(q.file, q.line, 0,
                          name + ": step \"" + step.id + "\" leads to \"" + o.next +
                              "\", which is not a step of this scenario");
            }
        }
    }
    if (best < kFull)
        out.error(q.file, q.line, 0,
                  name +
                      " has no ending that scores 100%; the best path "
                      "must score full marks");
    // A path must always end: look for a cycle with a depth-first walk over step links.
    std::vector<int> state(q.steps.size(), 0);  // 0 new, 1 on the path, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, 0}};
    state[0] = 1;
    while (!stack.empty()) {
        auto& [step, next_option] = stack.back();
        const auto& options = q.steps[step].options;
        if (next_option == options.size()) {
            state[step] = 2;
            stack.pop_back();
            continue;
        }
        const auto it = index.find(options[next_option++].next);
        if (it == index.end())
            continue;
        if (state[it->second] == 1) {
            out.error(q.file, q.line, 0,
                      name + ": step \"" + q.steps[it->second].id +
                          "\" can be reached again from itself, so the story may never end");
            return;
        }
        if (state[it->second] == 0) {
            state[it->second] = 1;
            stack.push_back({it->second, 0});
        }
    }
}

}  // namespace

void validate_question(const Question& q, Diagnostics& out) {
    const std::string name = "question \"" + q.id + "\"";
    if (q.id.empty())
        out.error(q.file, q.line, 0, "a question has no id");
    // A missing-word question may open with its blank, so text after it counts too.
    if (q.stem.empty() && q.stem_after.empty() && q.type != QuestionType::scenario)
        out.error(q.file, q.line, 0, name + " has no question text");
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::multiple_response:
        case QuestionType::true_false:
            check_choices(q, out);
            break;
        case QuestionType::matching: {
            std::size_t prompts = 0;
            for (const MatchPair& p : q.pairs)
                prompts += p.prompt.empty() ? 0 : 1;
            if (prompts < 2)
                out.error(q.file, q.line, 0,
                          name + " is a matching question with fewer than two pairs");
            break;
        }
        case QuestionType::ordering:
            if (q.order.size() < 2)
                out.error(q.file, q.line, 0, name + " needs at least two items to put in order");
            break;
        case QuestionType::short_answer: {
            double best = -1;
            for (const TextAnswer& a : q.text_answers)
                best = std::max(best, a.weight);
            if (q.text_answers.empty() || best < kFull)
                out.error(q.file, q.line, 0, name + " has no accepted answer worth 100%");
            break;
        }
        case QuestionType::numerical: {
            double best = -1;
            for (const NumericAnswer& a : q.numeric_answers) {
                best = std::max(best, a.weight);
                if (a.range && a.min > a.max)
                    out.error(q.file, q.line, 0,
                              name + " has a range whose minimum is above its maximum");
                if (!a.range && a.tolerance < 0)
                    out.error(q.file, q.line, 0, name + " has a negative tolerance");
            }
            if (q.numeric_answers.empty() || best < kFull)
                out.error(q.file, q.line, 0, name + " has no numerical answer worth 100%");
            break;
        }
        case QuestionType::scenario:
            check_scenario(q, out);
            break;
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
}

}  // namespace waymark::content
