#pragma once
// Fills a decklist's exports: deck_code (null when it cannot be encoded) and text.

#include "decklist/decklist.hpp"

namespace decklist {

// Sets decklist.deck_code and decklist.text from the matched sections and appends one
// warning per reason the deck code is missing. Call after matching, before serialising.
void attach_exports(Decklist& decklist);

}  // namespace decklist
