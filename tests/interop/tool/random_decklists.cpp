#include "random_decklists.hpp"

#include <random>
#include <string>

#include "decklist/assemble/build_decklist.hpp"
#include "decklist/export/card_code.hpp"

namespace interop {
namespace {

using decklist::CardRecord;
using decklist::Section;

struct Pools {
    std::vector<const CardRecord*> legends, champions, deck_cards, battlefields, runes, unknown_set;
};

Pools make_pools(const decklist::CardDatabase& cards) {
    Pools pools;
    for (const auto& row : cards.rows()) {
        const auto code = decklist::deck_code::card_code_from_number(row.card_number);
        if (code && !decklist::deck_code::set_id(code->set)) {
            pools.unknown_set.push_back(&row);
            continue;
        }
        if (row.type_en == "Legend") {
            pools.legends.push_back(&row);
        } else if (row.type_en == "Battlefield") {
            pools.battlefields.push_back(&row);
        } else if (row.type_en == "Basic Rune") {
            pools.runes.push_back(&row);
        } else if (row.type_en != "Token Unit") {
            pools.deck_cards.push_back(&row);
            if (row.type_en == "Champion Unit") pools.champions.push_back(&row);
        }
    }
    return pools;
}

class Drawer {
  public:
    Drawer(std::uint32_t seed) : rng_(seed) {}
    int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
    const CardRecord* pick(const std::vector<const CardRecord*>& pool) {
        return pool[static_cast<std::size_t>(between(0, static_cast<int>(pool.size()) - 1))];
    }

  private:
    std::mt19937 rng_;
};

// A tile the matcher matched exactly, built by the engine's own make_card.
decklist::DecklistCard tile(const CardRecord& row, int quantity) {
    decklist::ParsedTile parsed{row.title, row.subtitle, quantity, 90.0f};
    return decklist::make_card(parsed, {&row, 100, decklist::MatchType::exact});
}

decklist::Decklist one_decklist(const Pools& pools, Drawer& draw, int index) {
    decklist::Decklist d;
    d.filename = "random-" + std::to_string(index);
    d.cards(Section::legend).push_back(tile(*draw.pick(pools.legends), 1));
    auto& main = d.cards(Section::main_deck);
    if (draw.between(0, 1) == 1) main.push_back(tile(*draw.pick(pools.champions), 1));
    for (int i = draw.between(8, 18); i > 0; --i)
        main.push_back(tile(*draw.pick(pools.deck_cards), draw.between(1, 3)));
    for (int i = 0; i < 3; ++i)
        d.cards(Section::battlefields).push_back(tile(*draw.pick(pools.battlefields), 1));
    const int first_rune = draw.between(1, 11);
    d.cards(Section::runes).push_back(tile(*draw.pick(pools.runes), first_rune));
    d.cards(Section::runes).push_back(tile(*draw.pick(pools.runes), 12 - first_rune));
    for (int i = draw.between(0, 6); i > 0; --i)
        d.cards(Section::side_deck)
            .push_back(tile(*draw.pick(pools.deck_cards), draw.between(1, 3)));

    // Every few decks, something the format cannot hold.
    if (index % 9 == 8) {
        decklist::ParsedTile unreadable{"看不清的牌", "", draw.between(1, 3), 20.0f};
        d.unmatched_tiles(Section::main_deck).push_back(decklist::make_card(unreadable, {}));
    } else if (index % 11 == 10 && !pools.unknown_set.empty()) {
        main.push_back(tile(*draw.pick(pools.unknown_set), 1));
    } else if (index % 13 == 12) {
        auto extra = d.cards(Section::runes).front();  // the same rune, 13 in all
        extra.quantity = 13 - extra.quantity;
        d.cards(Section::runes).push_back(extra);
    }
    return d;
}

}  // namespace

std::vector<decklist::Decklist> random_decklists(const decklist::CardDatabase& cards,
                                                 std::uint32_t seed, int count) {
    const Pools pools = make_pools(cards);
    Drawer draw(seed);
    std::vector<decklist::Decklist> decklists;
    for (int i = 0; i < count; ++i) decklists.push_back(one_decklist(pools, draw, i));
    return decklists;
}

}  // namespace interop
