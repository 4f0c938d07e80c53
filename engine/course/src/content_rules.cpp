#include "content_rules.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace waymark::course {

using content::Block;
using content::Inlines;
using content::Question;

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_email_local(char c) {
    return is_alnum(c) || c == '.' || c == '%' || c == '+' || c == '-';
}
bool is_email_domain(char c) {
    return is_alnum(c) || c == '.' || c == '-';
}
// Characters allowed between the digit groups of a phone number.
bool is_phone_separator(char c) {
    return c == ' ' || c == '-' || c == '(' || c == ')';
}

// A number starts here, not inside a word, an amount ("£101") or a longer number ("6,922").
bool number_can_start(std::string_view text, std::size_t i) {
    if (i == 0)
        return true;
    const char before = text[i - 1];
    if (is_alnum(before) || before == '$' || before == '/')
        return false;
    if (before == '\xA3')  // the second byte of "£" in UTF-8
        return false;
    if ((before == ',' || before == '.') && i >= 2 && is_digit(text[i - 2]))
        return false;
    return true;
}

// Digits of a phone number as dialled within the UK: "+44 1772" becomes "01772".
std::string dialled_digits(std::string_view text) {
    std::string digits;
    for (char c : text)
        if (is_digit(c))
            digits += c;
    const auto plus = text.find('+');
    if (plus != std::string_view::npos && digits.starts_with("44"))
        digits = "0" + digits.substr(2);
    return digits;
}

bool is_service_number(std::string_view digits) {
    static constexpr std::array<std::string_view, 6> kNumbers = {"999", "112", "101",
                                                                 "111", "105", "119"};
    return std::find(kNumbers.begin(), kNumbers.end(), digits) != kNumbers.end() ||
           (digits.size() == 6 && digits.starts_with("116"));
}

void find_emails(std::string_view text, std::vector<std::pair<std::size_t, ContactDetail>>& out) {
    for (std::size_t at = text.find('@'); at != std::string_view::npos;
         at = text.find('@', at + 1)) {
        std::size_t begin = at;
        while (begin > 0 && is_email_local(text[begin - 1]))
            --begin;
        while (begin < at && text[begin] == '.')
            ++begin;
        std::size_t end = at + 1;
        while (end < text.size() && is_email_domain(text[end]))
            ++end;
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-'))
            --end;
        const std::string_view domain = text.substr(at + 1, end - at - 1);
        if (begin == at || domain.empty() || domain.front() == '.' ||
            domain.find('.') == std::string_view::npos)
            continue;
        out.push_back({begin, {std::string(text.substr(begin, end - begin)), true}});
    }
}

void find_phones(std::string_view text, std::vector<std::pair<std::size_t, ContactDetail>>& out) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool next_is_digit = i + 1 < text.size() && is_digit(text[i + 1]);
        if (!(is_digit(c) || ((c == '+' || c == '(') && next_is_digit)) ||
            !number_can_start(text, i)) {
            ++i;
            continue;
        }
        std::size_t j = i, digits_end = i;
        int digits = 0;
        bool separated = false;
        while (j < text.size()) {
            if (is_digit(text[j])) {
                ++digits;
                digits_end = ++j;
                continue;
            }
            if (text[j] == '+' && j == i) {
                ++j;
                continue;
            }
            // Up to two separators (") ", " (") may join two groups of digits.
            std::size_t k = j;
            while (k < text.size() && k - j < 2 && is_phone_separator(text[k]))
                ++k;
            if (k > j && k < text.size() && is_digit(text[k]) && digits > 0) {
                separated = true;
                j = k;
                continue;
            }
            if (text[j] == '(' && digits == 0) {
                ++j;
                continue;
            }
            break;
        }
        const std::size_t start = text[i] == '(' ? i + 1 : i;
        const bool glued = digits_end < text.size() &&
                           (is_alnum(text[digits_end]) ||
                            ((text[digits_end] == ',' || text[digits_end] == '.') &&
                             digits_end + 1 < text.size() && is_digit(text[digits_end + 1])));
        if (!glued) {
            const std::string_view written = text.substr(start, digits_end - start);
            const std::string d = dialled_digits(written);
            const bool international = written.front() == '+' && !d.starts_with("0");
            if ((d.starts_with("0") && (d.size() == 10 || d.size() == 11)) ||
                (international && d.size() >= 8) || (!separated && is_service_number(d)))
                out.push_back({start, {std::string(written), false}});
        }
        i = std::max(digits_end, i + 1);
    }
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Finds contact details in the texts of one place (a page block or a question) and
// reports those that are not contacts of the course.
class DetailChecker {
  public:
    DetailChecker(const Course& course, Diagnostics& out) : course_(course), out_(out) {
        for (const Contact& c : course.contacts) {
            if (!c.phone.empty())
                phones_.push_back(dialled_digits(c.phone));
            if (!c.email.empty())
                emails_.push_back(lower(c.email));
        }
    }

