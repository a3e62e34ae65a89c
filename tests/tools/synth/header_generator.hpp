#pragma once
// Plausible header fields: deck names and player handles mix Chinese, Latin letters and
// digits the way real ones do ("版本t0", "Ai.Rico1997"), events follow the organiser's
// naming, dates fall in the game's first seasons.

#include <random>
#include <string>
#include <vector>

#include "synth/synthetic_deck.hpp"

namespace decklist::synth {

DeckHeader random_header(std::mt19937_64& rng, const std::string& legend_title,
                         std::vector<std::string> domains);

}  // namespace decklist::synth
