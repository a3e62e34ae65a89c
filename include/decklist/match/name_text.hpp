#pragma once
// Comparable forms of card names. OCR and the database disagree about things a reader
// ignores: spaces, full-width vs half-width punctuation, curly vs straight quotes, the middle
// dot. normalise_name() folds those away so that only real character differences count.

#include <string_view>

#include <string>

namespace decklist {

// Decodes UTF-8 and drops whitespace; maps full-width ASCII to ASCII, curly and corner
// quotes to straight ones, dash and dot variants to '-' and U+00B7, ASCII letters to lower
// case, and the ideographic comma to ','.
std::u32string normalise_name(std::string_view utf8_text);

// Edit distance (insert, delete, substitute; each costs 1) over code points.
int levenshtein(std::u32string_view a, std::u32string_view b);

// 0-100: the share of the longer string that needs no edit, 100 for equal strings. Two
// empty strings score 0: nothing was read, nothing matched.
double similarity_score(std::u32string_view a, std::u32string_view b);

}  // namespace decklist
