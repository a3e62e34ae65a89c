#include <gtest/gtest.h>

#include "decklist/match/utf8.hpp"

namespace decklist {
namespace {

TEST(Utf8, RoundTripsMixedText) {
    const std::string text = "易, 锋芒毕现 “敲”诈 x3 😀";
    const std::u32string decoded = utf8::decode(text);
    EXPECT_EQ(decoded, U"易, 锋芒毕现 “敲”诈 x3 😀");
    EXPECT_EQ(utf8::encode(decoded), text);
}

TEST(Utf8, MalformedBytesBecomeReplacementCharacters) {
    EXPECT_EQ(utf8::decode("a\xFF"
                           "b"),
              U"a\uFFFDb");
    EXPECT_EQ(utf8::decode("\xE6\x98"), U"\uFFFD\uFFFD");            // truncated
    EXPECT_EQ(utf8::decode("\xC0\xAF"), U"\uFFFD\uFFFD");            // overlong '/'
    EXPECT_EQ(utf8::decode("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");  // surrogate
}

}  // namespace
}  // namespace decklist
