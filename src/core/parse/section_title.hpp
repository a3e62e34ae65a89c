#pragma once
// Which of the five panels a title bar names, from a possibly imperfect reading.

#include <optional>
#include <string_view>

#include "decklist/section.hpp"

namespace decklist::parse {

// The panel whose title shares the most characters with `text` (relative to length);
// nullopt when no character matches.
std::optional<Section> section_from_title(std::string_view text);

}  // namespace decklist::parse
