#include "decklist/parse/free_text.hpp"

#include <algorithm>

#include "ocr/text_cleanup.hpp"
#include "parse/field_readers.hpp"

namespace decklist::parse {

OcrLine read_free_text(OcrEngine& ocr, const cv::Mat& crop) {
    // chi_sim alone reads the header's Latin too ("Ai.Rico1997", "GOAT-版本t0"), but not its
    // letter case, which eng knows.
    OcrLine line = ocr.recognise(crop, {OcrModel::text});
    const bool latin = std::all_of(line.text.begin(), line.text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (latin && !line.text.empty()) {
        line.text = ocr::latin_letter_case(line.text, ocr.recognise(crop, {OcrModel::latin}).text);
    } else {
        line.text = ocr.restore_spaces(crop, line.text);
    }
    return line;
}

void read_event(PageText& page, const TextBox& line, ParsedMetadata& metadata) {
    metadata.event = read_free_text(page.ocr, page.crop(line)).text;
}

void read_player(PageText& page, const TextBox& line, ParsedMetadata& metadata) {
    metadata.player = read_free_text(page.ocr, page.crop(line)).text;
}

}  // namespace decklist::parse
