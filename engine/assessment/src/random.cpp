#include "waymark/assessment/random.hpp"

namespace waymark::assessment {

namespace {

std::uint64_t rotate_left(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

}  // namespace

std::uint64_t split_mix64(std::uint64_t value) {
    std::uint64_t z = value + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

SeededRandom::SeededRandom(std::uint64_t seed) {
    // Successive SplitMix64 outputs never give xoshiro its forbidden all-zero state.
    std::uint64_t s = seed;
    for (auto& word : state_) {
        word = split_mix64(s);
        s += 0x9e3779b97f4a7c15ULL;
    }
}

std::uint64_t SeededRandom::next() {
    const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate_left(state_[3], 45);
    return result;
}

std::uint64_t SeededRandom::below(std::uint64_t bound) {
    if (bound <= 1)
        return 0;
    // Values below `threshold` would make the low residues more likely; skip them.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold)
            return r % bound;
    }
}

std::uint64_t question_seed(std::uint64_t attempt_seed, std::string_view question_id) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : question_id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return split_mix64(attempt_seed ^ hash);
}

}  // namespace waymark::assessment
