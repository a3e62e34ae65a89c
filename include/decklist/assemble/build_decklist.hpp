#pragma once
// What the eyes saw (ParsedDecklist) + the card database -> the Decklist every endpoint
// returns: matched cards, normalised metadata, stats and warnings. Timing and the exports
// (deck_code, text) are filled in by the caller.

#include <string>
#include <string_view>

#include "decklist/decklist.hpp"
#include "decklist/match/matcher.hpp"
#include "decklist/parse/parsed_decklist.hpp"

namespace decklist {

// Matches with a score below this are reported as warnings (a person should look).
inline constexpr double kLowConfidenceScore = 90;

// How the warning about a printed date that is no YYYY-MM-DD date begins.
inline constexpr std::string_view kDateNotUnderstood = "date not understood: ";

// The database fields of one printing; what was read (ocr_text, quantity, score, match type,
// bbox) is left to the caller.
DecklistCard card_from_record(const CardRecord& record);

// One tile -> one card: database fields when matched; otherwise name_cn is the OCR text and
// the database fields are null. The tile's bbox comes along.
DecklistCard make_card(const ParsedTile& tile, const CardMatch& match);

// Per-section expected, found and unmatched counts, their sums, accuracy and the mean match
// score over tiles. Accuracy counts the matched cards the deck rules account for over the
// cards expected or read, whichever is more: 4 of 40 main-deck cards cannot score 100.
DecklistStats compute_stats(const Decklist& decklist);

// What follows from a decklist's cards, recomputed from them alone: legend_name_en, stats,
// then the warnings and review reasons of deck-rule breaks, unmatched tiles and matches
// scoring under kLowConfidenceScore (appended), and needs_review from every review reason.
// build_decklist and correct_decklist share it, so a corrected decklist is judged as a read
// one.
void assess_decklist(Decklist& decklist);

// Builds everything but timing_ms, deck_code and text. decklist_id is a fresh uuid4. Tiles
// that matched no card go to `unmatched`, never among the section's cards.
// Warnings: the parse's own, then deck-rule breaks, then unmatched tiles and matches scoring
// under kLowConfidenceScore. Each of those, a cut-off image and a section seen twice is
// also a review reason; needs_review is true when there is any.
Decklist build_decklist(const ParsedDecklist& parsed, const CardMatcher& matcher,
                        const std::string& filename);

}  // namespace decklist
