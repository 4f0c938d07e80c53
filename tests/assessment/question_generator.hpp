// Random, valid questions of every markable type, with their right answers, for the
// property tests. Everything comes from a seed, so a failing case can be replayed.
#pragma once

#include "waymark/assessment/random.hpp"
#include "waymark/assessment/response.hpp"
#include "waymark/content/question.hpp"

namespace waymark::assessment::testing {

struct GeneratedQuestion {
    content::Question question;
    Response right;  // an answer that must score full marks
};

class QuestionGenerator {
  public:
    explicit QuestionGenerator(std::uint64_t seed) : random_(seed) {}

    // A question of a random markable type.
    GeneratedQuestion any();
    GeneratedQuestion of_type(content::QuestionType type);

    // Some well-formed answer to `q`, right or wrong.
    Response any_response(const content::Question& q);
    // A response of the wrong shape for `q`.
    Response wrong_kind(const content::Question& q);

    SeededRandom& random() { return random_; }

  private:
    double weight();  // a wrong answer's weight: 0, partial, or negative
    std::size_t between(std::size_t lo, std::size_t hi);  // inclusive

    GeneratedQuestion single_choice(content::QuestionType type);
    GeneratedQuestion multiple_response();
    GeneratedQuestion matching();
    GeneratedQuestion ordering();
    GeneratedQuestion short_answer();
    GeneratedQuestion numerical();
    GeneratedQuestion scenario();

    SeededRandom random_;
    int counter_ = 0;
};

// All markable types, for iterating.
inline constexpr content::QuestionType markable_types[] = {
    content::QuestionType::single_choice, content::QuestionType::multiple_response,
    content::QuestionType::true_false,    content::QuestionType::matching,
    content::QuestionType::ordering,      content::QuestionType::short_answer,
    content::QuestionType::numerical,     content::QuestionType::scenario};

}  // namespace waymark::assessment::testing
