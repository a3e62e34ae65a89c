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

// Per-section expected, found and unmatched counts, their sums, accuracy and the mean match
// score over tiles. Accuracy counts the matched cards the deck rules account for over the
// cards expected or read, whichever is more: 4 of 40 main-deck cards cannot score 100.
DecklistStats compute_stats(const Decklist& decklist);

// Builds everything but timing_ms, deck_code and text. decklist_id is a fresh uuid4. Tiles
// that matched no card go to `unmatched`, never among the section's cards.
// Warnings: the parse's own, then deck-rule breaks, then unmatched tiles and matches scoring
// under kLowConfidenceScore. Each of those, a cut-off image and a section seen twice is
// also a review reason; needs_review is true when there is any.
Decklist build_decklist(const ParsedDecklist& parsed, const CardMatcher& matcher,
                        const std::string& filename);

}  // namespace decklist
