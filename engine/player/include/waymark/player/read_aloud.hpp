// waymark/player/read_aloud.hpp: what "Listen" reads, in the order a sighted learner
// reads it.
//
// A page is read as passages: its title, then one passage per block in page order (a
// table row by row with each cell after its column's heading, an image by its alt text,
// a contact card by its name, role and numbers, a knowledge check by its question and
// options as shown). A question in the assessment is read as its text and then its
// options in the order shown. The player highlights the block whose passage is being
// heard. Decisions only: speech.hpp turns the passages into sound.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "waymark/assessment/presentation.hpp"
#include "waymark/content/question.hpp"
#include "waymark/player/course_reader.hpp"

namespace waymark::player {

struct Passage {
    std::string text;
    // The index of the page's top-level block it reads; `title` for the page's title.
    std::size_t block = title;
    static constexpr std::size_t title = ~std::size_t{0};
    friend bool operator==(const Passage&, const Passage&) = default;
};

// The open page of `reader`, in reading order; its knowledge checks' options in the
// order they are shown (which is why the reader is not const: it deals them).
std::vector<Passage> page_passages(CourseReader& reader);

// A question's text, then its options as `shown` presents them.
std::vector<Passage> question_passages(const content::Question& q,
                                       const assessment::Presentation& shown);

// Only the texts, for the speech engine.
std::vector<std::string> passage_texts(const std::vector<Passage>& passages);

}  // namespace waymark::player
