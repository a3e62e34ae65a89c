// The deck-code decoder on arbitrary text. A code it accepts must survive a round trip: what
// encode() writes for the decoded deck decodes to the same cards.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <tuple>
#include <vector>

#include "decklist/error.hpp"
#include "decklist/export/deck_code.hpp"

namespace dc = decklist::deck_code;

namespace {
std::vector<dc::DeckEntry> sorted(std::vector<dc::DeckEntry> entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return std::tie(a.card, a.count) < std::tie(b.card, b.count);
    });
    return entries;
}
}  // namespace

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
    // encode() writes groups in the format's canonical order, which a hand-made code need
    // not follow: compare the cards, not their order.
    if (sorted(back.main) != sorted(deck.main) || sorted(back.side) != sorted(deck.side) ||
        back.chosen_champion != deck.chosen_champion)
        std::abort();
    return 0;
}
