// The token bucket with a clock driven by the test: no sleeping.

#include <gtest/gtest.h>

#include "http/access/token_bucket.hpp"

namespace decklist::http {
namespace {

using namespace std::chrono_literals;
using Clock = TokenBucket::Clock;

TEST(TokenBucket, StartsFullAndEmptiesAfterCapacityTakes) {
    const auto t0 = Clock::now();
    TokenBucket bucket(3, 1.0, t0);
    EXPECT_TRUE(bucket.full(t0));
    EXPECT_TRUE(bucket.try_take(t0));
    EXPECT_TRUE(bucket.try_take(t0));
    EXPECT_TRUE(bucket.try_take(t0));
    EXPECT_FALSE(bucket.try_take(t0));
    EXPECT_FALSE(bucket.has_token(t0));
}

TEST(TokenBucket, RefillsContinuously) {
    const auto t0 = Clock::now();
    TokenBucket bucket(60, 1.0, t0);  // 60 per minute
    for (int i = 0; i < 60; ++i) ASSERT_TRUE(bucket.try_take(t0));
    EXPECT_FALSE(bucket.has_token(t0 + 500ms));  // half a token
    EXPECT_NEAR(bucket.seconds_until_token(t0 + 500ms), 0.5, 1e-9);
    EXPECT_TRUE(bucket.try_take(t0 + 1000ms));  // one whole token
    EXPECT_FALSE(bucket.try_take(t0 + 1000ms));
    EXPECT_TRUE(bucket.try_take(t0 + 2500ms));  // 1.5 tokens, one taken
    EXPECT_FALSE(bucket.try_take(t0 + 2500ms));
}

TEST(TokenBucket, NeverHoldsMoreThanCapacity) {
    const auto t0 = Clock::now();
    TokenBucket bucket(2, 10.0, t0);
    EXPECT_TRUE(bucket.try_take(t0));
    const auto later = t0 + 1h;
    EXPECT_TRUE(bucket.full(later));
    EXPECT_TRUE(bucket.try_take(later));
    EXPECT_TRUE(bucket.try_take(later));
    EXPECT_FALSE(bucket.try_take(later));
}

TEST(TokenBucket, AnOlderClockReadingAddsNothing) {
    const auto t0 = Clock::now();
    TokenBucket bucket(1, 1.0, t0 + 10s);
    EXPECT_TRUE(bucket.try_take(t0 + 10s));
    EXPECT_FALSE(bucket.try_take(t0));  // from a thread that read the clock earlier
    EXPECT_TRUE(bucket.try_take(t0 + 11s));
}

TEST(TokenBucket, SecondsUntilTokenIsZeroWhenOneIsThere) {
    const auto t0 = Clock::now();
    TokenBucket bucket(1, 0.1, t0);
    EXPECT_EQ(bucket.seconds_until_token(t0), 0.0);
    ASSERT_TRUE(bucket.try_take(t0));
    EXPECT_NEAR(bucket.seconds_until_token(t0), 10.0, 1e-9);
}

}  // namespace
}  // namespace decklist::http
