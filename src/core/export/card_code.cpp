#include "decklist/export/card_code.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace decklist::deck_code {
namespace {

// SET_MAP of the reference implementation, index = id.
constexpr std::array<std::string_view, 4> kSets = {"OGN", "OGS", "ARC", "SFD"};
constexpr std::string_view kMiddleDot = "\xC2\xB7";  // U+00B7, as cards.csv writes OGN·042

bool is_set_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::optional<Variant> variant_from_suffix(std::string_view suffix) {
    if (suffix.empty()) return Variant::base;
    if (suffix.size() != 1) return std::nullopt;
    switch (suffix[0]) {
        case 'a':
            return Variant::alt_a;
        case 'b':
            return Variant::alt_b;
        case 's':
        case '*':
            return Variant::signed_art;
        default:
            return std::nullopt;
    }
}

// "042a" -> number 42, variant a. The digits come first, then at most one suffix character.
std::optional<CardCode> parse_number_part(std::string_view set, std::string_view rest) {
    if (set.empty() || !std::all_of(set.begin(), set.end(), is_set_char)) return std::nullopt;
    const auto digits_end =
        std::find_if(rest.begin(), rest.end(), [](char c) { return c < '0' || c > '9'; });
    const auto digit_count = static_cast<std::size_t>(digits_end - rest.begin());
    if (digit_count == 0 || digit_count > 9) return std::nullopt;
    CardCode code;
    code.set = std::string(set);
    std::from_chars(rest.data(), rest.data() + digit_count, code.number);
    const auto variant = variant_from_suffix(rest.substr(digit_count));
    if (!variant) return std::nullopt;
    code.variant = *variant;
    return code;
}

}  // namespace

std::string to_string(const CardCode& code, char signed_suffix) {
    std::string number = std::to_string(code.number);
    if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
    std::string text = code.set + "-" + number;
    switch (code.variant) {
        case Variant::base:
            break;
        case Variant::alt_a:
            text += 'a';
            break;
        case Variant::alt_b:
            text += 'b';
            break;
        case Variant::signed_art:
            text += signed_suffix;
            break;
    }
    return text;
}

std::optional<CardCode> parse_card_code(std::string_view text) {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    return parse_number_part(text.substr(0, dash), text.substr(dash + 1));
}

std::optional<CardCode> card_code_from_number(std::string_view card_number) {
    if (const auto slash = card_number.find('/'); slash != std::string_view::npos)
        card_number = card_number.substr(0, slash);
    std::size_t set_end = 0;
    while (set_end < card_number.size() && is_set_char(card_number[set_end])) ++set_end;
    const std::string_view set = card_number.substr(0, set_end);
    std::string_view rest = card_number.substr(set_end);
    if (rest.starts_with(kMiddleDot)) {
        rest.remove_prefix(kMiddleDot.size());
    } else if (rest.starts_with('-')) {
        rest.remove_prefix(1);
    } else {
        return std::nullopt;
    }
    return parse_number_part(set, rest);
}

std::optional<std::uint8_t> set_id(std::string_view set) {
    const auto it = std::find(kSets.begin(), kSets.end(), set);
    if (it == kSets.end()) return std::nullopt;
    return static_cast<std::uint8_t>(it - kSets.begin());
}

std::optional<std::string_view> set_from_id(std::uint8_t id) {
    if (id >= kSets.size()) return std::nullopt;
    return kSets[id];
}

const std::vector<std::string_view>& known_sets() {
    static const std::vector<std::string_view> sets(kSets.begin(), kSets.end());
    return sets;
}

}  // namespace decklist::deck_code
