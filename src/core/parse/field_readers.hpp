#pragma once
// Every line the parse step reads, one reader per kind of line, each defined in the file
// named for it. They are registered, in reading order, in page_fields.cpp.

#include <cstddef>
#include <optional>
#include <string_view>

#include "decklist/layout/page_layout.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/parse/free_text.hpp"
#include "decklist/parse/parsed_decklist.hpp"
#include "decklist/section.hpp"
#include "parse/page_text.hpp"

namespace decklist::parse {

// card_name.cpp: a tile's title or subtitle. The card-name renderings when they match,
// else chi_sim without word lists.
OcrLine read_card_name(OcrEngine& ocr, const cv::Mat& crop);
void read_tile_title(PageText& page, const TextBox& line, ParsedTile& tile);
void read_tile_subtitle(PageText& page, const TextBox& line, ParsedTile& tile);

// badge_quantity.cpp: the "xN" badge (decklist/parse/badge_quantity.hpp); a badge that
// cannot be read counts as 1, with a warning.
void read_tile_quantity(PageText& page, const TextBox& digits, ParsedTile& tile);

// free_text.cpp: header text as printed (decklist/parse/free_text.hpp).
void read_event(PageText& page, const TextBox& line, ParsedMetadata& metadata);
void read_player(PageText& page, const TextBox& line, ParsedMetadata& metadata);

// deck_name.cpp: free text, set right by the legend's title when it is one character off.
void read_deck_name(PageText& page, const TextBox& line, ParsedMetadata& metadata);

// header_numbers.cpp: the date as printed and the placement badge's number.
// `text` as a number when it is 1 to `max_digits` ASCII digits and nothing else.
std::optional<int> number_from_digits(std::string_view text, std::size_t max_digits);
void read_date(PageText& page, const TextBox& line, ParsedMetadata& metadata);
void read_placement(PageText& page, const TextBox& digits, ParsedMetadata& metadata);

// section_title.cpp: which panel a title bar names; nullopt when unreadable.
std::optional<Section> read_section_title(PageText& page, const TextBox& line);

}  // namespace decklist::parse
