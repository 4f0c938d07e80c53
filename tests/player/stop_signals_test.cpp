// The player asked to stop by a signal (a logout's SIGTERM, Ctrl+C) goes through its
// normal shutdown: the signal becomes a request the event loop is woken to see.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <thread>

#include "waymark/player/stop_signals.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace waymark::player;
using namespace std::chrono_literals;

namespace {

// Runs `body` in a child process: its only thread is the test's, so no thread of another
// test (which would not block the signals) can take the signal and end the process.
// True when the child exited normally and `body` returned true; a signal that killed it
// is a failure.
bool in_child(const std::function<bool()>& body) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(body() ? 0 : 1);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Sends `signal` to the whole process, as a desktop or a terminal does, and waits up to
// five seconds for the loop to be woken.
bool woken_by(int signal) {
    return in_child([signal] {
        StopSignals stop;
        std::promise<void> woken;
        stop.on_stop([&] { woken.set_value(); });
        ::kill(::getpid(), signal);
        const bool arrived = woken.get_future().wait_for(5s) == std::future_status::ready;
        stop.on_stop({});
        return arrived && stop.stop_requested();
    });
}

}  // namespace

TEST(StopSignals, SigtermFromALogoutWakesTheLoopWithAStopRequest) {
    EXPECT_TRUE(woken_by(SIGTERM));
}

TEST(StopSignals, CtrlCInATerminalWakesTheLoopWithAStopRequest) {
    EXPECT_TRUE(woken_by(SIGINT));
}

TEST(StopSignals, AHangupWakesTheLoopWithAStopRequest) {
    EXPECT_TRUE(woken_by(SIGHUP));
}

TEST(StopSignals, ASignalBeforeTheLoopListensWakesItAsSoonAsItDoes) {
    EXPECT_TRUE(in_child([] {
        StopSignals stop;
        ::kill(::getpid(), SIGTERM);
        for (int i = 0; i < 500 && !stop.stop_requested(); ++i)
            std::this_thread::sleep_for(10ms);
        bool woken = false;
        stop.on_stop([&] { woken = true; });
        stop.on_stop({});
        return stop.stop_requested() && woken;
    }));
}

TEST(StopSignals, ClosingWithoutASignalIsNoStopRequest) {
    bool woken = false;
    {
        StopSignals stop;
        stop.on_stop([&] { woken = true; });
        EXPECT_FALSE(stop.stop_requested());
        stop.on_stop({});
    }
    EXPECT_FALSE(woken);
}
