#include "decklist/match/name_text.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "decklist/match/utf8.hpp"

namespace decklist {
namespace {

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0x00A0 ||
           c == 0x200B || c == 0xFEFF;
}

char32_t fold(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // full-width ASCII block
    switch (c) {
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x300C:
        case 0x300D:
        case 0x300E:
        case 0x300F:
            return U'"';
        case 0x2018:
        case 0x2019:
        case 0x201A:
            return U'\'';
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212:
        case 0x30FC:
            return U'-';
        case 0x30FB:
        case 0xFF65:
        case 0x2022:
        case 0x2027:
        case 0x2219:
        case 0x22C5:
            return 0x00B7;
        case 0x3001:
            return U',';
        case 0x3002:
            return U'.';
        default:
            break;
    }
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    return c;
}

}  // namespace

std::u32string normalise_name(std::string_view utf8_text) {
    std::u32string out;
    for (char32_t c : utf8::decode(utf8_text))
        if (!is_space(c)) out.push_back(fold(c));
    return out;
}

int levenshtein(std::u32string_view a, std::u32string_view b) {
    if (a.size() < b.size()) std::swap(a, b);  // the row runs over the shorter string
    const std::size_t n = b.size();
    // Card names are short; keep the row on the stack unless OCR produced a long line.
    std::array<int, 64> small_row{};
    std::vector<int> large_row;
    int* row = small_row.data();
    if (n + 1 > small_row.size()) {
        large_row.resize(n + 1);
        row = large_row.data();
    }
    for (std::size_t j = 0; j <= n; ++j) row[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= n; ++j) {
            const int above = row[j];
            const int substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[n];
}

double similarity_score(std::u32string_view a, std::u32string_view b) {
    const std::size_t longest = std::max(a.size(), b.size());
    if (longest == 0) return 0;
    const int distance = levenshtein(a, b);
    return 100.0 * static_cast<double>(longest - static_cast<std::size_t>(distance)) /
           static_cast<double>(longest);
}

}  // namespace decklist
