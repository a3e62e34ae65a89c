#pragma once
// A deck name named after something the page shows exactly elsewhere (its legend's title).

#include <optional>
#include <string>

namespace decklist::parse {

// `reading` with `title` put in place of the part of it that is `title` but for exactly one
// character, e.g. ("言僧控制", "盲僧") -> "盲僧控制"; nullopt when no such part exists (also when
// the title is already there, or is shorter than two characters).
std::optional<std::string> with_title_in_place(const std::string& reading,
                                               const std::string& title);

}  // namespace decklist::parse
