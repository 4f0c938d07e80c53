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
