// waymark/assessment/random.hpp: the seeded random numbers behind every paper.
//
// An attempt stores one 64-bit seed; the draw of questions and every shuffle of options
// come from it, so a resumed attempt and an auditor replaying it see the same paper.
// std::shuffle and the std distributions differ between standard libraries, so the
// generator (xoshiro256**, seeded through SplitMix64), the bounded draw and the shuffle
// are written out here and give identical sequences on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::assessment {

class SeededRandom {
  public:
    // The same seed always yields the same sequence, on every platform.
    explicit SeededRandom(std::uint64_t seed);

    // The next 64 random bits.
    std::uint64_t next();

    // A uniformly distributed integer in [0, bound). `bound` must be at least 1.
    // Rejection sampling keeps it free of modulo bias.
    std::uint64_t below(std::uint64_t bound);

    // Fisher-Yates shuffle of `items` in place.
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(i));
            std::swap(items[i - 1], items[j]);
        }
    }

  private:
    std::uint64_t state_[4];
};

// One step of SplitMix64: a well-mixed 64-bit value from any 64-bit input.
std::uint64_t split_mix64(std::uint64_t value);

// A seed for one question of an attempt, derived from the attempt's seed and the
// question's id (FNV-1a), so a question's option order does not depend on where it
// falls in the paper.
std::uint64_t question_seed(std::uint64_t attempt_seed, std::string_view question_id);

}  // namespace waymark::assessment
