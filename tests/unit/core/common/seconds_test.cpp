// Durations in messages read as the config writes them: seconds, with a fraction only when
// there is one.

#include <gtest/gtest.h>

#include "decklist/seconds.hpp"

namespace decklist {
namespace {

using namespace std::chrono_literals;

TEST(Seconds, ToSecondsKeepsTheFraction) {
    EXPECT_EQ(to_seconds(1500ms), 1.5);
    EXPECT_EQ(to_seconds(60s), 60.0);
    EXPECT_EQ(to_seconds(0ms), 0.0);
}

TEST(Seconds, TextIsWholeWhenTheSecondsAreWhole) {
    EXPECT_EQ(seconds_text(30s), "30 s");
    EXPECT_EQ(seconds_text(2500ms), "2.5 s");
    EXPECT_EQ(seconds_text(1ms), "0.001 s");
    EXPECT_EQ(seconds_text(15min), "900 s");
}

}  // namespace
}  // namespace decklist
