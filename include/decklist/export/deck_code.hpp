#pragma once
// Riftbound deck codes: encoder and decoder for format 1, version 3 of the format published
// as npm @piltoverarchive/riftbound-deck-codes 1.1.0 (the reference implementation).
//
// Layout: one byte (format << 4 | version), then the main deck as count groups 12..1, the
// sideboard as count groups 3..1 (version 2+), then a chosen-champion flag byte and, when it
// is 1, that card (version 3+). Each count group is: varint number of set/variant lists, then
// per list: varint card count, set byte, variant byte, varint collector numbers. The bytes
// are base32 (RFC 4648 alphabet, no padding). docs/EXPORTS.md has the details and examples.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decklist/export/card_code.hpp"

namespace decklist::deck_code {

inline constexpr int kFormat = 1;
inline constexpr int kVersion = 3;  // what encode() writes; decode() reads 1 to 3
inline constexpr int kMaxMainCount = 12;
inline constexpr int kMaxSideCount = 3;  // the format stores sideboard counts 3..1 only
inline constexpr std::size_t kMaxCodeLength = 4096;

struct DeckEntry {
    CardCode card;
    int count = 1;

    bool operator==(const DeckEntry&) const = default;
};

struct Deck {
    std::vector<DeckEntry> main;  // in the code's order after decode()
    std::vector<DeckEntry> side;
    std::optional<CardCode> chosen_champion;  // a label naming a main-deck card (version 3)
};

struct DecodedDeck : Deck {
    int version = kVersion;
};

// Writes a version 3 code, byte for byte what the reference implementation writes for the
// same cards. Throws decklist::Error(validation) when the format cannot hold the deck: a set
// it does not know, a count outside 1-12 (main) or 1-3 (side), or a card listed twice in
// one section.
std::string encode(const Deck& deck);

// Reads a code of version 1, 2 or 3 (letters in either case). Throws decklist::Error
// (validation) naming the problem for anything else: a character outside the base32
// alphabet, another format, a truncated code, an unknown set or variant, trailing bytes.
DecodedDeck decode(std::string_view code);

}  // namespace decklist::deck_code
