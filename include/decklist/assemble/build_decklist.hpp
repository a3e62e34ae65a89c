#pragma once
// What the eyes saw (ParsedDecklist) + the card database -> the Decklist every endpoint
// returns: matched cards, normalised metadata, stats and warnings. Timing and the exports
// (deck_code, text) are filled in by the caller.

#include <string>

#include "decklist/decklist.hpp"
#include "decklist/match/matcher.hpp"
#include "decklist/parse/parsed_decklist.hpp"

namespace decklist {

// Matches with a score below this are reported as warnings (a person should look).
inline constexpr double kLowConfidenceScore = 90;

// One tile -> one card: database fields when matched; otherwise name_cn is the OCR text and
// the database fields are null.
DecklistCard make_card(const ParsedTile& tile, const CardMatch& match);

// Sums, accuracy (matched / total * 100) and the mean match score over tiles.
DecklistStats compute_stats(const Decklist& decklist);

// Builds everything but timing_ms, deck_code and text. decklist_id is a fresh uuid4.
// Warnings: the parse's own, then deck-rule breaks, then every match scoring under
// kLowConfidenceScore.
Decklist build_decklist(const ParsedDecklist& parsed, const CardMatcher& matcher,
                        const std::string& filename);

}  // namespace decklist
