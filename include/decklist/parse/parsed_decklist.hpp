#pragma once
// What the eyes saw: the text read off one screenshot, before any card database lookup.
// Produced by read_decklist() (layout + OCR), consumed by the matcher.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "decklist/decklist.hpp"
#include "decklist/section.hpp"

namespace decklist {

struct ParsedTile {
    std::string title;        // OCR text of the tile's title line (UTF-8)
    std::string subtitle;     // the smaller second line, empty when the tile has none
    int quantity = 1;         // the xN badge; 1 when the tile shows no badge
    float confidence = 0.0f;  // Tesseract's mean confidence for the title, 0-100
    // The whole tile, in pixels of the image read; nullopt for readings made without one.
    std::optional<TileBox> bbox = std::nullopt;
};

struct ParsedMetadata {
    std::string deck_name;
    std::string event;
    std::string date;  // as printed, normally YYYY-MM-DD
    std::optional<int> placement;
    std::string player;
};

struct ParsedDecklist {
    ParsedMetadata metadata;
    // Indexed by static_cast<size_t>(Section); tiles in reading order.
    std::array<std::vector<ParsedTile>, 5> sections;
    // Things a person should know about the reading (a repeated section counted once,
    // a section cut off by the bottom edge, ...).
    std::vector<std::string> warnings;
    // The same facts for machines: the section the image ends inside, the whole section the
    // image ends below while the page goes on, and the sections a stitched screenshot showed
    // more than once.
    std::optional<Section> cut_off_section;
    std::optional<Section> cut_below_section;
    std::vector<Section> sections_seen_twice;

    std::vector<ParsedTile>& tiles(Section s) { return sections[static_cast<size_t>(s)]; }
    const std::vector<ParsedTile>& tiles(Section s) const {
        return sections[static_cast<size_t>(s)];
    }
};

}  // namespace decklist
