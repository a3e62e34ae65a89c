#pragma once
// Tesseract's chi_sim model puts spaces between CJK characters and ends lines with "\n";
// neither is in the printed text.

#include <string>
#include <string_view>

namespace decklist::ocr {

// Trims, and drops every space that touches a non-ASCII character; Latin words keep theirs.
// Brackets around Chinese text become the full-width ones the app prints: "abc (派)" reads
// "abc（派）", "abc (def)" stays.
std::string clean_line(std::string_view raw);

// Two readings of one Latin line: chi_sim's, which keeps digits apart from letters (1 vs l)
// but turns the letters whose capital has the same shape (c o u v x z) into capitals or
// doubles them ("co.LizZ"), and eng's, which knows letter case but reads 1 as l. eng's wins
// when the two are the same letters but for case, once chi_sim's doubles are undone;
// otherwise chi_sim's stands.
std::string latin_letter_case(const std::string& chi_sim, const std::string& eng);

}  // namespace decklist::ocr
