#include "synth/deck_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "shared_data.hpp"

namespace decklist::synth {
namespace {

const CardDatabase& database() {
    static const CardDatabase db = CardDatabase::load_csv(testing::shared_cards_csv());
    return db;
}

int total(const std::vector<Tile>& tiles) {
    int sum = 0;
    for (const Tile& t : tiles) sum += t.quantity;
    return sum;
}

const CardRecord& card(const Tile& tile) {
    const CardRecord* record = database().preferred_printing(tile.name_cn);
    EXPECT_NE(record, nullptr) << tile.name_cn;
    return *record;
}

TEST(DeckGenerator, EveryDeckFollowsTheDeckRules) {
    DeckGenerator generator(database(), 3);
    for (int i = 0; i < 60; ++i) {
        const SyntheticDeck deck = generator.next();
        SCOPED_TRACE("deck " + std::to_string(i));
        ASSERT_EQ(deck.at(Section::legend).size(), 1u);
        const Tile& legend = deck.at(Section::legend).front();
        EXPECT_EQ(legend.quantity, 1);
        EXPECT_EQ(card(legend).type_en, "Legend");

        EXPECT_EQ(total(deck.at(Section::main_deck)), 40);
        EXPECT_EQ(card(deck.at(Section::main_deck).front()).type_en, "Champion Unit");
        EXPECT_LE(total(deck.at(Section::side_deck)), 8);
        std::map<std::string, int> copies;
        for (Section s : {Section::main_deck, Section::side_deck}) {
            for (const Tile& t : deck.at(s)) {
                const std::string& type = card(t).type_en;
                EXPECT_TRUE(type != "Legend" && type != "Battlefield" && type != "Basic Rune" &&
                            type.rfind("Token", 0) != 0)
                    << t.name_cn << " is a " << type;
                EXPECT_GE(t.quantity, 1);
                copies[t.name_cn] += t.quantity;
            }
        }
        for (const auto& [name, n] : copies) EXPECT_LE(n, 3) << name;

        const auto& battlefields = deck.at(Section::battlefields);
        ASSERT_EQ(battlefields.size(), 3u);
        std::set<std::string> distinct;
        for (const Tile& t : battlefields) {
            EXPECT_EQ(card(t).type_en, "Battlefield");
            EXPECT_EQ(t.quantity, 1);
            distinct.insert(t.name_cn);
        }
        EXPECT_EQ(distinct.size(), 3u);

        const auto& runes = deck.at(Section::runes);
        ASSERT_EQ(runes.size(), 2u);
        EXPECT_NE(runes[0].name_cn, runes[1].name_cn);
        EXPECT_EQ(total(runes), 12);
        for (const Tile& t : runes) {
            EXPECT_EQ(card(t).type_en, "Basic Rune");
            // The runes are those of the legend's domains.
            EXPECT_NE(card(legend).domain_en.find(card(t).domain_en), std::string::npos)
                << t.name_cn << " in a " << card(legend).domain_en << " deck";
        }
    }
}

TEST(DeckGenerator, TilesSplitNamesAsTheAppPrintsThem) {
    DeckGenerator generator(database(), 5);
    const SyntheticDeck deck = generator.next();
    for (Section s : kAllSections)
        for (const Tile& t : deck.at(s))
            EXPECT_EQ(t.subtitle.empty() ? t.title : t.title + ", " + t.subtitle, t.name_cn);
}

TEST(DeckGenerator, AHundredDecksExerciseEveryLegalName) {
    DeckGenerator generator(database(), 11);
    for (int i = 0; i < 100; ++i) generator.next();
    const Coverage cov = generator.coverage();
    EXPECT_EQ(cov.total, database().names().size());
    EXPECT_EQ(cov.used, cov.eligible)
        << "first missing: " << (cov.missing.empty() ? "" : cov.missing.front());
    std::size_t tokens = 0;
    for (const std::string& name : database().names())
        if (database().preferred_printing(name)->type_en.rfind("Token", 0) == 0) ++tokens;
    EXPECT_EQ(cov.eligible, cov.total - tokens);
}

TEST(DeckGenerator, WithTokensEveryNameIsExercised) {
    DeckGenerator generator(database(), 11, {.tokens_in_side_deck = true});
    for (int i = 0; i < 100; ++i) generator.next();
    const Coverage cov = generator.coverage();
    EXPECT_EQ(cov.eligible, cov.total);
    EXPECT_EQ(cov.used, cov.total);
}

TEST(DeckGenerator, TheSeedDecidesTheDecks) {
    DeckGenerator a(database(), 42), b(database(), 42), c(database(), 43);
    bool another_seed_differs = false;
    for (int i = 0; i < 5; ++i) {
        const SyntheticDeck da = a.next(), db = b.next(), dc = c.next();
        EXPECT_EQ(da.header.deck_name, db.header.deck_name);
        ASSERT_EQ(da.at(Section::main_deck).size(), db.at(Section::main_deck).size());
        for (std::size_t t = 0; t < da.at(Section::main_deck).size(); ++t)
            EXPECT_EQ(da.at(Section::main_deck)[t].name_cn, db.at(Section::main_deck)[t].name_cn);
        another_seed_differs |=
            da.at(Section::main_deck).front().name_cn != dc.at(Section::main_deck).front().name_cn;
    }
    EXPECT_TRUE(another_seed_differs);
}

}  // namespace
}  // namespace decklist::synth
