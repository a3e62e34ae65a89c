#pragma once
// The plain-text decklist deck builders paste: "3 Card Name" lines under section headings.

#include <string>

#include "decklist/decklist.hpp"

namespace decklist {

// Heading used in the text export: Legend, Main Deck, Battlefields, Runes, Side Deck.
std::string_view section_title_en(Section section) noexcept;

// One block per non-empty section, blocks separated by a blank line:
//   Main Deck
//   3 Poro Pal (强强魄罗)
// English name, then the Chinese name in brackets; tiles of the same card in one section are
// added together (first position kept). An unmatched tile keeps its OCR text:
//   2 [unmatched] 某某, 副标题
std::string render_text(const Decklist& decklist);

}  // namespace decklist
