#include "decklist/export/deck_code_lookup.hpp"

#include "decklist/export/card_code_index.hpp"
#include "decklist/export/deck_code.hpp"

namespace decklist {
namespace {

using deck_code::CardCode;

nlohmann::json optional_text(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json describe_card(const CardCode& code, const CardRecord* row) {
    nlohmann::json entry = {{"card_code", deck_code::to_string(code)}, {"known", row != nullptr}};
    for (const char* key : {"name_en", "name_cn", "type_en", "domain_en", "cost", "rarity_en",
                            "card_number", "image_url_en"})
        entry[key] = nullptr;
    if (row) {
        entry["name_en"] = optional_text(row->name_en);
        entry["name_cn"] = optional_text(row->name_cn);
        entry["type_en"] = optional_text(row->type_en);
        entry["domain_en"] = optional_text(row->domain_en);
        if (row->cost) entry["cost"] = *row->cost;
        entry["rarity_en"] = optional_text(row->rarity_en);
        entry["card_number"] = optional_text(row->card_number);
        entry["image_url_en"] = optional_text(row->image_url_en);
    }
    return entry;
}

}  // namespace

nlohmann::json describe_deck_code(std::string_view code, const CardDatabase& cards) {
    return describe_deck_code(code, CardCodeIndex(cards));
}

nlohmann::json describe_deck_code(std::string_view code, const CardCodeIndex& index) {
    const auto deck = deck_code::decode(code);
    nlohmann::json list = nlohmann::json::array();
    nlohmann::json warnings = nlohmann::json::array();
    int main_total = 0, side_total = 0;

    const auto add_section = [&](const std::vector<deck_code::DeckEntry>& entries,
                                 const char* section, int& total) {
        for (const auto& entry : entries) {
            const CardRecord* row = index.find(entry.card);
            if (!row)
                warnings.push_back(deck_code::to_string(entry.card) +
                                   " is not in the card database");
            nlohmann::json item = describe_card(entry.card, row);
            item["quantity"] = entry.count;
            item["section"] = section;
            list.push_back(std::move(item));
            total += entry.count;
        }
    };
    add_section(deck.main, "main", main_total);
    add_section(deck.side, "side", side_total);

    nlohmann::json champion = nullptr;
    if (deck.chosen_champion) {
        const CardRecord* row = index.find(*deck.chosen_champion);
        champion = describe_card(*deck.chosen_champion, row);
        if (!row)
            warnings.push_back("chosen champion " + deck_code::to_string(*deck.chosen_champion) +
                               " is not in the card database");
    }
    return {{"code", std::string(code)},
            {"format", deck_code::kFormat},
            {"version", deck.version},
            {"cards", std::move(list)},
            {"chosen_champion", std::move(champion)},
            {"totals", {{"main", main_total}, {"side", side_total}}},
            {"warnings", std::move(warnings)}};
}

}  // namespace decklist
