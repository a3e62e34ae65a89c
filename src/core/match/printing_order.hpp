#pragma once
// Which printing of a name to report: a total order so that the choice never depends on
// the order of rows in cards.csv.

#include <cctype>
#include <string>
#include <string_view>
#include <tuple>

#include "decklist/match/card_db.hpp"

namespace decklist {

// card_number looks like "OGN·042a/298", "OGN·299*/298" or "ARC-001/006": the collector
// number is the digit run just before the suffix that ends at '/'.
struct CollectorNumber {
    int number = 0;
    bool variant = false;  // a letter or '*' (signed) after the digits
};

inline CollectorNumber parse_collector_number(std::string_view card_number) {
    const auto slash = card_number.find('/');
    std::string_view head = card_number.substr(0, slash);
    CollectorNumber result;
    std::size_t end = head.size();
    while (end > 0 && !std::isdigit(static_cast<unsigned char>(head[end - 1]))) --end;
    result.variant = end < head.size();
    std::size_t start = end;
    while (start > 0 && std::isdigit(static_cast<unsigned char>(head[start - 1]))) --start;
    for (std::size_t i = start; i < end; ++i) result.number = result.number * 10 + (head[i] - '0');
    if (start == end) result.number = 1 << 30;  // no number at all: sorts last
    return result;
}

inline auto printing_order_key(const CardRecord& card) {
    const CollectorNumber n = parse_collector_number(card.card_number);
    return std::make_tuple(card.temporary, n.variant, n.number, card.card_number);
}

}  // namespace decklist
