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

int clamp_reading_speed(int words_per_minute) {
    const int clamped = std::clamp(words_per_minute, min_reading_speed, max_reading_speed);
    const int steps = (clamped - min_reading_speed + reading_speed_step / 2) / reading_speed_step;
    return min_reading_speed + steps * reading_speed_step;
}

int faster_reading(int words_per_minute) {
    return clamp_reading_speed(clamp_reading_speed(words_per_minute) + reading_speed_step);
}

int slower_reading(int words_per_minute) {
    return clamp_reading_speed(clamp_reading_speed(words_per_minute) - reading_speed_step);
}

}  // namespace waymark::player
