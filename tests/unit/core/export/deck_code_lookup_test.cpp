#include "decklist/export/deck_code_lookup.hpp"

#include <gtest/gtest.h>

#include "decklist/error.hpp"
#include "decklist/export/deck_code.hpp"
#include "export_fixtures.hpp"

namespace dc = decklist::deck_code;

namespace {

const nlohmann::json* find_card(const nlohmann::json& body, const std::string& code,
                                const std::string& section) {
    for (const auto& card : body["cards"])
        if (card["card_code"] == code && card["section"] == section) return &card;
    return nullptr;
}

}  // namespace

TEST(DeckCodeLookup, JoinsEveryCardWithTheDatabase) {
    dc::Deck deck;
    deck.main = {{*dc::parse_card_code("OGN-052"), 3},
                 {*dc::parse_card_code("OGN-299*"), 1},
                 {*dc::parse_card_code("OGN-042a"), 6}};
    deck.side = {{*dc::parse_card_code("OGN-156"), 2}};
    deck.chosen_champion = dc::parse_card_code("OGN-052");
    const std::string code = dc::encode(deck);

    const auto body = decklist::describe_deck_code(code, export_test::cards());
    EXPECT_EQ(body["code"], code);
    EXPECT_EQ(body["version"], 3);
    EXPECT_EQ(body["totals"]["main"], 10);
    EXPECT_EQ(body["totals"]["side"], 2);
    EXPECT_TRUE(body["warnings"].empty());
    ASSERT_EQ(body["cards"].size(), 4u);

    const auto* poro = find_card(body, "OGN-052", "main");
    ASSERT_TRUE(poro);
    EXPECT_EQ((*poro)["quantity"], 3);
    EXPECT_EQ((*poro)["name_en"], "Stalwart Poro");
    EXPECT_EQ((*poro)["name_cn"], "强强魄罗");
    EXPECT_EQ((*poro)["type_en"], "Unit");
    EXPECT_EQ((*poro)["card_number"], "OGN·052/298");
    EXPECT_EQ((*poro)["known"], true);

    const auto* signed_legend = find_card(body, "OGN-299*", "main");
    ASSERT_TRUE(signed_legend);
    EXPECT_EQ((*signed_legend)["card_number"], "OGN·299*/298");
    const auto* rune = find_card(body, "OGN-042a", "main");
    ASSERT_TRUE(rune);
    EXPECT_EQ((*rune)["card_number"], "OGN·042a/298");
    const auto* sabotage = find_card(body, "OGN-156", "side");
    ASSERT_TRUE(sabotage);
    EXPECT_EQ((*sabotage)["name_en"], "Sabotage");
    EXPECT_EQ(body["chosen_champion"]["name_en"], "Stalwart Poro");
}

TEST(DeckCodeLookup, CardsMissingFromTheDatabaseAreListedWithAWarning) {
    dc::Deck deck;
    deck.main = {{*dc::parse_card_code("SFD-250"), 2}};
    const auto body = decklist::describe_deck_code(dc::encode(deck), export_test::cards());
    ASSERT_EQ(body["cards"].size(), 1u);
    EXPECT_EQ(body["cards"][0]["known"], false);
    EXPECT_EQ(body["cards"][0]["name_en"], nullptr);
    ASSERT_EQ(body["warnings"].size(), 1u);
    EXPECT_EQ(body["warnings"][0], "SFD-250 is not in the card database");
}

TEST(DeckCodeLookup, InvalidCodeIsAValidationError) {
    try {
        decklist::describe_deck_code("NOT-A-CODE", export_test::cards());
        FAIL() << "decoded";
    } catch (const decklist::Error& e) {
        EXPECT_EQ(e.type(), decklist::ErrorType::validation);
        EXPECT_EQ(e.to_json()["error_type"], "validation");
    }
}
