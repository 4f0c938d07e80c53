#include "waymark/assessment/presentation.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "waymark/assessment/random.hpp"

namespace waymark::assessment {

namespace {

using content::Question;
using content::QuestionType;

std::vector<std::size_t> identity(std::size_t n) {
    std::vector<std::size_t> v(n);
    std::iota(v.begin(), v.end(), std::size_t{0});
    return v;
}

std::vector<std::size_t> present_choices(const Question& q, SeededRandom& random, bool shuffle) {
    auto shown = identity(q.choices.size());
    if (!shuffle || !q.shuffle || q.type == QuestionType::true_false)
        return shown;
    // Shuffle only the movable choices among the movable slots.
    std::vector<std::size_t> movable;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
        if (!q.choices[i].fixed)
            movable.push_back(i);
    }
    auto moved = movable;
    random.shuffle(moved);
    for (std::size_t k = 0; k < movable.size(); ++k)
        shown[movable[k]] = moved[k];
    return shown;
}

std::vector<std::size_t> present_order(const Question& q, SeededRandom& random) {
    auto shown = identity(q.order.size());
    const bool all_same = std::all_of(q.order.begin(), q.order.end(), [&](const std::string& item) {
        return item == q.order.front();
    });
    if (shown.size() < 2 || all_same)
        return shown;
    const auto in_order = [&] {
        for (std::size_t i = 0; i < shown.size(); ++i) {
            if (q.order[shown[i]] != q.order[i])
                return false;
        }
        return true;
    };
    // Each try leaves the items in order with probability at most 1/2, so this ends
    // quickly; the rotation is a last resort that is never in order when items differ.
    for (int tries = 0; tries < 32; ++tries) {
        random.shuffle(shown);
        if (!in_order())
            return shown;
    }
    std::rotate(shown.begin(), shown.begin() + 1, shown.end());
    return shown;
}

void present_matching(const Question& q, SeededRandom& random, bool shuffle, Presentation& out) {
    for (std::size_t i = 0; i < q.pairs.size(); ++i) {
        if (!q.pairs[i].prompt.empty())
            out.prompts.push_back(i);
        const bool first_with_text = std::none_of(
            q.pairs.begin(), q.pairs.begin() + static_cast<std::ptrdiff_t>(i),
            [&](const content::MatchPair& p) { return p.answer == q.pairs[i].answer; });
        if (first_with_text)
            out.answers.push_back(i);
    }
    if (shuffle && q.shuffle) {
        random.shuffle(out.prompts);
        random.shuffle(out.answers);
    }
}

Result<std::size_t> at(const std::vector<std::size_t>& table, std::size_t displayed,
                       const char* what) {
    if (displayed < table.size())
        return table[displayed];
    return make_error(ErrorCode::invalid, "displayed " + std::string(what) + " " +
                                              std::to_string(displayed) + " does not exist; " +
                                              std::to_string(table.size()) + " were shown");
}

}  // namespace

Presentation present(const Question& q, std::uint64_t seed, bool shuffle) {
    SeededRandom random(seed);
    Presentation out;
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::multiple_response:
        case QuestionType::true_false:
            out.options = present_choices(q, random, shuffle);
            break;
        case QuestionType::ordering:
            out.options = present_order(q, random);
            break;
        case QuestionType::matching:
            present_matching(q, random, shuffle, out);
            break;
        case QuestionType::short_answer:
        case QuestionType::numerical:
        case QuestionType::scenario:
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
    return out;
}

Result<Response> to_model(const Presentation& shown, const Response& displayed) {
    if (const auto* one = std::get_if<ChosenOption>(&displayed.value)) {
        auto index = at(shown.options, one->choice, "option");
        if (!index)
            return index.error();
        return Response{ChosenOption{*index}};
    }
    if (const auto* many = std::get_if<ChosenOptions>(&displayed.value)) {
        ChosenOptions out;
        for (const std::size_t d : many->choices) {
            auto index = at(shown.options, d, "option");
            if (!index)
                return index.error();
            out.choices.push_back(*index);
        }
        return Response{std::move(out)};
    }
    if (const auto* arrangement = std::get_if<Arrangement>(&displayed.value)) {
        Arrangement out;
        for (const std::size_t d : arrangement->order) {
            auto index = at(shown.options, d, "item");
            if (!index)
                return index.error();
            out.order.push_back(*index);
        }
        return Response{std::move(out)};
    }
    if (const auto* matches = std::get_if<Matches>(&displayed.value)) {
        Matches out;
        for (const auto& [d_prompt, d_answer] : matches->matches) {
            auto prompt = at(shown.prompts, d_prompt, "prompt");
            if (!prompt)
                return prompt.error();
            auto answer = at(shown.answers, d_answer, "answer");
            if (!answer)
                return answer.error();
            out.matches[*prompt] = *answer;
        }
        return Response{std::move(out)};
    }
    return displayed;
}

}  // namespace waymark::assessment
