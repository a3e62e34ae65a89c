#include "decklist/export/card_code_index.hpp"

namespace decklist {

CardCodeIndex::CardCodeIndex(const CardDatabase& cards) {
    for (const auto& row : cards.rows()) {
        const auto code = deck_code::card_code_from_number(row.card_number);
        if (!code) continue;
        auto [it, inserted] = by_code_.emplace(*code, &row);
        if (!inserted && it->second->temporary && !row.temporary) it->second = &row;
    }
}

const CardRecord* CardCodeIndex::find(const deck_code::CardCode& code) const {
    const auto it = by_code_.find(code);
    return it == by_code_.end() ? nullptr : it->second;
}

}  // namespace decklist
