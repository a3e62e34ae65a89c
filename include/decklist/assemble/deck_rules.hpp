#pragma once
// The construction rules a tournament deck follows. A break usually means a tile was
// misread or cut off, so each one becomes a warning and a reason to review rather than an
// error.

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

// Cards read in a section: its matched cards and its unmatched tiles.
int cards_read(const Decklist& decklist, Section section);

// The cards a section should hold. The side deck may hold anything up to max_side_deck, so
// it expects what was read, up to that limit.
int expected_cards(Section section, int read, const DeckRules& rules = {});

// One message per broken rule, e.g. "main_deck has 39 cards, expected 40", counting every
// tile read (matched or not).
std::vector<std::string> deck_rule_warnings(const Decklist& decklist, const DeckRules& rules = {});

}  // namespace decklist
