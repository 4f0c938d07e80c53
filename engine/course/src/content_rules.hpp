// Internal: checks that keep a course's facts true over time. Each reports warnings only
// (`waymark check --strict` makes them errors):
//   - a phone number or email address written in page text, a question or its feedback
//     that is not a contact in the contacts file (contact details have one home, where
//     they carry a source and a checked date);
//   - a short-answer pattern that is a bare wildcard around one word ("*share*"), which
//     also matches answers such as "do not share".
// Contacts not checked within the course's review period are reported when the contacts
// file is read (course_json.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/diagnostics.hpp"
#include "waymark/course/course.hpp"

namespace waymark::course {

struct ContactDetail {
    std::string text;  // as written: "01772 413 398", "prevent@cumbria.police.uk"
    bool email = false;
};

// Phone numbers and email addresses written in `text`, in order. A phone number is a UK
// number of 10 or 11 digits starting with 0 or +44 (spaces, hyphens and brackets allowed
// between groups), a three-digit service number (999, 112, 101, 111, 105, 119) or a
// 116 helpline. Years, counts and section numbers are not phone numbers.
std::vector<ContactDetail> find_contact_details(std::string_view text);

void check_contact_details_in_text(const Course& course, Diagnostics& out);
void check_short_answer_patterns(const Course& course, Diagnostics& out);

}  // namespace waymark::course
