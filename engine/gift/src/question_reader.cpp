#include "question_reader.hpp"

#include <algorithm>

namespace waymark::gift {

using content::TextFormat;

std::vector<AnswerEntry> split_answers(const MarkedText& text, Span block,
                                       std::string_view markers) {
    std::vector<AnswerEntry> entries;
    AnswerEntry current{0, block.begin, {block.begin, block.begin}};
    for (std::size_t i = block.begin; i < block.end; ++i) {
        const char c = text.at(i);
        if (markers.find(c) == std::string_view::npos || !text.is_syntax(i, c))
            continue;
        current.body.end = i;
        if (current.marker != 0 || !text.trim(current.body).empty())
            entries.push_back(current);
        current = {c, i, {i + 1, i + 1}};
    }
    current.body.end = block.end;
    if (current.marker != 0 || !text.trim(current.body).empty())
        entries.push_back(current);
    return entries;
}

std::size_t read_format_prefix(const MarkedText& text, Span s, TextFormat& format) {
    // Format names are short: look for the closing bracket only a few characters ahead.
    if (s.empty() || text.at(s.begin) != '[')
        return s.begin;
    const Span window{s.begin, std::min(s.end, s.begin + 10)};
    const std::size_t close = text.find("]", window);
    if (close == MarkedText::npos)
        return s.begin;
    const std::string_view name = text.view({s.begin + 1, close});
    if (name == "markdown") {
        format = TextFormat::markdown;
    } else if (name == "html") {
        format = TextFormat::html;
    } else if (name == "plain") {
        format = TextFormat::plain;
    } else if (name == "moodle") {
        format = TextFormat::moodle;
    } else {
        return s.begin;
    }
    return close + 1;
}

std::string formatted_text(const MarkedText& text, Span s, TextFormat question_format,
                           QuestionReporter& report) {
    s = text.trim(s);
    TextFormat format = question_format;
    const std::size_t after = read_format_prefix(text, s, format);
    if (format != question_format)
        report.warning(s.begin, std::string("this text is marked [") + to_string(format) +
                                    "] but its question is [" + to_string(question_format) +
                                    "]; Waymark shows every text of a question in the "
                                    "question's format");
    return std::string(text.view(text.trim({after, s.end})));
}

namespace {

// The question's name between "::" and "::"; moves `s` past it.
void read_title(const MarkedText& text, Span& s, content::Question& q, QuestionReporter& report) {
    if (!text.starts_with(s, "::"))
        return;
    const Span rest{s.begin + 2, s.end};
    const std::size_t close = text.find("::", rest);
    if (close == MarkedText::npos) {
        report.warning(s.begin,
                       "the question name starts with \"::\" but is not closed with \"::\", so "
                       "it is read as question text; write ::Name:: before the question");
        s = text.trim(rest);
        return;
    }
    q.title = std::string(text.view(text.trim({rest.begin, close})));
    s = text.trim({close + 2, s.end});
}

// The first unescaped '{' or '}' in `s`, or npos.
std::size_t find_brace(const MarkedText& text, Span s) {
    return std::min(text.find("{", s), text.find("}", s));
}

}  // namespace

bool read_question(const MarkedText& text, content::Question& q, QuestionReporter& report) {
    Span s = text.trim(text.all());
    read_title(text, s, q, report);
    q.format = TextFormat::moodle;  // Moodle's default when no [format] is given
    s = text.trim({read_format_prefix(text, s, q.format), s.end});

    const std::size_t open = text.find("{", s);
    const std::size_t close = text.find("}", s);
    if (open == MarkedText::npos && close == MarkedText::npos) {
        q.type = content::QuestionType::description;
        q.stem = std::string(text.view(text.trim(s)));
        return true;
    }
    if (close == MarkedText::npos) {
        report.error(open,
                     "the answer block opened with \"{\" is never closed; add \"}\" after the "
                     "last answer (a blank line ends a question, so none may be inside the "
                     "answers), or write \\{ for a brace in the text");
        return false;
    }
    if (open == MarkedText::npos || close < open) {
        report.error(close,
                     "\"}\" closes no answer block; add the \"{\" that opens it, or write \\} "
                     "for a brace in the text");
        return false;
    }
    const Span after{close + 1, s.end};
    if (const std::size_t extra = find_brace(text, after); extra != MarkedText::npos) {
        report.error(extra, std::string("a question has one answer block, but \"") +
                                text.at(extra) +
                                "\" starts another; put a blank line between two questions, "
                                "or write \\{ and \\} for braces in the text");
        return false;
    }
    const Span inside{open + 1, close};
    if (const std::size_t nested = text.find("{", inside); nested != MarkedText::npos)
        report.warning(nested,
                       "\"{\" inside an answer block is read as part of an answer; write \\{ "
                       "to make that clear");

    const Span before{s.begin, open};
    if (text.trim(after).empty()) {
        q.stem = std::string(text.view(text.trim(before)));
    } else {
        // Missing word: keep the spacing around the blank, as Moodle does.
        q.stem = std::string(text.view(before));
        q.stem_after = std::string(text.view(after));
    }

    Span answers = inside;
    if (const std::size_t gf = text.rfind("####", inside); gf != MarkedText::npos) {
        q.general_feedback = formatted_text(text, {gf + 4, close}, q.format, report);
        answers.end = gf;
    }
    return read_answers(text, text.trim(answers), q, report);
}

}  // namespace waymark::gift
