// waymark/player/stop_signals.hpp: the player shuts down normally when it is told to stop.
//
// A desktop logging out sends SIGTERM (or SIGHUP), Ctrl+C in a terminal SIGINT. Killed by
// them, the player would skip its shutdown: the window's place and size would not be
// remembered, the ledger not closed. StopSignals turns them into a request the event loop
// sees: the signals are blocked and taken by a thread of its own with sigwait(), so no
// code runs inside a signal handler, and that thread may call what a handler may not
// (glfwPostEmptyEvent, which wakes a loop waiting for events, is safe from any thread
// but not from a signal handler).
#pragma once

#include <signal.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace waymark::player {

class StopSignals {
  public:
    // Blocks SIGTERM, SIGINT and SIGHUP in the calling thread and in every thread it
    // starts afterwards, so create this first in main, before any library starts threads.
    StopSignals();
    // Stops the watching thread and restores the signal mask.
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // Called on the watching thread when a stop signal arrives (at once if one already
    // has); empty to call nothing. Replaced, and never called again after this returns.
    void on_stop(std::function<void()> wake);
    // A stop signal has arrived.
    bool stop_requested() const { return requested_.load(); }

  private:
    void watch();

    std::atomic<bool> requested_{false};
    std::atomic<bool> closing_{false};
    std::mutex mutex_;  // guards wake_
    std::function<void()> wake_;
    sigset_t saved_mask_{};
    std::thread thread_;
};

}  // namespace waymark::player
