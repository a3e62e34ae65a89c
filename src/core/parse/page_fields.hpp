#pragma once
// The registration point of the parse step: which field reader reads which line of the
// layout, in which order. A new line to read is a reader in its own file and a row here.

#include "decklist/layout/page_layout.hpp"
#include "decklist/parse/parsed_decklist.hpp"
#include "parse/page_text.hpp"

namespace decklist::parse {

ParsedTile read_tile(PageText& page, const TileLayout& layout);
// After the sections: the deck name reader uses the legend's title (PageText::legend_title).
ParsedMetadata read_header(PageText& page, const HeaderLayout& layout);

}  // namespace decklist::parse
