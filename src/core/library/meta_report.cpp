#include "decklist/library/meta_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "decklist/section.hpp"

// What a meta site publishes for an event: each legend's share of the field and, per legend,
// each card's inclusion rate (the share of that legend's decks that play it) and its average
// copies in the decks that play it; "a 3-of in 80% of lists" is the unit of deckbuilding talk.

namespace decklist {
namespace {

// Rates are shares of a few dozen decks: three decimals is more than they carry.
double meta_round3(double value) {
    return std::round(value * 1000.0) / 1000.0;
}

std::string meta_text_at(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

struct MetaPrinting {
    std::string name_en, name_cn;
    int decks = 0;
};

// One card (by name) in one section, over the decks of one legend.
struct MetaCard {
    std::size_t section = 0;  // index in kAllSections
    std::string name;
    int decks = 0;
    long long copies = 0;                           // summed over the decks that play it
    std::map<std::string, MetaPrinting> printings;  // by card_number ("" when unknown)
};

struct MetaLegend {
    std::optional<std::string> name;
    int decks = 0;
    std::map<std::pair<std::size_t, std::string>, MetaCard> cards;
};

// Adds one deck's matched cards to its legend: a card counts once per deck and section, with
// its printings' quantities added (a deck may hold one card in two printings, or two tiles).
void meta_add_deck(MetaLegend& legend, const nlohmann::json& decklist) {
    ++legend.decks;
    struct DeckCard {
        long long copies = 0;
        std::map<std::string, std::pair<std::string, std::string>> printings;
    };
    std::map<std::pair<std::size_t, std::string>, DeckCard> deck;
    for (std::size_t s = 0; s < kAllSections.size(); ++s) {
        if (!decklist.is_object()) break;
        const auto section = decklist.find(section_key(kAllSections[s]));
        if (section == decklist.end() || !section->is_array()) continue;
        for (const nlohmann::json& card : *section) {
            if (!card.is_object()) continue;
            const auto quantity = card.find("quantity");
            if (quantity == card.end() || !quantity->is_number_integer() ||
                quantity->get<long long>() <= 0)
                continue;
            std::string name_en = meta_text_at(card, "name_en");
            std::string name_cn = meta_text_at(card, "name_cn");
            const std::string name = name_en.empty() ? name_cn : name_en;
            if (name.empty()) continue;
            DeckCard& entry = deck[{s, name}];
            entry.copies += quantity->get<long long>();
            entry.printings.emplace(meta_text_at(card, "card_number"),
                                    std::pair{std::move(name_en), std::move(name_cn)});
        }
    }
    for (auto& [key, entry] : deck) {
        MetaCard& card = legend.cards[key];
        card.section = key.first;
        card.name = key.second;
        ++card.decks;
        card.copies += entry.copies;
        for (auto& [number, names] : entry.printings) {
            MetaPrinting& printing = card.printings[number];
            printing.name_en = std::move(names.first);
            printing.name_cn = std::move(names.second);
            ++printing.decks;
        }
    }
}

nlohmann::json meta_or_null(const std::string& value) {
    return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

nlohmann::json meta_card_json(const MetaCard& card, int legend_decks) {
    // The printing most decks play stands for the card (the lowest number on a tie).
    const auto shown = std::max_element(
        card.printings.begin(), card.printings.end(),
        [](const auto& a, const auto& b) { return a.second.decks < b.second.decks; });
    return {{"card_number", meta_or_null(shown->first)},
            {"name_en", meta_or_null(shown->second.name_en)},
            {"name_cn", shown->second.name_cn},
            {"section", section_key(kAllSections[card.section])},
            {"decks", card.decks},
            {"inclusion_rate", meta_round3(static_cast<double>(card.decks) / legend_decks)},
            {"average_copies", meta_round3(static_cast<double>(card.copies) / card.decks)}};
}

// Most played first; equal rates compared exactly (not after rounding), then by name.
bool meta_card_before(const MetaCard* a, const MetaCard* b) {
    if (a->decks != b->decks) return a->decks > b->decks;
    const long long lhs = a->copies * b->decks, rhs = b->copies * a->decks;
    if (lhs != rhs) return lhs > rhs;
    return std::tie(a->name, a->section) < std::tie(b->name, b->section);
}

// Most decks first, then by name; decks without a legend last among equals.
bool meta_legend_before(const MetaLegend* a, const MetaLegend* b) {
    if (a->decks != b->decks) return a->decks > b->decks;
    if (a->name.has_value() != b->name.has_value()) return a->name.has_value();
    return a->name < b->name;
}

}  // namespace

nlohmann::json meta_report(std::string_view event, const std::vector<StoredDecklist>& decklists) {
    // The legend column is the store's (the legend's English name, else its Chinese one), the
    // same value GET /api/v1/decklists?legend= filters on.
    std::map<std::optional<std::string>, MetaLegend> legends;
    for (const StoredDecklist& stored : decklists) {
        std::optional<std::string> name;
        if (!stored.legend.empty()) name = stored.legend;
        MetaLegend& legend = legends[name];
        legend.name = name;
        meta_add_deck(legend, stored.decklist);
    }

    std::vector<const MetaLegend*> ordered;
    for (const auto& [name, legend] : legends) ordered.push_back(&legend);
    std::sort(ordered.begin(), ordered.end(), meta_legend_before);

    const int total = static_cast<int>(decklists.size());
    nlohmann::json out_legends = nlohmann::json::array();
    for (const MetaLegend* legend : ordered) {
        std::vector<const MetaCard*> cards;
        for (const auto& [key, card] : legend->cards) cards.push_back(&card);
        std::sort(cards.begin(), cards.end(), meta_card_before);
        nlohmann::json out_cards = nlohmann::json::array();
        for (const MetaCard* card : cards)
            out_cards.push_back(meta_card_json(*card, legend->decks));
        out_legends.push_back(
            {{"legend", legend->name ? nlohmann::json(*legend->name) : nlohmann::json(nullptr)},
             {"decks", legend->decks},
             {"share", meta_round3(static_cast<double>(legend->decks) / total)},
             {"cards", std::move(out_cards)}});
    }
    return {{"event", event}, {"decklists", total}, {"legends", std::move(out_legends)}};
}

}  // namespace decklist
