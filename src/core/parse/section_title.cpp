// Which panel a title bar names: the five titles are a closed set, compared as renderings
// first; chi_sim restricted to their characters reads what the renderings cannot settle.

#include "parse/section_title.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "decklist/match/utf8.hpp"
#include "parse/field_readers.hpp"

namespace decklist::parse {
namespace {

// As certain as a card name's rendering (card_name.cpp).
constexpr double kCertainTitleScore = 0.80;

const std::vector<std::string>& section_titles() {
    static const std::vector<std::string> titles = [] {
        std::vector<std::string> out;
        for (Section s : kAllSections) out.emplace_back(section_title_cn(s));
        return out;
    }();
    return titles;
}

const std::string& title_characters() {
    static const std::string characters = [] {
        std::string out;
        for (const auto& title : section_titles()) out += title;
        return out;
    }();
    return characters;
}

}  // namespace

std::optional<Section> section_from_title(std::string_view text) {
    const std::u32string read = utf8::decode(text);
    std::optional<Section> best;
    double best_score = 0;
    for (Section s : kAllSections) {
        const std::u32string title = utf8::decode(section_title_cn(s));
        int shared = 0;
        for (char32_t c : title) shared += read.find(c) != std::u32string::npos;
        const double score = static_cast<double>(shared) / std::max(title.size(), read.size());
        if (score > best_score) {
            best_score = score;
            best = s;
        }
    }
    return best;
}

std::optional<Section> read_section_title(PageText& page, const TextBox& line) {
    const cv::Mat crop = page.crop(line);
    const auto match = page.ocr.match_rendering(crop, section_titles(), Renderings::kept);
    if (match && match->score >= kCertainTitleScore) return section_from_title(match->text);
    return section_from_title(page.ocr.recognise(crop, {OcrModel::names, title_characters()}).text);
}

}  // namespace decklist::parse
