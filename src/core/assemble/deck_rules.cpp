#include "decklist/assemble/deck_rules.hpp"

#include <algorithm>

namespace decklist {
namespace {

std::string cards_word(int n) {
    return n == 1 ? " card" : " cards";
}

}  // namespace

int cards_read(const Decklist& decklist, Section section) {
    int total = 0;
    for (const DecklistCard& card : decklist.cards(section)) total += card.quantity;
    for (const DecklistCard& tile : decklist.unmatched_tiles(section)) total += tile.quantity;
    return total;
}

int expected_cards(Section section, int read, const DeckRules& rules) {
    switch (section) {
        case Section::legend:
            return rules.legend;
        case Section::main_deck:
            return rules.main_deck;
        case Section::battlefields:
            return rules.battlefields;
        case Section::runes:
            return rules.runes;
        case Section::side_deck:
            return std::clamp(read, 0, rules.max_side_deck);
    }
    return 0;
}

std::vector<std::string> deck_rule_warnings(const Decklist& decklist, const DeckRules& rules) {
    std::vector<std::string> out;
    for (Section section : kAllSections) {
        const int n = cards_read(decklist, section);
        const int expected = expected_cards(section, n, rules);
        if (n == expected) continue;
        if (section == Section::side_deck) {
            out.push_back("side_deck has " + std::to_string(n) + " cards, at most " +
                          std::to_string(rules.max_side_deck) + " allowed");
        } else {
            out.push_back(std::string(section_key(section)) + " has " + std::to_string(n) +
                          cards_word(n) + ", expected " + std::to_string(expected));
        }
    }
    return out;
}

}  // namespace decklist
