#pragma once
// A deck code read back into cards a person can recognise: decode, then join each card code
// with the card database. The body of GET /api/v1/deck-codes/{code} and of
// `decklist-cli decode-code`.

#include <string_view>

#include <nlohmann/json.hpp>

namespace decklist {

class CardDatabase;
class CardCodeIndex;

// {"code", "format", "version", "cards": [{"card_code", "quantity", "section": "main"|"side",
//  "known", "name_en", "name_cn", "type_en", "domain_en", "cost", "rarity_en", "card_number",
//  "image_url_en"}], "chosen_champion": entry|null, "totals": {"main", "side"}, "warnings"}.
// Cards missing from the database keep "known": false and null names, with a warning.
// Throws decklist::Error(validation) for an invalid code.
nlohmann::json describe_deck_code(std::string_view code, const CardCodeIndex& index);
// The same, indexing `cards` first (for one-off calls; a server keeps one CardCodeIndex).
nlohmann::json describe_deck_code(std::string_view code, const CardDatabase& cards);

}  // namespace decklist
