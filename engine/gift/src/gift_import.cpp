// GIFT files to question banks: paragraphs, categories and ids. Each paragraph (lines
// between blank lines, // comment lines left out) is one question, read by
// question_reader.cpp; a "$CATEGORY:" paragraph sets the category of those after it.
#include <string_view>
#include <vector>

#include "marked_text.hpp"
#include "question_ids.hpp"
#include "question_reader.hpp"
#include "waymark/core/files.hpp"
#include "waymark/gift/gift.hpp"

namespace waymark::gift {

namespace {

struct SourceLine {
    std::string_view text;  // trimmed
    int number = 0;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Calls `paragraph(lines)` for each run of non-blank lines, comments left out. Lines
// end with LF, CRLF or a lone CR (old Macintosh files).
template <typename Paragraph>
void for_each_paragraph(std::string_view text, Paragraph paragraph) {
    std::vector<SourceLine> lines;
    int number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = text.find_first_of("\r\n", pos);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        const std::string_view line = trim(text.substr(pos, stop - pos));
        ++number;
        if (line.empty()) {
            if (!lines.empty())
                paragraph(lines);
            lines.clear();
        } else if (line.substr(0, 2) != "//") {
            lines.push_back({line, number});
        }
        if (end == std::string_view::npos)
            break;
        pos = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    }
    if (!lines.empty())
        paragraph(lines);
}

class GiftImporter {
  public:
    GiftImporter(const std::string& file, Diagnostics& out) : file_(file), out_(out) {
        bank_.file = file;
    }

    void read_paragraph(std::vector<SourceLine>& lines) {
        std::size_t first = 0;
        constexpr std::string_view kCategory = "$CATEGORY:";
        if (lines[0].text.substr(0, kCategory.size()) == kCategory) {
            category_ = std::string(trim(lines[0].text.substr(kCategory.size())));
            if (lines.size() == 1)
                return;
            out_.warning(file_, lines[1].number, 0,
                         "put a blank line after the $CATEGORY line: Moodle reads this "
                         "question as part of the category's name");
            first = 1;
        }
        ++number_;
        for (std::size_t i = first; i < lines.size(); ++i) {
            std::size_t bad = 0;
            if (!valid_utf8(lines[i].text, &bad)) {
                out_.error(file_, lines[i].number, 0,
                           "this line is not UTF-8 text (byte " + std::to_string(bad + 1) +
                               " of the line); save the file with UTF-8 encoding");
                ids_.assign({}, number_);
                return;
            }
        }
        MarkedText text;
        for (std::size_t i = first; i < lines.size(); ++i)
            text.append_line(lines[i].text, lines[i].number);
        read_marked(text, lines[first].number);
    }

    content::QuestionBank take() { return std::move(bank_); }

  private:
    void read_marked(const MarkedText& text, int line) {
        content::Question q;
        q.file = file_;
        q.line = line;
        q.category = category_;
        Diagnostics problems;
        QuestionReporter report(text, file_, problems);
        const bool ok = read_question(text, q, report);
        q.id = ids_.assign(q.title, number_);
        if (ok)
            content::validate_question(q, problems);
        out_.append(problems);
        if (ok && !problems.has_errors())
            bank_.questions.push_back(std::move(q));
    }

    const std::string& file_;
    Diagnostics& out_;
    content::QuestionBank bank_;
    QuestionIds ids_;
    std::string category_;
    int number_ = 0;
};

}  // namespace

content::QuestionBank import_gift(std::string_view text, const std::string& file,
                                  Diagnostics& out) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
        text.remove_prefix(kByteOrderMark.size());
    GiftImporter importer(file, out);
    for_each_paragraph(text,
                       [&](std::vector<SourceLine>& lines) { importer.read_paragraph(lines); });
    return importer.take();
}

const char* list_type_name(const content::Question& q) {
    return q.is_missing_word() ? "missing-word" : content::to_string(q.type);
}

}  // namespace waymark::gift
