#pragma once
// Card code -> card database row, for reading deck codes back into named cards.

#include <map>

#include "decklist/export/card_code.hpp"
#include "decklist/match/card_db.hpp"

namespace decklist {

class CardCodeIndex {
  public:
    // `cards` must outlive the index. Rows whose card_number is not a card code are left
    // out; of two rows with one card number the settled pairing wins over a temporary one.
    explicit CardCodeIndex(const CardDatabase& cards);

    // nullptr when no row has that code.
    const CardRecord* find(const deck_code::CardCode& code) const;

  private:
    std::map<deck_code::CardCode, const CardRecord*> by_code_;
};

}  // namespace decklist
