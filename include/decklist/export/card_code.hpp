#pragma once
// Riftbound card codes as the deck code format spells them: SET-NNN[variant], e.g. OGN-042a.
// The format (npm @piltoverarchive/riftbound-deck-codes 1.1.0) numbers sets and variants;
// a card it cannot number cannot go into a deck code.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decklist::deck_code {

// Numeric ids are the format's own (VARIANT_MAP); signed cards are spelled '*' or 's'.
enum class Variant : std::uint8_t { base = 0, alt_a = 1, signed_art = 2, alt_b = 3 };

struct CardCode {
    std::string set;  // three letters, e.g. "OGN"
    int number = 0;   // collector number, printed with at least three digits
    Variant variant = Variant::base;

    auto operator<=>(const CardCode&) const = default;
};

// "OGN-042a"; signed cards end in signed_suffix ('*' like cards.csv, or 's' like the
// package's default decoding).
std::string to_string(const CardCode& code, char signed_suffix = '*');
// Reads "OGN-042", "OGN-042a", "OGN-042b", "OGN-299*" or "OGN-299s"; nullopt otherwise.
// The set is not checked against the format (see set_id).
std::optional<CardCode> parse_card_code(std::string_view text);
// Reads a cards.csv card_number: "OGN·042a/298", "OGS·004/024", "ARC-001/006" (the
// separator is a middle dot or a hyphen; the "/total" part is ignored).
std::optional<CardCode> card_code_from_number(std::string_view card_number);

// The format's set id (OGN 0, OGS 1, ARC 2, SFD 3); nullopt for a set it does not know.
std::optional<std::uint8_t> set_id(std::string_view set);
std::optional<std::string_view> set_from_id(std::uint8_t id);
// Every set the format knows, in id order (for messages).
const std::vector<std::string_view>& known_sets();

}  // namespace decklist::deck_code
