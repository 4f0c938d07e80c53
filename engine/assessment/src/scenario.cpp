#include "waymark/assessment/scenario.hpp"

#include <algorithm>

#include "question_location.hpp"

namespace waymark::assessment {

Result<ScenarioWalk> walk_scenario(const content::Question& q, const ScenarioPath& path) {
    if (q.type != content::QuestionType::scenario)
        return invalid_question(q, "is not a scenario, so it has no path to follow");
    if (q.steps.empty())
        return invalid_question(q, "has no steps; add at least one step with an ending");
    ScenarioWalk walk;
    std::size_t step = 0;
    for (std::size_t i = 0; i < path.options.size(); ++i) {
        if (walk.finished) {
            return invalid_question(q, "the answer goes on for " +
                                           std::to_string(path.options.size() - i) +
                                           " more choice(s) after the story ended");
        }
        const auto& s = q.steps[step];
        walk.steps.push_back(step);
        const std::size_t chosen = path.options[i];
        if (chosen >= s.options.size()) {
            return invalid_question(q, "choice " + std::to_string(i + 1) + " names option " +
                                           std::to_string(chosen) + " but step \"" + s.id +
                                           "\" has " + std::to_string(s.options.size()) +
                                           " option(s)");
        }
        const auto& option = s.options[chosen];
        if (!option.feedback.empty())
            walk.feedback.push_back(option.feedback);
        if (option.next.empty()) {
            walk.finished = true;
            walk.score = std::clamp(option.score, 0.0, 1.0);
            continue;
        }
        const auto found = std::find_if(q.steps.begin(), q.steps.end(), [&](const auto& candidate) {
            return candidate.id == option.next;
        });
        if (found == q.steps.end()) {
            return invalid_question(
                q, "option \"" + option.text + "\" of step \"" + s.id + "\" leads to step \"" +
                       option.next + "\", which does not exist; fix the link in the question");
        }
        step = static_cast<std::size_t>(found - q.steps.begin());
    }
    if (!walk.finished)
        walk.current = step;
    return walk;
}

}  // namespace waymark::assessment
