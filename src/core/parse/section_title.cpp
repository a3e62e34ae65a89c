#include "parse/section_title.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace decklist::parse {
namespace {

std::vector<std::string> utf8_chars(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        out.emplace_back(text.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace

std::optional<Section> section_from_title(std::string_view text) {
    const auto read = utf8_chars(text);
    std::optional<Section> best;
    double best_score = 0;
    for (Section s : kAllSections) {
        const auto title = utf8_chars(section_title_cn(s));
        int shared = 0;
        for (const auto& c : title) shared += std::count(read.begin(), read.end(), c) > 0;
        const double score = static_cast<double>(shared) / std::max(title.size(), read.size());
        if (score > best_score) {
            best_score = score;
            best = s;
        }
    }
    return best;
}

}  // namespace decklist::parse
