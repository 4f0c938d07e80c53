// Reads one GIFT question (a paragraph of the file, escapes decoded) into the model.
//
// Split from the file-level importer so that everything here sees a single question
// and reports its problems at the lines where they are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "marked_text.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/diagnostics.hpp"

namespace waymark::gift {

// Reports problems at positions of the MarkedText being read.
class QuestionReporter {
  public:
    QuestionReporter(const MarkedText& text, const std::string& file, Diagnostics& out)
        : text_(text), file_(file), out_(out) {}
    void error(std::size_t pos, std::string message) {
        out_.error(file_, text_.line_at(pos), 0, std::move(message));
    }
    void warning(std::size_t pos, std::string message) {
        out_.warning(file_, text_.line_at(pos), 0, std::move(message));
    }

  private:
    const MarkedText& text_;
    const std::string& file_;
    Diagnostics& out_;
};

// One answer of an answer block: the syntax character that starts it ('~' or '='; 0
// for text before the first one) and what follows up to the next.
struct AnswerEntry {
    char marker = 0;
    std::size_t marker_pos = 0;
    Span body;
};

// Splits `block` at every unescaped character of `markers`. Text before the first
// marker is kept only when it is not blank, as Moodle does.
std::vector<AnswerEntry> split_answers(const MarkedText& text, Span block,
                                       std::string_view markers);

// Fills the title, text, format and answers of `q` from one question's text. Returns
// false, with errors reported, when the question cannot be imported. The title is set
// as soon as it is read, so that a broken question still gets a stable id.
bool read_question(const MarkedText& text, content::Question& q, QuestionReporter& report);

// Fills the answers of `q` from its answer block (without braces and general
// feedback), deciding the question type as Moodle does. Returns false on errors.
bool read_answers(const MarkedText& text, Span block, content::Question& q,
                  QuestionReporter& report);

// Decoded text of `s`: trimmed, and without a leading [format] (Moodle allows one on
// every text), warning when that format differs from the question's.
std::string formatted_text(const MarkedText& text, Span s, content::TextFormat question_format,
                           QuestionReporter& report);

// Parses a leading "[markdown]", "[html]", "[plain]" or "[moodle]" of `s`: sets
// `format` and returns the position after it, or s.begin when there is none.
std::size_t read_format_prefix(const MarkedText& text, Span s, content::TextFormat& format);

}  // namespace waymark::gift
