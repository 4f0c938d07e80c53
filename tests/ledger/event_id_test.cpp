// Event ids draw their random part from a pool of random bytes (state.hpp, RandomPool):
// a forked child must draw fresh bytes, never the ones its parent will hand out next, or
// the two would give events the same ids.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdint>

#include "state.hpp"

using namespace waymark::ledger;

namespace {

using TenBytes = std::array<std::uint8_t, 10>;

TenBytes copy(std::span<const std::uint8_t, 10> bytes) {
    TenBytes out;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

// What the pool hands out next in a forked child, read back through a pipe.
TenBytes next_in_child(RandomPool& pool) {
    int ends[2];
    if (::pipe(ends) != 0)
        ADD_FAILURE() << "pipe failed";
    const pid_t child = ::fork();
    if (child == 0) {
        const TenBytes drawn = copy(pool.take());
        const bool written =
            ::write(ends[1], drawn.data(), drawn.size()) == static_cast<ssize_t>(drawn.size());
        ::_exit(written ? 0 : 1);
    }
    ::close(ends[1]);
    TenBytes drawn{};
    const ssize_t n = ::read(ends[0], drawn.data(), drawn.size());
    ::close(ends[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_EQ(n, static_cast<ssize_t>(drawn.size()));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return drawn;
}

}  // namespace

TEST(RandomPoolTest, AForkedChildDrawsBytesItsParentDoesNotHandOut) {
    RandomPool pool;
    (void)pool.take();  // the pool now holds bytes drawn before the fork
    const TenBytes in_child = next_in_child(pool);
    const TenBytes in_parent = copy(pool.take());
    EXPECT_NE(in_child, in_parent);
}

TEST(RandomPoolTest, AForkedChildOfAForkedChildDrawsFreshBytesToo) {
    RandomPool pool;
    (void)pool.take();
    int ends[2];
    ASSERT_EQ(::pipe(ends), 0);
    const pid_t child = ::fork();
    if (child == 0) {
        // In the child the pool is refilled once; its own child must refill it again.
        (void)pool.take();
        const TenBytes in_grandchild = next_in_child(pool);
        const TenBytes in_child = copy(pool.take());
        const char same = in_grandchild == in_child ? 1 : 0;
        ::_exit(::write(ends[1], &same, 1) == 1 ? 0 : 1);
    }
    ::close(ends[1]);
    char same = 1;
    ASSERT_EQ(::read(ends[0], &same, 1), 1);
    ::close(ends[0]);
    ::waitpid(child, nullptr, 0);
    EXPECT_EQ(same, 0);
}