    void page_text(const Module& m, int line, std::string_view text) {
        for (const ContactDetail& d : find_contact_details(text))
            if (!known(d) && first_time(m.file, line, d.text))
                out_.warning(m.file, line, 0, "the " + describe(d) + " " + fix());
    }

    void question_text(const Question& q, std::string_view where, std::string_view text) {
        for (const ContactDetail& d : find_contact_details(text))
            if (!known(d) &&
                first_time(q.file + "#" + q.id + "#" + std::string(where), q.line, d.text))
                out_.warning(q.file, q.line, 0,
                             "question \"" + q.id + "\": the " + describe(d) + " in " +
                                 std::string(where) + " " + fix());
    }

  private:
    // A detail is reported once per place: a linked address is in the text and the link.
    bool first_time(const std::string& place, int line, const std::string& text) {
        return reported_.insert(place + ":" + std::to_string(line) + ":" + lower(text)).second;
    }

    bool known(const ContactDetail& d) const {
        if (d.email)
            return std::find(emails_.begin(), emails_.end(), lower(d.text)) != emails_.end();
        return std::find(phones_.begin(), phones_.end(), dialled_digits(d.text)) != phones_.end();
    }

    static std::string describe(const ContactDetail& d) {
        return (d.email ? "email address \"" : "phone number \"") + d.text + "\"";
    }

    std::string fix() const {
        const std::string file =
            course_.contacts_file.empty() ? "a contacts file" : course_.contacts_file;
        return "is not a contact in " + file +
               "; phone numbers and email addresses live only there, each with its source "
               "and \"checked_on\" date: add it as a contact and show it on a page with "
               "[[contact:id]], or correct the text to match " +
               file;
    }

    const Course& course_;
    Diagnostics& out_;
    std::vector<std::string> phones_;
    std::vector<std::string> emails_;
    std::set<std::string> reported_;
};

void inlines(DetailChecker& check, const Module& m, int line, const Inlines& spans) {
    check.page_text(m, line, content::plain_text(spans));
    for (const auto& span : spans)
        if (!span.link.empty())
            check.page_text(m, line, span.link);
}

void blocks(DetailChecker& check, const Module& m, const std::vector<Block>& list) {
    for (const Block& b : list) {
        inlines(check, m, b.line, b.text);
        inlines(check, m, b.line, b.title);
        for (const auto& item : b.items)
            blocks(check, m, item.blocks);
        blocks(check, m, b.children);
        for (const auto& step : b.steps) {
            inlines(check, m, b.line, step.title);
            blocks(check, m, step.detail);
        }
        for (const auto& cell : b.table.header)
            inlines(check, m, b.line, cell);
        for (const auto& row : b.table.rows)
            for (const auto& cell : row)
                inlines(check, m, b.line, cell);
        check.page_text(m, b.line, b.image.alt);
        check.page_text(m, b.line, b.image.title);
        check.page_text(m, b.line, b.code);
    }
}

