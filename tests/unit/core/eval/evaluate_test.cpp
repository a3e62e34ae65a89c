#include <gtest/gtest.h>

#include "decklist/eval/evaluate.hpp"

namespace decklist {
namespace {

Truth small_truth() {
    Truth t;
    t.image = "x.jpg";
    t.metadata = {"剑圣", "公开赛", "2025-09-13", 2, "Aipotu"};
    t.sections[static_cast<std::size_t>(Section::main_deck)] = {
        {"瑟提", "魁首", 1, "瑟提, 魁首", {}},
        {"瑟提", "魁首", 1, "瑟提, 魁首", {}},  // a second printing in its own tile
        {"大副", "", 3, "大副", {}},
    };
    return t;
}

DecklistCard card(const std::string& name, int quantity) {
    DecklistCard c;
    c.name_cn = name;
    c.quantity = quantity;
    return c;
}

TEST(Evaluate, SumsQuantitiesPerNameAcrossTiles) {
    Decklist d;
    d.metadata.deck_name = "剑圣";
    d.metadata.event = "公开赛";
    d.metadata.date = "2025-09-13";
    d.metadata.placement = 2;
    d.metadata.player = "Aipotu";
    d.cards(Section::main_deck) = {card("瑟提, 魁首", 2), card("大副", 3)};
    const ImageEvaluation e = evaluate(d, small_truth());
    EXPECT_EQ(e.entries.correct, 2);
    EXPECT_EQ(e.entries.predicted, 2);
    EXPECT_EQ(e.entries.expected, 2);
    for (bool ok : e.metadata_correct) EXPECT_TRUE(ok);
    EXPECT_TRUE(e.differences.empty());
}

TEST(Evaluate, WrongQuantityExtraEntryAndWrongFieldsAreCounted) {
    Decklist d;
    d.metadata.deck_name = "剑圣";
    d.metadata.placement = 3;
    d.cards(Section::main_deck) = {card("瑟提, 魁首", 1), card("大副", 3), card("蔑视", 1)};
    const ImageEvaluation e = evaluate(d, small_truth());
    EXPECT_EQ(e.entries.correct, 1);
    EXPECT_EQ(e.entries.predicted, 3);
    EXPECT_EQ(e.entries.expected, 2);
    EXPECT_DOUBLE_EQ(e.entries.precision(), 100.0 / 3);
    EXPECT_DOUBLE_EQ(e.entries.recall(), 50);
    EXPECT_EQ(e.metadata_correct, (std::array<bool, 5>{true, false, false, false, false}));
    EXPECT_EQ(e.differences.size(), 2u + 4u);
}

}  // namespace
}  // namespace decklist
