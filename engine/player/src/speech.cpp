#include "waymark/player/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <cstring>

namespace waymark::player {
namespace {

// espeak-ng keeps one voice for the whole process, set up for one way of output.
std::mutex espeak_mutex;
int espeak_output = -1;  // the espeak_AUDIO_OUTPUT it was set up for; -1: not yet
int espeak_rate = 0;     // its sample rate

// Sets espeak-ng up for `output` (call with espeak_mutex held).
Result<void> use_espeak(espeak_AUDIO_OUTPUT output) {
    if (espeak_output == output)
        return {};
    if (espeak_output != -1)
        espeak_Terminate();
    espeak_output = -1;
    const int rate = espeak_Initialize(output, 0, nullptr, 0);
    if (rate <= 0)
        return Error{ErrorCode::not_found,
                     "the espeak-ng voice data could not be loaded; install the espeak-ng-data "
                     "package (Debian) and try again",
                     ""};
    // British English for UK workplaces; espeak-ng's default English if it is missing.
    if (espeak_SetVoiceByName("en-gb") != EE_OK)
        espeak_SetVoiceByName("en");
    espeak_output = output;
    espeak_rate = rate;
    return {};
}

// Synthesis callbacks: user_data is what the caller passed to espeak_Synth.
int collect_samples(short* samples, int count, espeak_EVENT* events) {
    if (samples && count > 0 && events && events->user_data) {
        auto* audio = static_cast<Audio*>(events->user_data);
        audio->samples.insert(audio->samples.end(), samples, samples + count);
    }
    return 0;
}

int play_until_cancelled(short*, int, espeak_EVENT* events) {
    for (; events && events->type != espeakEVENT_LIST_TERMINATED; ++events)
        if (events->user_data && static_cast<std::atomic<bool>*>(events->user_data)->load())
            return 1;  // stop: the learner pressed Stop, or asked for something else
    return 0;
}

Result<void> synth(const std::string& text, void* user_data) {
    const auto r = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8, nullptr, user_data);
    if (r != EE_OK)
        return Error{ErrorCode::io,
                     "Reading aloud needs a sound device, and none was found. Check that "
                     "speakers or headphones are connected and the sound is on, then press "
                     "Listen again.",
                     ""};
    return {};
}

}  // namespace

Result<Audio> synthesise(const std::string& text, int words_per_minute) {
    std::lock_guard lock(espeak_mutex);
    if (auto ready = use_espeak(AUDIO_OUTPUT_SYNCHRONOUS); !ready)
        return ready.error();
    Audio audio;
    audio.sample_rate = espeak_rate;
    espeak_SetSynthCallback(collect_samples);
    espeak_SetParameter(espeakRATE, words_per_minute, 0);
    if (auto done = synth(text, &audio); !done)
        return done.error();
    return audio;
}

Speech::Speech(std::function<void()> changed) : changed_(std::move(changed)) {
    thread_ = std::thread([this] { run(); });
}

Speech::~Speech() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        cancel_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void Speech::read(std::vector<std::string> passages, int words_per_minute) {
    {
        std::lock_guard lock(mutex_);
        queue_ = std::move(passages);
        speed_ = words_per_minute;
        pending_ = true;
        reading_ = true;
        passage_.reset();
        problem_.clear();
        ++generation_;
        cancel_ = true;  // whatever is being said stops; the thread then takes the request
    }
    wake_.notify_one();
}

void Speech::stop() {
    std::lock_guard lock(mutex_);
    queue_.clear();
    pending_ = false;
    reading_ = false;
    passage_.reset();
    ++generation_;
    cancel_ = true;
}

bool Speech::reading() const {
    std::lock_guard lock(mutex_);
    return reading_;
}

std::optional<std::size_t> Speech::passage() const {
    std::lock_guard lock(mutex_);
    return passage_;
}

std::string Speech::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

void Speech::run() {
    for (;;) {
        std::vector<std::string> passages;
        int speed = 0;
        std::uint64_t generation = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return pending_ || closing_; });
            if (closing_)
                return;
            passages = std::move(queue_);
            queue_.clear();
            speed = speed_;
            generation = generation_;
            pending_ = false;
            cancel_ = false;
        }
        std::string problem;
        for (std::size_t i = 0; i < passages.size(); ++i) {
            {
                std::lock_guard lock(mutex_);
                if (generation != generation_ || closing_)
                    break;
                passage_ = i;
            }
            if (changed_)
                changed_();
            std::lock_guard voice(espeak_mutex);
            auto ready = use_espeak(AUDIO_OUTPUT_SYNCH_PLAYBACK);
            if (ready) {
                espeak_SetSynthCallback(play_until_cancelled);
                espeak_SetParameter(espeakRATE, speed, 0);
                ready = synth(passages[i], &cancel_);
            }
            if (!ready) {
                problem = ready.error().message;
                break;
            }
            if (cancel_)
                break;
        }
        {
            std::lock_guard lock(mutex_);
            if (generation == generation_) {
                reading_ = false;
                passage_.reset();
                problem_ = problem;
            }
        }
        if (changed_)
            changed_();
    }
}

}  // namespace waymark::player