void question(DetailChecker& check, const Question& q) {
    check.question_text(q, "its title", q.title);
    check.question_text(q, "its question text", q.stem + " " + q.stem_after);
    check.question_text(q, "its feedback", q.general_feedback);
    for (const auto& c : q.choices) {
        check.question_text(q, "a choice", c.text);
        check.question_text(q, "a choice's feedback", c.feedback);
    }
    for (const auto& p : q.pairs)
        check.question_text(q, "a matching pair", p.prompt + " " + p.answer);
    for (const auto& item : q.order)
        check.question_text(q, "an item to order", item);
    for (const auto& a : q.text_answers) {
        check.question_text(q, "an accepted answer", a.text);
        check.question_text(q, "an answer's feedback", a.feedback);
    }
    for (const auto& n : q.numeric_answers)
        check.question_text(q, "an answer's feedback", n.feedback);
    for (const auto& step : q.steps) {
        check.question_text(q, "scenario step \"" + step.id + "\"", step.text);
        for (const auto& o : step.options) {
            check.question_text(q, "an option of step \"" + step.id + "\"", o.text);
            check.question_text(q, "an option's feedback in step \"" + step.id + "\"", o.feedback);
        }
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

std::vector<ContactDetail> find_contact_details(std::string_view text) {
    std::vector<std::pair<std::size_t, ContactDetail>> found;
    find_emails(text, found);
    std::vector<std::pair<std::size_t, ContactDetail>> phones;
    find_phones(text, phones);
    // Digits inside an email address ("help101@...") are not a phone number.
    for (auto& p : phones) {
        const bool inside_email = std::any_of(found.begin(), found.end(), [&](const auto& e) {
            return e.second.email && p.first >= e.first && p.first < e.first + e.second.text.size();
        });
        if (!inside_email)
            found.push_back(std::move(p));
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ContactDetail> out;
    for (auto& f : found)
        out.push_back(std::move(f.second));
    return out;
}

void check_contact_details_in_text(const Course& course, Diagnostics& out) {
    DetailChecker check(course, out);
    for (const Module& m : course.modules)
        for (const content::Page& p : m.pages) {
            check.page_text(m, p.line, p.title);
            blocks(check, m, p.blocks);
        }
    for (const Question& q : course.knowledge_checks)
        question(check, q);
    for (const Question& q : course.assessment_questions)
        question(check, q);
}

void check_short_answer_patterns(const Course& course, Diagnostics& out) {
    auto check = [&](const Question& q) {
        if (q.type != content::QuestionType::short_answer)
            return;
        for (const auto& a : q.text_answers) {
            const std::string_view pattern = trim(a.text);
            if (pattern.size() < 3 || pattern.front() != '*' || pattern.back() != '*')
                continue;
            const std::string_view word = trim(pattern.substr(1, pattern.size() - 2));
            if (word.empty() || word.find_first_of("* \t") != std::string_view::npos)
                continue;
            const std::string w(word);
            const std::string head =
                "question \"" + q.id + "\": the answer pattern \"" + std::string(pattern) + "\" ";
            if (a.weight > 0)
                out.warning(q.file, q.line, 0,
                            head + "gives credit for any answer that contains \"" + w +
                                "\", including wrong ones such as \"do not " + w +
                                "\"; list each answer you accept in full, and keep a lone "
                                "\"*\" for everything else");
            else
                out.warning(q.file, q.line, 0,
                            head + "catches any answer that contains \"" + w +
                                "\", including right ones such as \"I would never " + w +
                                "\"; write out in full the wrong answers you expect, and keep a "
                                "lone \"*\" for everything else");
        }
    };
    for (const Question& q : course.knowledge_checks)
        check(q);
    for (const Question& q : course.assessment_questions)
        check(q);
}

}  // namespace waymark::course
