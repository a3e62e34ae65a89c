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

}  // namespace decklist::ocr
