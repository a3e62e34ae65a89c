#pragma once
// From a matched decklist to the deck code's deck: legend + main deck + battlefields + runes
// make the code's main deck, the side deck its sideboard.

#include <optional>
#include <string>
#include <vector>

#include "decklist/decklist.hpp"
#include "decklist/export/deck_code.hpp"

namespace decklist {

struct DeckCodeResult {
    std::optional<deck_code::Deck> deck;  // nullopt when the decklist cannot be encoded
    std::optional<std::string> code;
    std::vector<std::string> problems;  // why there is no code, one sentence each
};

// Cards with the same code in one side of the deck are added together (the app may show
// two tiles of one name). The chosen champion is the first main-deck tile when it is a
// Champion Unit: the app draws the chosen champion first. No code when any tile is unmatched,
// a card number is not a card code, a set is unknown to the format, a count does not fit
// (main 12, side 3) or the decklist has no cards.
DeckCodeResult make_deck_code(const Decklist& decklist);

}  // namespace decklist
