#pragma once
// Dates as the app and OCR print them -> ISO 8601.

#include <optional>
#include <string>
#include <string_view>

namespace decklist {

// Accepts 2025-09-13, 2025/9/13, 2025.09.13, 2025年9月13日 (full-width digits and
// separators, and spaces, too). Returns "YYYY-MM-DD", or nullopt when the text is not a real
// calendar date.
std::optional<std::string> normalise_date(std::string_view text);

}  // namespace decklist
