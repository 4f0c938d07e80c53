// Question banks to GIFT text that Moodle's importer (and import_gift) read back to the
// same questions. The layout follows Moodle's own exporter: one question per
// paragraph, one answer per line, syntax characters escaped, newlines as \n.
#include <algorithm>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "gift_numbers.hpp"
#include "question_ids.hpp"
#include "waymark/gift/gift.hpp"

namespace waymark::gift {

using content::Question;
using content::QuestionType;
using content::TextFormat;

namespace {

// GIFT's syntax characters escaped, newlines written as \n, carriage returns dropped.
std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (const char c : s) {
        switch (c) {
            case '\\':
            case '~':
            case '=':
            case '#':
            case '{':
            case '}':
            case ':':
                out += '\\';
                out += c;
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string format_prefix(TextFormat format) {
    return std::string("[") + to_string(format) + "]";
}

// A text that the importer reads through its [format] prefix: a text that itself starts
// with '[' gets the question's format in front, so that it is not taken for one.
std::string formatted(std::string_view s, TextFormat format) {
    return (!s.empty() && s.front() == '[' ? format_prefix(format) : std::string()) + escape(s);
}

bool is_catch_all(const content::NumericAnswer& a) {
    return a.range && a.min == std::numeric_limits<double>::lowest() &&
           a.max == std::numeric_limits<double>::max();
}

bool contains_arrow(std::string_view s) {
    return s.find("->") != std::string_view::npos;
}

class GiftWriter {
  public:
    GiftWriter(const content::QuestionBank& bank, Diagnostics& warnings)
        : bank_(bank), warnings_(warnings) {}

    std::string write() {
        for (const Question& q : bank_.questions) {
            std::string body;
            if (!write_question(q, body))
                continue;
            if (q.category != category_) {
                std::string category = q.category;
                std::replace(category.begin(), category.end(), '\n', ' ');
                std::replace(category.begin(), category.end(), '\r', ' ');
                out_ += "$CATEGORY: " + category + "\n\n";
                category_ = q.category;
            }
            out_ += body;
            out_ += "\n";
            check_id(q);
            if (!q.module.empty() || !q.source.empty())
                ++untraced_;
        }
        report_lost_ids();
        if (untraced_ > 0)
            warnings_.warning(bank_.file, 0, 0,
                              std::to_string(untraced_) +
                                  " questions name a module or source page, which GIFT has "
                                  "no place for; they are not in the GIFT file");
        return std::move(out_);
    }

  private:
    void warn(const Question& q, const std::string& message) {
        warnings_.warning(q.file.empty() ? bank_.file : q.file, q.line, 0,
                          "question \"" + q.id + "\" " + message);
    }

    void skip(const Question& q, const std::string& why) {
        warn(q, why + "; it is left out of the GIFT file");
    }

    // The question's text up to its answer block.
    std::string head(const Question& q) {
        std::string s;
        if (!q.title.empty())
            s += "::" + escape(q.title) + "::";
        // Without a title, a text starting with "//" would be read as a comment, and one
        // starting with a byte-order mark could lose it at the start of the file.
        const bool needs_guard =
            q.title.empty() && (q.stem.rfind("//", 0) == 0 || q.stem.rfind("\xEF\xBB\xBF", 0) == 0);
        if (q.format != TextFormat::moodle || needs_guard ||
            (!q.stem.empty() && q.stem.front() == '['))
            s += format_prefix(q.format);
        s += escape(q.stem);
        return s;
    }

    std::string general_feedback(const Question& q, const char* indent) {
        if (q.general_feedback.empty())
            return {};
        return indent + std::string("####") + formatted(q.general_feedback, q.format) +
               (*indent ? "\n" : "");
    }

    std::string feedback(const std::string& text, TextFormat format) {
        return text.empty() ? std::string() : "#" + formatted(text, format);
    }

    // "%50%", or nothing for `plain_weight` unless the text would be taken for a weight.
    std::string weight(double w, double plain_weight, std::string_view text) {
        if (w == plain_weight && (text.empty() || text.front() != '%'))
            return {};
        return "%" + write_percent(w) + "%";
    }

    bool write_question(const Question& q, std::string& s) {
        switch (q.type) {
            case QuestionType::ordering:
            case QuestionType::scenario:
                skip(q, std::string("is ") + (q.type == QuestionType::ordering ? "an " : "a ") +
                            to_string(q.type) + " question, which GIFT cannot express");
                return false;
            case QuestionType::description:
                if (q.title.empty() && q.stem.empty() && q.stem_after.empty()) {
                    skip(q, "has no title and no text");
                    return false;
                }
                s = head(q) + escape(q.stem_after) + "\n";
                return true;
            case QuestionType::essay:
                s = head(q) + "{" + general_feedback(q, "") + "}" + escape(q.stem_after) + "\n";
                return true;
            case QuestionType::true_false:
                return write_true_false(q, s);
            case QuestionType::single_choice:
            case QuestionType::multiple_response:
                return write_choices(q, s);
            case QuestionType::short_answer:
                return write_short_answer(q, s);
            case QuestionType::matching:
                return write_matching(q, s);
            case QuestionType::numerical:
                return write_numerical(q, s);
        }
        return false;
    }

    // "{\n" + lines + general feedback + "}" + text after the blank.
    std::string block(const Question& q, std::string_view opening, const std::string& lines) {
        return head(q) + std::string(opening) + "\n" + lines + general_feedback(q, "\t") + "}" +
               escape(q.stem_after) + "\n";
    }

    void warn_order(const Question& q) {
        const bool fixed = std::any_of(q.choices.begin(), q.choices.end(),
                                       [](const content::Choice& c) { return c.fixed; });
        if (!q.shuffle || fixed)
            warn(q,
                 "keeps some options in place, which GIFT cannot say; Moodle's quiz "
                 "setting decides whether they are shuffled");
    }

    bool write_true_false(const Question& q, std::string& s) {
        if (q.choices.size() != 2 || q.choices[0].text != "True" || q.choices[1].text != "False") {
            skip(q, "is true/false without exactly the choices \"True\" and \"False\"");
            return false;
        }
        const bool is_true = q.choices[0].weight >= q.choices[1].weight;
        const content::Choice& right = q.choices[is_true ? 0 : 1];
        const content::Choice& wrong = q.choices[is_true ? 1 : 0];
        s = head(q) + "{" + (is_true ? "TRUE" : "FALSE");
        if (!wrong.feedback.empty() || !right.feedback.empty())
            s += "#" + formatted(wrong.feedback, q.format);
        if (!right.feedback.empty())
            s += "#" + formatted(right.feedback, q.format);
        s += general_feedback(q, "") + "}" + escape(q.stem_after) + "\n";
        return true;
    }

    bool write_choices(const Question& q, std::string& s) {
        if (q.choices.empty()) {
            skip(q, "has no choices");
            return false;
        }
        warn_order(q);
        const bool single = q.type == QuestionType::single_choice;
        std::vector<std::string> markers;
        bool any_tilde = false, any_equals = false;
        for (const content::Choice& c : q.choices) {
            if (single && c.weight == 1) {
                markers.push_back("=");
                any_equals = true;
            } else {
                markers.push_back("~" + weight(c.weight, 0, c.text));
                any_tilde = true;
            }
        }
        // GIFT knows a multiple-choice question by its '~' and a single-answer one by '='.
        if (single && !any_tilde)
            markers.back() = "~%100%";
        if (single && !any_equals)
            warn(q,
                 "has no choice worth full marks, so GIFT reads it back as a "
                 "multiple-response question");
        std::string lines;
        for (std::size_t i = 0; i < q.choices.size(); ++i) {
            const content::Choice& c = q.choices[i];
            lines += "\t" + markers[i] + formatted(c.text, q.format) +
                     feedback(c.feedback, q.format) + "\n";
        }
        s = block(q, "{", lines);
        return true;
    }

    bool write_short_answer(const Question& q, std::string& s) {
        if (q.text_answers.empty()) {
            skip(q, "has no accepted answers");
            return false;
        }
        if (q.case_sensitive)
            warn(q, "is case-sensitive, which GIFT cannot say; Moodle will ignore case");
        const bool arrow = std::any_of(
            q.text_answers.begin(), q.text_answers.end(), [](const content::TextAnswer& a) {
                return contains_arrow(a.text) || contains_arrow(a.feedback);
            });
        if (arrow) {
            // "=" and "->" together make a matching question; a lone answer worth full
            // marks can go without its "=".
            const content::TextAnswer& a = q.text_answers.front();
            if (q.text_answers.size() > 1 || a.weight != 1 || a.text.empty() ||
                a.text.front() == '%') {
                skip(q, "has \"->\" in an answer, which GIFT would read as a matching pair");
                return false;
            }
            s = head(q) + "{" + formatted(a.text, q.format) + feedback(a.feedback, q.format) +
                general_feedback(q, "") + "}" + escape(q.stem_after) + "\n";
            return true;
        }
        std::string lines;
        for (const content::TextAnswer& a : q.text_answers)
            lines += "\t=" + weight(a.weight, 1, a.text) + formatted(a.text, q.format) +
                     feedback(a.feedback, q.format) + "\n";
        s = block(q, "{", lines);
        return true;
    }

    bool write_matching(const Question& q, std::string& s) {
        if (q.pairs.empty()) {
            skip(q, "has no pairs");
            return false;
        }
        std::string lines;
        for (const content::MatchPair& p : q.pairs) {
            if (contains_arrow(p.prompt)) {
                skip(q, "has \"->\" in the item \"" + p.prompt +
                            "\", which GIFT cannot hold (it separates item and match)");
                return false;
            }
            lines += "\t=" + formatted(p.prompt, q.format) + " -> " + escape(p.answer) + "\n";
        }
        s = block(q, "{", lines);
        return true;
    }

    bool write_numerical(const Question& q, std::string& s) {
        std::string lines, other;
        bool has_answer = false;
        for (const content::NumericAnswer& a : q.numeric_answers) {
            // "~#feedback" is Moodle's way to write it, but only ever last.
            if (is_catch_all(a) && a.weight == 0 && &a == &q.numeric_answers.back()) {
                other = "\t~" + feedback(a.feedback, q.format) + "\n";
                continue;
            }
            std::string value;
            if (is_catch_all(a)) {
                value = "*";
            } else if (a.range) {
                value = write_number(a.min) + ".." + write_number(a.max);
            } else {
                value = write_number(a.value);
                if (a.tolerance != 0)
                    value += ":" + write_number(a.tolerance);
            }
            lines +=
                "\t=" + weight(a.weight, 1, value) + value + feedback(a.feedback, q.format) + "\n";
            has_answer = true;
        }
        if (!has_answer) {
            skip(q, "has no numerical answer");
            return false;
        }
        s = block(q, "{#", lines + other);
        return true;
    }

    // GIFT keeps no ids: the importer makes them from titles. Name the ones that change.
    void check_id(const Question& q) {
        const std::string reimported = ids_.assign(q.title, ++written_);
        if (reimported != q.id && changed_ids_.size() < 3)
            changed_ids_.push_back("\"" + q.id + "\" becomes \"" + reimported + "\"");
        if (reimported != q.id)
            ++changed_count_;
    }

    void report_lost_ids() {
        if (changed_count_ == 0)
            return;
        std::string examples;
        for (const std::string& e : changed_ids_)
            examples += (examples.empty() ? "" : ", ") + e;
        warnings_.warning(bank_.file, 0, 0,
                          std::to_string(changed_count_) +
                              " question ids will change when the GIFT file is imported (" +
                              examples +
                              "), because GIFT makes ids from ::Title::s; give each question "
                              "a title that matches its id to keep them");
    }

    const content::QuestionBank& bank_;
    Diagnostics& warnings_;
    std::string out_;
    std::string category_;
    QuestionIds ids_;
    int written_ = 0;
    int untraced_ = 0;
    int changed_count_ = 0;
    std::vector<std::string> changed_ids_;
};

}  // namespace

std::string export_gift(const content::QuestionBank& bank, Diagnostics& warnings) {
    return GiftWriter(bank, warnings).write();
}

}  // namespace waymark::gift
