#include <cmath>

#include "decklist/decklist.hpp"

namespace decklist {
namespace {

// Optional values become JSON null, so every key is always present.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// Scores and times are measurements, not exact values: one decimal is all they carry.
double one_decimal(double value) {
    return std::round(value * 10.0) / 10.0;
}

nlohmann::json to_json(const DecklistMetadata& m) {
    return {{"deck_name", or_null(m.deck_name)}, {"event", or_null(m.event)},
            {"date", or_null(m.date)},           {"placement", or_null(m.placement)},
            {"player", or_null(m.player)},       {"legend_name_en", or_null(m.legend_name_en)}};
}

nlohmann::json to_json(const DecklistStats& s) {
    return {{"total_cards", s.total_cards},
            {"matched_cards", s.matched_cards},
            {"accuracy", one_decimal(s.accuracy)},
            {"mean_match_score", one_decimal(s.mean_match_score)}};
}

nlohmann::json to_json(const StageTiming& t) {
    return {{"decode", one_decimal(t.decode)},
            {"layout", one_decimal(t.layout)},
            {"ocr", one_decimal(t.ocr)},
            {"match", one_decimal(t.match)},
            {"total", one_decimal(t.total)}};
}

}  // namespace

std::string_view to_string(MatchType type) noexcept {
    switch (type) {
        case MatchType::exact:
            return "exact";
        case MatchType::fuzzy:
            return "fuzzy";
        case MatchType::none:
            return "none";
    }
    return "none";
}

nlohmann::json to_json(const DecklistCard& card) {
    return {{"name_cn", card.name_cn},
            {"ocr_text", card.ocr_text},
            {"quantity", card.quantity},
            {"name_en", or_null(card.name_en)},
            {"card_number", or_null(card.card_number)},
            {"type_en", or_null(card.type_en)},
            {"domain_en", or_null(card.domain_en)},
            {"cost", or_null(card.cost)},
            {"rarity_en", or_null(card.rarity_en)},
            {"image_url_en", or_null(card.image_url_en)},
            {"match_score", one_decimal(card.match_score)},
            {"match_type", to_string(card.match_type)}};
}

nlohmann::json to_json(const Decklist& decklist) {
    nlohmann::json out = {{"decklist_id", decklist.decklist_id},
                          {"filename", decklist.filename},
                          {"metadata", to_json(decklist.metadata)},
                          {"stats", to_json(decklist.stats)},
                          {"warnings", decklist.warnings},
                          {"timing_ms", to_json(decklist.timing_ms)},
                          {"deck_code", or_null(decklist.deck_code)},
                          {"text", decklist.text}};
    // The five sections sit at the top level ("legend", "main_deck", ...), as clients of the
    // Python service expect.
    for (Section s : kAllSections) {
        nlohmann::json cards = nlohmann::json::array();
        for (const DecklistCard& card : decklist.cards(s)) cards.push_back(to_json(card));
        out[std::string(section_key(s))] = std::move(cards);
    }
    return out;
}

}  // namespace decklist
