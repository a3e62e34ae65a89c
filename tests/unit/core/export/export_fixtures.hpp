#pragma once
// Decklists built from the real card database through the real make_card, as the engine
// builds them after matching.

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "decklist/assemble/build_decklist.hpp"
#include "decklist/decklist.hpp"
#include "decklist/match/card_db.hpp"

namespace export_test {

inline const decklist::CardDatabase& cards() {
    static const auto db =
        decklist::CardDatabase::load_csv(std::string(DECKLIST_SHARED_DIR) + "/riftbound/cards.csv");
    return db;
}

inline const decklist::CardRecord& row(std::string_view card_number) {
    for (const auto& r : cards().rows())
        if (r.card_number == card_number) return r;
    ADD_FAILURE() << "no card " << card_number;
    return cards().rows().front();
}

inline decklist::DecklistCard matched(std::string_view card_number, int quantity) {
    const auto& r = row(card_number);
    decklist::ParsedTile tile{r.title, r.subtitle, quantity, 90.0f};
    return decklist::make_card(tile, {&r, 100, decklist::MatchType::exact});
}

inline decklist::DecklistCard unmatched(std::string title, int quantity) {
    decklist::ParsedTile tile{std::move(title), "", quantity, 40.0f};
    return decklist::make_card(tile, {});
}

// The first shared screenshot's deck (legend, champion first, battlefields, runes, side).
inline decklist::Decklist sample_decklist() {
    using decklist::Section;
    decklist::Decklist d;
    d.cards(Section::legend) = {matched("OGS·019/024", 1)};
    d.cards(Section::main_deck) = {matched("OGS·009/024", 1), matched("OGN·044/298", 3),
                                   matched("OGN·052/298", 3), matched("OGN·082/298", 2)};
    d.cards(Section::battlefields) = {matched("OGN·281/298", 1), matched("OGN·284/298", 1),
                                      matched("OGN·287/298", 1)};
    d.cards(Section::runes) = {matched("OGN·042/298", 6), matched("OGN·126/298", 6)};
    d.cards(Section::side_deck) = {matched("OGN·145/298", 1), matched("OGN·156/298", 2)};
    return d;
}

}  // namespace export_test
