#include "waymark/player/score_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace waymark::player {

std::string marks_text(double marks) {
    // Rounded to tenths first, so 11.96 reads "12" and never "12.0".
    const double tenths = std::round(marks * 10) / 10;
    char text[48];
    if (std::abs(tenths - std::round(tenths)) < 1e-9)
        std::snprintf(text, sizeof text, "%.0f", tenths);
    else
        std::snprintf(text, sizeof text, "%.1f", tenths);
    return text;
}

std::string counted(long long n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::vector<std::string> assessment_intro(const assessment::AssessmentPolicy& policy,
                                          std::size_t questions,
                                          const assessment::StartDecision& decision,
                                          bool certificates) {
    using assessment::ReviewPolicy;
    std::vector<std::string> out;
    char pass[32];
    std::snprintf(pass, sizeof pass, "%.0f%%", policy.pass_mark);
    out.push_back(counted(static_cast<long long>(questions), "question") + ". You pass with " +
                  pass + " or more.");
    const auto minutes = policy.time_limit.count();
    out.push_back(minutes > 0 ? "You have " + counted(minutes, "minute") +
                                    ", counted from when you start. A clock shows the time left, "
                                    "and your answers are submitted by themselves when it runs "
                                    "out."
                              : "There is no time limit.");
    std::string attempts;
    if (policy.attempts_allowed <= 0)
        attempts = "You can take the assessment as many times as you need.";
    else if (decision.attempts_left == policy.attempts_allowed)
        attempts = "You have " + counted(policy.attempts_allowed, "attempt") + " in all.";
    else
        attempts = "You have " + counted(policy.attempts_allowed, "attempt") + " in all, and " +
                   (decision.attempts_left == 1 ? "1 is"
                                                : std::to_string(decision.attempts_left) + " are") +
                   " left.";
    if (policy.wait_between_attempts.count() > 0)
        attempts += " After an attempt, the next one can start " +
                    counted(policy.wait_between_attempts.count(), "minute") + " later.";
    out.push_back(attempts);
    out.push_back(
        "Your answers are saved as you go: if the player closes, you carry on where you left off. "
        "You can flag questions to come back to, and check every answer before you submit.");
    std::string next = "When you submit, you see your score at once";
    switch (policy.review) {
        case ReviewPolicy::always:
            next += ", with the correct answers.";
            break;
        case ReviewPolicy::after_passing:
            next += "; the correct answers are shown once you have passed.";
            break;
        case ReviewPolicy::after_last_attempt:
            next += "; the correct answers are shown once you have used every attempt.";
            break;
        case ReviewPolicy::never:
            next += ". The correct answers are not shown, so that the assessment stays fair.";
            break;
    }
    next += certificates ? " If you pass, the course is complete and you can save your "
                           "certificate."
                         : " This is a preview: a pass here is not recorded as a completion.";
    out.push_back(next);
    return out;
}

std::string score_sentence(const assessment::AttemptResult& result) {
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.0f%%", result.scaled * 100);
    char pass[32];
    std::snprintf(pass, sizeof pass, "%.0f%%", result.pass_mark);
    return std::string("You scored ") + percent + " (" + marks_text(result.raw) + " of " +
           marks_text(result.max) + "). The pass mark is " + pass + ".";
}

std::vector<std::string> feedback_lines(const assessment::Score& score) {
    std::vector<std::string> lines;
    auto add = [&](const std::string& text) {
        if (!text.empty() && std::find(lines.begin(), lines.end(), text) == lines.end())
            lines.push_back(text);
    };
    for (const auto& f : score.feedback)
        add(f);
    add(score.general_feedback);
    return lines;
}

}  // namespace waymark::player
