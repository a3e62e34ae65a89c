#pragma once
// The construction rules a tournament deck follows. A break usually means a tile was
// misread or cut off, so each one becomes a warning rather than an error.

#include <string>
#include <vector>

#include "decklist/decklist.hpp"

namespace decklist {

struct DeckRules {
    int legend = 1;
    int main_deck = 40;
    int battlefields = 3;
    int runes = 12;
    int max_side_deck = 8;
};

// One message per broken rule, e.g. "main_deck has 39 cards, expected 40".
std::vector<std::string> deck_rule_warnings(const Decklist& decklist, const DeckRules& rules = {});

}  // namespace decklist
