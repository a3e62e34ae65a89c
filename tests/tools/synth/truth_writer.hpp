#pragma once
// Ground truth in the format of ../shared/riftbound/truth/*.json, so that the same eval
// scores real and synthetic screenshots.

#include <nlohmann/json.hpp>
#include <string>

#include "decklist/match/card_db.hpp"
#include "synth/synthetic_deck.hpp"

namespace decklist::synth {

nlohmann::ordered_json truth_json(const SyntheticDeck& deck, const CardDatabase& db,
                                  const std::string& image_name, const std::string& note);

}  // namespace decklist::synth
