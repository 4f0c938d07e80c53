// waymark/gift/gift.hpp: Moodle GIFT question banks in and out.
//
// Trainers keep quiz questions in Moodle's GIFT text format. import_gift reads
// everything Moodle's own importer reads, with the same meaning, into the question model
// of waymark/content/question.hpp; export_gift writes a bank back as GIFT that Moodle
// imports. Importing, exporting and importing again gives an equal bank.
//
//     // question 1
//     ::Channel::[markdown]Channel is part of which strand? {
//         =Prevent#Yes: Channel supports people at risk.
//         ~Pursue#No: Pursue is about stopping attacks.
//     }
#pragma once

#include <string>
#include <string_view>

#include "waymark/content/question.hpp"
#include "waymark/core/diagnostics.hpp"

namespace waymark::gift {

// Parses GIFT text (UTF-8; LF, CRLF or CR line ends; an optional byte-order mark).
// `file` names the text in diagnostics and in each Question's `file`; each question's
// `line` is the line where it starts. Returns the questions that parsed without errors,
// in file order; every problem, in every question, is reported to `out` with its line,
// so one bad question never hides the next. A caller that must not import a partly
// broken file checks out.has_errors() and discards the bank.
//
// Ids come from the ::Title:: (lower-case, words joined by '-', made unique with -2,
// -3, ...) or are "q<N>" for the N-th question of the file when it has none. The text
// format is Moodle's: [markdown], [html], [plain] or [moodle], and moodle when none is
// given. Essays are imported with a warning that they are not auto-marked. An answer
// that scores any other number (Moodle's "~#feedback" or "*") becomes a range from the
// lowest to the highest double.
//
// Every imported question has already passed content::validate_question(): callers
// need not (and should not, or problems are reported twice) validate it again.
content::QuestionBank import_gift(std::string_view text, const std::string& file, Diagnostics& out);

// The GIFT text of `bank`, one question per paragraph, which Moodle's importer and
// import_gift read back to the same questions. GIFT's syntax characters in texts are
// escaped. Question types GIFT cannot express (ordering, scenario) and the rare texts
// it cannot hold are left out, each with a warning naming the question.
std::string export_gift(const content::QuestionBank& bank, Diagnostics& warnings);

// The type name `waymark gift import --list` prints: "missing-word" for a question with
// text after its blank, otherwise content::to_string(q.type) ("single-choice", ...).
const char* list_type_name(const content::Question& q);

}  // namespace waymark::gift
