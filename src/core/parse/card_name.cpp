// A tile's lines print card names, a closed set the card database knows: renderings of it
// are exact where Tesseract's fast chi_sim model confuses dense characters (蔑/茂, 翠/以).

#include <string>

#include "decklist/match/utf8.hpp"
#include "parse/field_readers.hpp"

namespace decklist::parse {
namespace {

// A rendering this close is certain; all right readings of the real screenshots (also
// halved, 1.5x, JPEG q40) score above 0.87, unrelated names below 0.6.
constexpr double kCertainScore = 0.80;
// Below kCertainScore the rendering still wins when Tesseract read part of the same text.
constexpr double kPlausibleScore = 0.45;

// At least half of the rendered text's characters occur in Tesseract's reading.
bool shares_half(const std::string& rendered, const std::string& read) {
    const std::u32string want = utf8::decode(rendered);
    const std::u32string got = utf8::decode(read);
    std::size_t shared = 0;
    for (char32_t c : want) shared += got.find(c) != std::u32string::npos;
    return !want.empty() && shared * 2 >= want.size();
}

OcrLine as_line(const RenderingMatch& match) {
    return {match.text, static_cast<float>(100 * match.score)};
}

}  // namespace

OcrLine read_card_name(OcrEngine& ocr, const cv::Mat& crop) {
    const std::optional<RenderingMatch> match = ocr.match_card_name(crop);
    if (match && match->score >= kCertainScore) return as_line(*match);
    // Lines the renderings do not know are text the database lacks, and may use characters
    // it lacks too (the legend subtitle 入门): no whitelist.
    OcrLine read = ocr.recognise(crop, {OcrModel::names});
    if (match && match->score >= kPlausibleScore && shares_half(match->text, read.text)) {
        return as_line(*match);
    }
    return read;
}

void read_tile_title(PageText& page, const TextBox& line, ParsedTile& tile) {
    const OcrLine title = read_card_name(page.ocr, page.crop(line));
    tile.title = title.text;
    tile.confidence = title.confidence;
}

void read_tile_subtitle(PageText& page, const TextBox& line, ParsedTile& tile) {
    tile.subtitle = read_card_name(page.ocr, page.crop(line)).text;
}

}  // namespace decklist::parse
