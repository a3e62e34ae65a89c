#pragma once
// UTF-8 <-> code points. Edit distances are counted in characters, not bytes: one misread
// Chinese character is one edit, not three.

#include <string>
#include <string_view>

namespace decklist::utf8 {

// Malformed or truncated sequences decode to U+FFFD, one per bad byte; never throws.
std::u32string decode(std::string_view text);
std::string encode(char32_t code_point);
std::string encode(std::u32string_view text);

}  // namespace decklist::utf8
