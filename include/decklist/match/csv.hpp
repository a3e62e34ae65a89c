#pragma once
// RFC 4180 CSV reading: quoted fields may hold commas, line breaks and doubled quotes.
// Kept apart from the card database so that it can be tested on its own.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace decklist {

struct CsvRecord {
    std::size_t line = 0;  // 1-based line on which the record starts
    std::vector<std::string> fields;
};

class CsvError : public std::invalid_argument {
  public:
    CsvError(std::size_t line, const std::string& what)
        : std::invalid_argument(what), line_(line) {}
    std::size_t line() const noexcept { return line_; }

  private:
    std::size_t line_;
};

// Parses the whole text. A leading UTF-8 BOM is skipped; records end at CRLF or LF; blank
// lines are not records. Throws CsvError (1-based line, reason) on an unterminated quote, a
// quote inside a bare field or text after a closing quote.
std::vector<CsvRecord> parse_csv(std::string_view text);

}  // namespace decklist
