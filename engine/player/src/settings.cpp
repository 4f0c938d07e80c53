#include "waymark/player/settings.hpp"

#include <algorithm>

namespace waymark::player {

const char* to_string(Theme theme) {
    switch (theme) {
        case Theme::light:
            return "Light";
        case Theme::dark:
            return "Dark";
        case Theme::high_contrast:
            return "High contrast";
    }
    return "Light";
}

int clamp_text_size(int percent) {
    const int clamped = std::clamp(percent, min_text_size, max_text_size);
    const int steps = (clamped - min_text_size + text_size_step / 2) / text_size_step;
    return min_text_size + steps * text_size_step;
}

int larger_text(int percent) {
    return clamp_text_size(clamp_text_size(percent) + text_size_step);
}

int smaller_text(int percent) {
    return clamp_text_size(clamp_text_size(percent) - text_size_step);
}

}  // namespace waymark::player
