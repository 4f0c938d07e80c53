#include "waymark/assessment/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

namespace waymark::assessment {
namespace {

TEST(SplitMix64, MatchesTheReferenceSequence) {
    // The first outputs of Vigna's splitmix64.c seeded with 1234567.
    EXPECT_EQ(split_mix64(1234567), 6457827717110365317ULL);
    EXPECT_EQ(split_mix64(1234567 + 0x9e3779b97f4a7c15ULL), 3203168211198807973ULL);
}

TEST(SeededRandom, RepeatsItsSequenceForTheSameSeed) {
    SeededRandom a(42), b(42);
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(a.next(), b.next());
}

TEST(SeededRandom, GivesDifferentSequencesForDifferentSeeds) {
    SeededRandom a(1), b(2);
    int same = 0;
    for (int i = 0; i < 100; ++i)
        same += a.next() == b.next() ? 1 : 0;
    EXPECT_EQ(same, 0);
}

TEST(SeededRandom, DrawsBelowTheBoundAndReachesEveryValue) {
    SeededRandom r(7);
    std::vector<int> counts(6, 0);
    for (int i = 0; i < 6000; ++i) {
        const auto v = r.below(6);
        ASSERT_LT(v, 6u);
        ++counts[v];
    }
    for (const int c : counts) {
        EXPECT_GT(c, 850);
        EXPECT_LT(c, 1150);
    }
}

TEST(SeededRandom, GivesZeroForABoundOfOne) {
    SeededRandom r(3);
    EXPECT_EQ(r.below(1), 0u);
}

TEST(SeededRandom, ShufflesIntoAPermutation) {
    SeededRandom r(11);
    std::vector<int> v(50);
    std::iota(v.begin(), v.end(), 0);
    auto shuffled = v;
    r.shuffle(shuffled);
    EXPECT_NE(shuffled, v);
    std::sort(shuffled.begin(), shuffled.end());
    EXPECT_EQ(shuffled, v);
}

TEST(SeededRandom, PutsEachItemFirstAboutEquallyOften) {
    std::vector<int> first(4, 0);
    for (std::uint64_t seed = 0; seed < 4000; ++seed) {
        SeededRandom r(seed);
        std::vector<int> v{0, 1, 2, 3};
        r.shuffle(v);
        ++first[v[0]];
    }
    for (const int c : first) {
        EXPECT_GT(c, 850);
        EXPECT_LT(c, 1150);
    }
}

TEST(QuestionSeed, DependsOnTheQuestionAndTheAttempt) {
    EXPECT_EQ(question_seed(5, "q1"), question_seed(5, "q1"));
    EXPECT_NE(question_seed(5, "q1"), question_seed(5, "q2"));
    EXPECT_NE(question_seed(5, "q1"), question_seed(6, "q1"));
}

}  // namespace
}  // namespace waymark::assessment
