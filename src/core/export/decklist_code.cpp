#include "decklist/export/decklist_code.hpp"

#include <algorithm>

#include "decklist/error.hpp"

namespace decklist {
namespace {

using deck_code::CardCode;
using deck_code::DeckEntry;

constexpr std::string_view kChampionType = "Champion Unit";

bool is_side(Section section) {
    return section == Section::side_deck;
}

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

std::string known_sets_text() {
    std::string sets;
    for (const auto set : deck_code::known_sets())
        sets += (sets.empty() ? "" : ", ") + std::string(set);
    return sets;
}

// Adds a card to one side of the deck, summing repeated codes.
void add(std::vector<DeckEntry>& entries, const CardCode& card, int quantity) {
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [&](const DeckEntry& e) { return e.card == card; });
    if (it == entries.end()) {
        entries.push_back({card, quantity});
    } else {
        it->count += quantity;
    }
}

// Lists unmatched tiles in one sentence, so a long deck gives one warning, not twenty.
std::optional<std::string> unmatched_problem(const Decklist& decklist) {
    std::string list;
    int tiles = 0;
    for (const Section section : kAllSections) {
        for (const auto& card : decklist.unmatched_tiles(section)) {
            ++tiles;
            if (!list.empty()) list += ", ";
            list += std::string(section_key(section)) + " " +
                    quoted(card.ocr_text.empty() ? card.name_cn : card.ocr_text) + " x" +
                    std::to_string(card.quantity);
        }
    }
    if (tiles == 0) return std::nullopt;
    return std::to_string(tiles) + (tiles == 1 ? " tile is" : " tiles are") +
           " not matched to a card (" + list + ")";
}

// The card's code, or a sentence saying why the format cannot hold it.
std::optional<CardCode> code_of(const DecklistCard& card, std::vector<std::string>& problems) {
    const std::string name = card.name_en.value_or(card.name_cn);
    if (!card.card_number) {
        problems.push_back(name + " has no card number");
        return std::nullopt;
    }
    const auto code = deck_code::card_code_from_number(*card.card_number);
    if (!code) {
        problems.push_back("card number " + quoted(*card.card_number) + " of " + name +
                           " is not a card code the format can hold");
        return std::nullopt;
    }
    if (!deck_code::set_id(code->set)) {
        problems.push_back("set " + code->set + " of " + name + " (" + deck_code::to_string(*code) +
                           ") is not in the deck code format (known sets: " + known_sets_text() +
                           ")");
        return std::nullopt;
    }
    return code;
}

void check_counts(const std::vector<DeckEntry>& entries, int max_count, const char* where,
                  std::vector<std::string>& problems) {
    for (const auto& entry : entries)
        if (entry.count > max_count || entry.count < 1)
            problems.push_back(deck_code::to_string(entry.card) + " appears " +
                               std::to_string(entry.count) + " times in the " + where +
                               "; the format holds 1 to " + std::to_string(max_count));
}

}  // namespace

DeckCodeResult make_deck_code(const Decklist& decklist) {
    DeckCodeResult result;
    if (auto problem = unmatched_problem(decklist)) result.problems.push_back(std::move(*problem));

    deck_code::Deck deck;
    bool any_card = false;
    for (const Section section : kAllSections) {
        any_card |= !decklist.unmatched_tiles(section).empty();
        for (const auto& card : decklist.cards(section)) {
            any_card = true;
            const auto code = code_of(card, result.problems);
            if (!code) continue;
            add(is_side(section) ? deck.side : deck.main, *code, card.quantity);
        }
    }
    if (!any_card) result.problems.push_back("the decklist has no cards");
    check_counts(deck.main, deck_code::kMaxMainCount,
                 "main deck (legend, main deck, "
                 "battlefields and runes together)",
                 result.problems);
    check_counts(deck.side, deck_code::kMaxSideCount, "side deck", result.problems);

    const auto& main_tiles = decklist.cards(Section::main_deck);
    if (!main_tiles.empty() && main_tiles.front().type_en == kChampionType &&
        main_tiles.front().card_number)
        deck.chosen_champion = deck_code::card_code_from_number(*main_tiles.front().card_number);

    if (!result.problems.empty()) return result;
    try {
        result.code = deck_code::encode(deck);
        result.deck = std::move(deck);
    } catch (const Error& e) {
        result.problems.push_back(e.what());
    }
    return result;
}

}  // namespace decklist
