#include "decklist/assemble/normalise_date.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "decklist/match/name_text.hpp"

namespace decklist {
namespace {

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

bool is_separator(char32_t c) {
    return c == U'-' || c == U'/' || c == U'.' || c == U'年' || c == U'月';
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::optional<std::string> normalise_date(std::string_view text) {
    // normalise_name folds full-width digits and punctuation and drops spaces.
    std::u32string s = normalise_name(text);
    if (!s.empty() && s.back() == U'日') s.pop_back();

    std::vector<int> parts;
    std::vector<std::size_t> widths;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i])) return std::nullopt;
        int value = 0;
        std::size_t width = 0;
        while (i < s.size() && is_digit(s[i])) {
            value = value * 10 + static_cast<int>(s[i] - U'0');
            ++width, ++i;
        }
        if (width > 4) return std::nullopt;
        parts.push_back(value);
        widths.push_back(width);
        if (i < s.size()) {
            if (!is_separator(s[i]) || parts.size() == 3) return std::nullopt;
            ++i;
            if (i == s.size()) return std::nullopt;  // trailing separator
        }
    }
    if (parts.size() != 3 || widths[0] != 4 || widths[1] > 2 || widths[2] > 2) return std::nullopt;
    const int year = parts[0], month = parts[1], day = parts[2];
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return std::string(buffer);
}

}  // namespace decklist
