// waymark/assessment/knowledge_check.hpp: practice questions inside a module.
//
// Knowledge checks are formative: the learner answers, sees the feedback at once, and
// may try again as often as they like. Each try is recorded as practice, which never
// counts towards completion; only the final assessment (attempt.hpp) does. Options are
// shown with present() from presentation.hpp, seeded per try by the player.
#pragma once

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <string>

#include "waymark/assessment/attempt_events.hpp"
#include "waymark/assessment/response.hpp"
#include "waymark/assessment/scoring.hpp"
#include "waymark/content/question.hpp"
#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"

namespace waymark::assessment {

// The ledger's record of one practice try.
struct PracticeAnswered {
    std::string question_id;
    Response response;
    double fraction = 0;
    Outcome outcome = Outcome::incorrect;
    UtcTime at{};
    friend bool operator==(const PracticeAnswered&, const PracticeAnswered&) = default;
};

struct PracticeFeedback {
    Score score;             // what to show the learner now
    PracticeAnswered event;  // what to append to the ledger
};

// Marks one try at a knowledge check. Fails as score() does: an invalid response is an
// error, never a score.
Result<PracticeFeedback> practise(const content::Question& q, const Response& response,
                                  UtcTime now);

template <class Archive>
void serialize(Archive& ar, PracticeAnswered& e, const std::uint32_t version) {
    refuse_newer_version<PracticeAnswered>(version);
    ar(cereal::make_nvp("question_id", e.question_id), cereal::make_nvp("response", e.response),
       cereal::make_nvp("fraction", e.fraction), cereal::make_nvp("outcome", e.outcome),
       cereal::make_nvp("at", IsoTime{e.at}));
}

}  // namespace waymark::assessment

CEREAL_CLASS_VERSION(waymark::assessment::PracticeAnswered, 1)
