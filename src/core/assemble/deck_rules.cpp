#include "decklist/assemble/deck_rules.hpp"

namespace decklist {
namespace {

int count(const Decklist& decklist, Section section) {
    int total = 0;
    for (const DecklistCard& card : decklist.cards(section)) total += card.quantity;
    return total;
}

std::string cards_word(int n) {
    return n == 1 ? " card" : " cards";
}

void expect_exactly(const Decklist& decklist, Section section, int expected,
                    std::vector<std::string>& out) {
    const int n = count(decklist, section);
    if (n != expected)
        out.push_back(std::string(section_key(section)) + " has " + std::to_string(n) +
                      cards_word(n) + ", expected " + std::to_string(expected));
}

}  // namespace

std::vector<std::string> deck_rule_warnings(const Decklist& decklist, const DeckRules& rules) {
    std::vector<std::string> out;
    expect_exactly(decklist, Section::legend, rules.legend, out);
    expect_exactly(decklist, Section::main_deck, rules.main_deck, out);
    expect_exactly(decklist, Section::battlefields, rules.battlefields, out);
    expect_exactly(decklist, Section::runes, rules.runes, out);
    const int side = count(decklist, Section::side_deck);
    if (side > rules.max_side_deck)
        out.push_back("side_deck has " + std::to_string(side) + " cards, at most " +
                      std::to_string(rules.max_side_deck) + " allowed");
    return out;
}

}  // namespace decklist
