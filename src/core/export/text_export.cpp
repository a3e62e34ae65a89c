#include "decklist/export/text_export.hpp"

#include <algorithm>
#include <vector>

namespace decklist {
namespace {

struct Line {
    std::string name;  // what follows the quantity
    int quantity = 0;
};

std::string line_name(const DecklistCard& card) {
    if (card.match_type == MatchType::none)
        return "[unmatched] " + (card.ocr_text.empty() ? card.name_cn : card.ocr_text);
    if (!card.name_en || card.name_en->empty()) return card.name_cn;
    return *card.name_en + " (" + card.name_cn + ")";
}

// Tiles of one card (the app can show two printings of a name) become one line; the
// section's unmatched tiles follow its cards.
std::vector<Line> merged_lines(const std::vector<DecklistCard>& cards,
                               const std::vector<DecklistCard>& unmatched) {
    std::vector<Line> lines;
    std::vector<const DecklistCard*> tiles;
    for (const auto& card : cards) tiles.push_back(&card);
    for (const auto& tile : unmatched) tiles.push_back(&tile);
    for (const DecklistCard* card : tiles) {
        std::string name = line_name(*card);
        const auto it = std::find_if(lines.begin(), lines.end(),
                                     [&](const Line& line) { return line.name == name; });
        if (it == lines.end()) {
            lines.push_back({std::move(name), card->quantity});
        } else {
            it->quantity += card->quantity;
        }
    }
    return lines;
}

}  // namespace

std::string_view section_title_en(Section section) noexcept {
    switch (section) {
        case Section::legend:
            return "Legend";
        case Section::main_deck:
            return "Main Deck";
        case Section::battlefields:
            return "Battlefields";
        case Section::runes:
            return "Runes";
        case Section::side_deck:
            return "Side Deck";
    }
    return "";
}

std::string render_text(const Decklist& decklist) {
    std::string text;
    for (const Section section : kAllSections) {
        const auto& cards = decklist.cards(section);
        const auto& unmatched = decklist.unmatched_tiles(section);
        if (cards.empty() && unmatched.empty()) continue;
        if (!text.empty()) text += '\n';
        text += section_title_en(section);
        text += '\n';
        for (const auto& line : merged_lines(cards, unmatched))
            text += std::to_string(line.quantity) + " " + line.name + "\n";
    }
    return text;
}

}  // namespace decklist
