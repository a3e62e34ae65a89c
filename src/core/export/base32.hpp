#pragma once
// RFC 4648 base32 without padding, as the deck code format uses it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decklist::deck_code {

std::string base32_encode(const std::vector<std::uint8_t>& bytes);

// Letters in either case. nullopt names nothing on purpose: the caller reports the first
// bad character itself (see first_non_base32) or a non-canonical ending.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// Index of the first character outside the alphabet, or npos.
std::size_t first_non_base32(std::string_view text);

}  // namespace decklist::deck_code
