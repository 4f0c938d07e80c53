// waymark/player/settings.hpp: how a learner likes the player to look.
//
// Settings are remembered per learner (journal.hpp) and read by the UI each frame; the
// player only keeps them within the ranges the UI can draw well.
#pragma once

namespace waymark::player {

enum class Theme { light, dark, high_contrast };

// "Light", "Dark", "High contrast": the names shown in the settings screen.
const char* to_string(Theme theme);

struct Settings {
    int text_size_percent = 100;  // 75..200, in steps of 25
    Theme theme = Theme::light;
    bool dyslexia_font = false;   // OpenDyslexic instead of DejaVu Sans
    bool reduced_motion = false;  // no smooth scrolling or fades
    int reading_speed = 175;      // words a minute when reading aloud ("Listen")
    friend bool operator==(const Settings&, const Settings&) = default;
};

inline constexpr int min_text_size = 75;
inline constexpr int max_text_size = 200;
inline constexpr int text_size_step = 25;

// Reading aloud: espeak-ng's normal pace is 175 words a minute; 100..300 in steps of 25.
inline constexpr int normal_reading_speed = 175;
inline constexpr int min_reading_speed = 100;
inline constexpr int max_reading_speed = 300;
inline constexpr int reading_speed_step = 25;

// `percent` moved into 75..200 and onto the nearest step of 25.
int clamp_text_size(int percent);
// One step larger or smaller, stopping at the ends of the range.
int larger_text(int percent);
int smaller_text(int percent);

// `words_per_minute` moved into 100..300 and onto the nearest step of 25.
int clamp_reading_speed(int words_per_minute);
// One step faster or slower, stopping at the ends of the range.
int faster_reading(int words_per_minute);
int slower_reading(int words_per_minute);

}  // namespace waymark::player
