// The deck-code decoder on arbitrary text. A code it accepts must survive a round trip: what
// encode() writes for the decoded deck decodes to the same cards.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "decklist/error.hpp"
#include "decklist/export/deck_code.hpp"

namespace dc = decklist::deck_code;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view code(reinterpret_cast<const char*>(data), size);
    dc::DecodedDeck deck;
    try {
        deck = dc::decode(code);
    } catch (const decklist::Error&) {
        return 0;
    }
    std::string again;
    try {
        again = dc::encode(deck);
    } catch (const decklist::Error&) {
        return 0;  // decode reads old versions and lists encode() refuses (e.g. repeats)
    }
    const auto back = dc::decode(again);
    if (back.main != deck.main || back.side != deck.side ||
        back.chosen_champion != deck.chosen_champion)
        std::abort();
    return 0;
}
