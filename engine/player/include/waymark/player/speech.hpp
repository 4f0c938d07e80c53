// waymark/player/speech.hpp: reading aloud with espeak-ng.
//
// Speech reads passages (read_aloud.hpp) on the sound device, one after another, on a
// thread of its own: the window never waits for the voice. It says which passage is
// being heard, so the page can highlight it, and stops when asked, within a few
// milliseconds of audio. Without a sound device it says so in words a learner can act on.
// synthesise() makes the same voice into samples with no device, for tests and checks.
// espeak-ng is one voice per process: Speech and synthesise() take turns with it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "waymark/core/result.hpp"

namespace waymark::player {

struct Audio {
    int sample_rate = 0;                // samples a second
    std::vector<std::int16_t> samples;  // mono
    double seconds() const {
        return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0;
    }
};

// `text` spoken at `words_per_minute`, as samples; no sound device is used.
Result<Audio> synthesise(const std::string& text, int words_per_minute);

class Speech {
  public:
    // `changed` is called on the reading thread whenever the passage being heard changes,
    // reading ends or fails: the program wakes its window with it.
    explicit Speech(std::function<void()> changed = {});
    // Stops reading and waits for the thread.
    ~Speech();
    Speech(const Speech&) = delete;
    Speech& operator=(const Speech&) = delete;

    // Reads `passages` in order at `words_per_minute`, instead of anything being read.
    void read(std::vector<std::string> passages, int words_per_minute);
    // Stops at once; nothing is read until the next read().
    void stop();
    // Whether passages are being read (from read() until the last ends or stop()).
    bool reading() const;
    // The index of the passage being heard, while reading.
    std::optional<std::size_t> passage() const;
    // Why the last reading failed (no sound device), for the learner; empty when it did not.
    std::string problem() const;

  private:
    void run();

    std::function<void()> changed_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::string> queue_;  // the next request, taken by the thread
    int speed_ = 0;
    bool pending_ = false;  // a request in queue_
    bool reading_ = false;
    std::optional<std::size_t> passage_;
    std::string problem_;
    bool closing_ = false;
    std::uint64_t generation_ = 0;     // each read() and stop() starts a new one
    std::atomic<bool> cancel_{false};  // the passage being spoken stops at the next word
    std::thread thread_;
};

}  // namespace waymark::player
