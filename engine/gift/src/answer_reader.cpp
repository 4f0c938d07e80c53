// The answer block of a GIFT question: which type it is and what counts as right.
// Type detection follows Moodle's order: empty -> essay, leading '#' -> numerical, any
// '~' -> multiple choice, '=' with '->' -> matching, T/F -> true/false, else short answer.
#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

#include "gift_numbers.hpp"
#include "question_reader.hpp"

namespace waymark::gift {

using content::QuestionType;

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Where Moodle's weight pattern (%, minus signs, digits, optional point and digits, %)
// matches at the start of `b`: the number between the signs and the position after.
struct WeightMatch {
    Span number;
    std::size_t dashes = 0;
    std::size_t after = 0;
};

std::optional<WeightMatch> match_weight(const MarkedText& text, Span b) {
    if (b.empty() || text.at(b.begin) != '%')
        return std::nullopt;
    WeightMatch m;
    std::size_t i = b.begin + 1;
    m.number.begin = i;
    while (i < b.end && text.at(i) == '-')
        ++i, ++m.dashes;
    const std::size_t digits = i;
    while (i < b.end && is_digit(text.at(i)))
        ++i;
    if (i == digits)
        return std::nullopt;
    if (i < b.end && text.at(i) == '.') {
        ++i;
        while (i < b.end && is_digit(text.at(i)))
            ++i;
    }
    if (i >= b.end || text.at(i) != '%')
        return std::nullopt;
    m.number.end = i;
    m.after = i + 1;
    return m;
}

enum class WeightRead { absent, ok, bad };

// Reads a leading %weight% of `body` into `weight` (a fraction) and moves past it.
WeightRead read_weight(const MarkedText& text, Span& body, double& weight,
                       QuestionReporter& report) {
    const Span b = text.trim(body);
    const auto m = match_weight(text, b);
    if (!m) {
        if (!b.empty() && text.at(b.begin) == '%') {
            const Span near{b.begin + 1, std::min(b.end, b.begin + 12)};
            if (const std::size_t second = text.find("%", near); second != MarkedText::npos)
                report.warning(b.begin, "\"" + std::string(text.view({b.begin, second + 1})) +
                                            "\" is not a weight, so it is read as answer "
                                            "text; a weight is a number between % signs, "
                                            "like %50% or %-25%");
        }
        return WeightRead::absent;
    }
    const std::string_view number = text.view(m->number);
    const auto value = m->dashes > 1 ? std::nullopt : read_percent(number);
    if (!value || *value < -1 || *value > 1) {
        report.error(b.begin, "the weight %" + std::string(number) +
                                  "% is not a percentage from -100% to 100%; write it like "
                                  "%50% or %-25%");
        return WeightRead::bad;
    }
    weight = *value;
    body = {m->after, body.end};
    return WeightRead::ok;
}

// An answer's text and its feedback after the first unescaped '#'.
struct AnswerParts {
    Span text;
    Span feedback;
};

AnswerParts split_feedback(const MarkedText& text, Span body) {
    const std::size_t hash = text.find("#", body);
    if (hash == MarkedText::npos)
        return {body, {body.end, body.end}};
    return {{body.begin, hash}, {hash + 1, body.end}};
}

// Where to report a problem with an answer: its marker, or its first character.
std::size_t place_of(const MarkedText& text, const AnswerEntry& e) {
    return e.marker != 0 ? e.marker_pos : text.trim(e.body).begin;
}

bool read_choices(const MarkedText& text, Span block, content::Question& q,
                  QuestionReporter& report) {
    const auto entries = split_answers(text, block, "~=");
    const bool single = std::any_of(entries.begin(), entries.end(),
                                    [](const AnswerEntry& e) { return e.marker == '='; });
    q.type = single ? QuestionType::single_choice : QuestionType::multiple_response;
    bool ok = true;
    for (const AnswerEntry& e : entries) {
        content::Choice c;
        Span body = e.body;
        if (e.marker == 0) {
            report.warning(place_of(text, e),
                           "this answer has no ~ or = before it, so it is read as a wrong "
                           "answer; start each answer with = (right) or ~ (wrong)");
        } else if (e.marker == '=') {
            c.weight = 1;
            if (match_weight(text, text.trim(body)))
                report.warning(e.marker_pos,
                               "an answer starting with = always gets full marks in a "
                               "multiple-choice question, and Moodle keeps the % weight as "
                               "answer text; write ~%50% (for example) for part marks");
        } else if (read_weight(text, body, c.weight, report) == WeightRead::bad) {
            ok = false;
            continue;
        }
        const AnswerParts parts = split_feedback(text, body);
        c.text = formatted_text(text, parts.text, q.format, report);
        c.feedback = formatted_text(text, parts.feedback, q.format, report);
        q.choices.push_back(std::move(c));
    }
    return ok;
}

bool read_true_false(const MarkedText& text, Span block, bool correct, content::Question& q,
                     QuestionReporter& report) {
    // {T#wrong#right}: the first feedback is for a wrong answer, the second for a right one.
    const std::size_t first = text.find("#", block);
    Span wrong{block.end, block.end}, right{block.end, block.end};
    if (first != MarkedText::npos) {
        const std::size_t second = text.find("#", {first + 1, block.end});
        wrong = {first + 1, second == MarkedText::npos ? block.end : second};
        if (second != MarkedText::npos)
            right = {second + 1, block.end};
    }
    const std::string wrong_feedback = formatted_text(text, wrong, q.format, report);
    const std::string right_feedback = formatted_text(text, right, q.format, report);
    q.type = QuestionType::true_false;
    q.choices = {{"True", correct ? 1.0 : 0.0, correct ? right_feedback : wrong_feedback},
                 {"False", correct ? 0.0 : 1.0, correct ? wrong_feedback : right_feedback}};
    return true;
}

bool read_short_answers(const MarkedText& text, Span block, content::Question& q,
                        QuestionReporter& report) {
    q.type = QuestionType::short_answer;
    bool ok = true;
    for (const AnswerEntry& e : split_answers(text, block, "=")) {
        content::TextAnswer a;
        Span body = e.body;
        if (read_weight(text, body, a.weight, report) == WeightRead::bad) {
            ok = false;
            continue;
        }
        const AnswerParts parts = split_feedback(text, body);
        a.text = formatted_text(text, parts.text, q.format, report);
        a.feedback = formatted_text(text, parts.feedback, q.format, report);
        if (a.text.empty()) {
            report.error(place_of(text, e),
                         "an accepted answer is empty; write the answer after \"=\"");
            ok = false;
            continue;
        }
        q.text_answers.push_back(std::move(a));
    }
    return ok;
}

bool read_matching(const MarkedText& text, Span block, content::Question& q,
                   QuestionReporter& report) {
    q.type = QuestionType::matching;
    bool ok = true;
    for (const AnswerEntry& e : split_answers(text, block, "=")) {
        const std::size_t arrow = text.find("->", e.body);
        if (arrow == MarkedText::npos) {
            report.error(place_of(text, e),
                         "a pair of a matching question is written =item -> match, but \"" +
                             std::string(text.view(text.trim(e.body))) + "\" has no \"->\"");
            ok = false;
            continue;
        }
        content::MatchPair pair;
        pair.prompt = formatted_text(text, {e.body.begin, arrow}, q.format, report);
        pair.answer = std::string(text.view(text.trim({arrow + 2, e.body.end})));
        if (pair.answer.empty()) {
            report.error(arrow, "the match after \"->\" is empty; write what the item matches");
            ok = false;
            continue;
        }
        q.pairs.push_back(std::move(pair));
    }
    const auto prompts = std::count_if(q.pairs.begin(), q.pairs.end(),
                                       [](const auto& p) { return !p.prompt.empty(); });
    if (ok && prompts >= 2 && q.pairs.size() < 3)
        report.warning(block.begin,
                       "Moodle asks for at least three pairs in a matching question; add a "
                       "pair, or a wrong match written = -> match");
    return ok;
}

// One number of a numerical answer; reports what is wrong with it.
std::optional<double> read_answer_number(const MarkedText& text, Span s, QuestionReporter& report) {
    s = text.trim(s);
    const std::string_view written = text.view(s);
    if (const auto value = read_number(written))
        return value;
    std::string message = "\"" + std::string(written) +
                          "\" is not a number; write digits with a decimal point, like 42, "
                          "-3.5 or 1.5e3";
    if (written.find(',') != std::string_view::npos)
        message += " (use a point, not a comma, for decimals)";
    report.error(s.begin, std::move(message));
    return std::nullopt;
}

// "value", "value:tolerance", "min..max" or "*" (any number).
bool read_numeric_value(const MarkedText& text, Span s, content::NumericAnswer& a,
                        QuestionReporter& report) {
    if (text.view(s) == "*") {
        a.range = true;
        a.min = std::numeric_limits<double>::lowest();
        a.max = std::numeric_limits<double>::max();
        return true;
    }
    if (const std::size_t dots = text.find("..", s); dots != MarkedText::npos && dots > s.begin) {
        const auto min = read_answer_number(text, {s.begin, dots}, report);
        const auto max = read_answer_number(text, {dots + 2, s.end}, report);
        a.range = true;
        a.min = min.value_or(0);
        a.max = max.value_or(0);
        return min && max;
    }
    if (const std::size_t colon = text.find(":", s); colon != MarkedText::npos && colon > s.begin) {
        const auto value = read_answer_number(text, {s.begin, colon}, report);
        const auto tolerance = read_answer_number(text, {colon + 1, s.end}, report);
        a.value = value.value_or(0);
        a.tolerance = tolerance.value_or(0);
        return value && tolerance;
    }
    const auto value = read_answer_number(text, s, report);
    a.value = value.value_or(0);
    return value.has_value();
}

bool read_numerical(const MarkedText& text, Span block, content::Question& q,
                    QuestionReporter& report) {
    q.type = QuestionType::numerical;
    Span body{block.begin + 1, block.end};  // after the leading '#'
    // Everything from the first '~' is feedback for any other number.
    const std::size_t tilde = text.find("~", body);
    if (tilde != MarkedText::npos)
        body.end = tilde;
    bool ok = true;
    for (const AnswerEntry& e : split_answers(text, body, "=")) {
        content::NumericAnswer a;
        Span entry = e.body;
        if (read_weight(text, entry, a.weight, report) == WeightRead::bad) {
            ok = false;
            continue;
        }
        const AnswerParts parts = split_feedback(text, entry);
        a.feedback = formatted_text(text, parts.feedback, q.format, report);
        content::TextFormat ignored = q.format;
        Span value = text.trim(parts.text);
        value = text.trim({read_format_prefix(text, value, ignored), value.end});
        if (!read_numeric_value(text, value, a, report)) {
            ok = false;
            continue;
        }
        q.numeric_answers.push_back(std::move(a));
    }
    if (ok && q.numeric_answers.empty()) {
        report.error(block.begin,
                     "a numerical question needs an answer after \"#\", like {#42}, "
                     "{#42:0.5} (with a tolerance) or {#40..45} (a range)");
        return false;
    }
    if (tilde != MarkedText::npos) {
        content::NumericAnswer other;
        other.range = true;
        other.min = std::numeric_limits<double>::lowest();
        other.max = std::numeric_limits<double>::max();
        other.weight = 0;
        other.feedback = formatted_text(text, split_feedback(text, {tilde + 1, block.end}).feedback,
                                        q.format, report);
        q.numeric_answers.push_back(std::move(other));
    }
    return ok;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

bool read_answers(const MarkedText& text, Span block, content::Question& q,
                  QuestionReporter& report) {
    if (block.empty()) {
        q.type = QuestionType::essay;
        report.warning(block.begin,
                       "an essay question is not marked automatically: it is imported as an "
                       "ungraded reflection item");
        return true;
    }
    if (text.is_syntax(block.begin, '#'))
        return read_numerical(text, block, q, report);
    if (text.find("~", block) != MarkedText::npos)
        return read_choices(text, block, q, report);
    if (text.find("=", block) != MarkedText::npos && text.find("->", block) != MarkedText::npos)
        return read_matching(text, block, q, report);

    const std::size_t hash = text.find("#", block);
    const std::string_view head =
        text.view(text.trim({block.begin, hash == MarkedText::npos ? block.end : hash}));
    if (head == "T" || head == "TRUE")
        return read_true_false(text, block, true, q, report);
    if (head == "F" || head == "FALSE")
        return read_true_false(text, block, false, q, report);
    for (const char* word : {"T", "TRUE", "F", "FALSE"}) {
        if (equals_ignoring_case(head, word))
            report.warning(block.begin, "{" + std::string(head) + "} is read as a short answer \"" +
                                            std::string(head) + "\", as Moodle reads it; write {" +
                                            word + "} for a true/false question");
    }
    return read_short_answers(text, block, q, report);
}

}  // namespace waymark::gift
