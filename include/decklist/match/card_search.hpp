#pragma once
// The editor's card search: what a person types into a search box -> the printings it names.

#include <cstddef>
#include <string_view>
#include <vector>

#include "decklist/match/card_db.hpp"

namespace decklist {

// Every printing whose name_cn, name_en or card_number contains `query` (ASCII letters
// compared without case, surrounding spaces ignored), at most `limit` of them: those where
// a field equals the query first, then those where a field starts with it, then the rest,
// each group in file order. An empty query finds nothing.
std::vector<const CardRecord*> search_cards(const CardDatabase& cards, std::string_view query,
                                            std::size_t limit);

}  // namespace decklist
