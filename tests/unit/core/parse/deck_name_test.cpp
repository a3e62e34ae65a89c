// A deck name that is its legend's title but for one character gets the title as a second
// hypothesis; names that already hold it, or differ more, get none.

#include <gtest/gtest.h>

#include "decklist/parse/deck_name.hpp"

namespace decklist::parse {
namespace {

TEST(DeckName, OneCharacterOffTheTitleGivesTheTitledHypothesis) {
    EXPECT_EQ(with_title_in_place("言僧", "盲僧"), "盲僧");
    EXPECT_EQ(with_title_in_place("言僧控制", "盲僧"), "盲僧控制");
    EXPECT_EQ(with_title_in_place("新版电光女神", "曙光女神"), "新版曙光女神");
}

TEST(DeckName, NoHypothesisWhenTheTitleIsThereOrTooFarOrTooShort) {
    EXPECT_EQ(with_title_in_place("盲僧控制", "盲僧"), std::nullopt);
    EXPECT_EQ(with_title_in_place("剑圣", "无极剑圣"), std::nullopt);  // shorter than the title
    EXPECT_EQ(with_title_in_place("言言", "盲僧"), std::nullopt);      // two characters off
    EXPECT_EQ(with_title_in_place("bo3", "盲"), std::nullopt);         // a one-character title
    EXPECT_EQ(with_title_in_place("版本t0", ""), std::nullopt);
}

}  // namespace
}  // namespace decklist::parse
