#include "waymark/player/stop_signals.hpp"

#include <pthread.h>

namespace waymark::player {
namespace {

sigset_t stop_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
}

}  // namespace

StopSignals::StopSignals() {
    const sigset_t set = stop_set();
    pthread_sigmask(SIG_BLOCK, &set, &saved_mask_);
    thread_ = std::thread([this] { watch(); });
}

StopSignals::~StopSignals() {
    // The watcher is woken by a signal sent to it alone; `closing_` says it is not a stop.
    closing_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
    pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
}

void StopSignals::on_stop(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
    if (requested_ && wake_)
        wake_();
}

void StopSignals::watch() {
    const sigset_t set = stop_set();
    for (;;) {
        int signal = 0;
        if (sigwait(&set, &signal) != 0)
            continue;
        if (closing_)
            return;
        requested_ = true;
        std::lock_guard lock(mutex_);
        if (wake_)
            wake_();
    }
}

}  // namespace waymark::player
