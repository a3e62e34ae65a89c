#pragma once
// The metagame of one event (GET /api/v1/meta?event=): how many decks played each legend
// and, per legend, how often each card was played and in how many copies.
// docs/EXPORTS.md describes it, docs/schemas/meta_report.json is its contract.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/library/decklist_store.hpp"

namespace decklist {

// {"event", "decklists": N, "legends": [{"legend", "decks", "share", "cards": [...]}]}.
// Only matched cards count: unmatched tiles name no card.
nlohmann::json meta_report(std::string_view event, const std::vector<StoredDecklist>& decklists);

}  // namespace decklist
