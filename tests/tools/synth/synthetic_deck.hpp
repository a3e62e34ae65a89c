#pragma once
// What one synthetic screenshot shows: the header fields and the tiles of each panel, in
// the order the app draws them. The renderer draws it and the truth writer records it, so
// the picture and its ground truth cannot disagree.

#include <array>
#include <string>
#include <vector>

#include "decklist/section.hpp"

namespace decklist::synth {

struct Tile {
    std::string name_cn;  // the cards.csv name_cn this tile shows
    std::string title;
    std::string subtitle;  // empty when the card has none
    int quantity = 1;      // the app prints no badge for 1
    std::string type_en;   // picks the icon
};

struct DeckHeader {
    std::string deck_name;
    std::string event;
    std::string date;  // YYYY-MM-DD
    int placement = 1;
    std::string player;
    std::vector<std::string> domains;  // legend domains, for the round icons under the event line
};

struct SyntheticDeck {
    DeckHeader header;
    std::array<std::vector<Tile>, kAllSections.size()> sections;

    std::vector<Tile>& at(Section s) { return sections[static_cast<std::size_t>(s)]; }
    const std::vector<Tile>& at(Section s) const { return sections[static_cast<std::size_t>(s)]; }
};

}  // namespace decklist::synth
