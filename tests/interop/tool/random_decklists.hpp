#pragma once
// Random decklists drawn from the card database, shaped like the app's: a legend, a main deck
// (sometimes led by a champion unit), three battlefields, twelve runes, a side deck. Some are
// made impossible to encode on purpose (an unmatched tile, a set the format does not know,
// counts over the format's limits), so the interop check covers the null code too.

#include <cstdint>
#include <vector>

#include "decklist/decklist.hpp"
#include "decklist/match/card_db.hpp"

namespace interop {

std::vector<decklist::Decklist> random_decklists(const decklist::CardDatabase& cards,
                                                 std::uint32_t seed, int count);

}  // namespace interop
