#pragma once
// What every field reader of the parse step works from: the page's grey copy, the worker's
// OCR engine, and what was read before it (the legend's title, the warnings so far).

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "decklist/layout/page_layout.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/ocr/prepare_crop.hpp"

namespace decklist::parse {

// Glyph heights the crops are scaled to; Tesseract's models read 30-40 px glyphs best.
inline constexpr int kNameHeight = 36;
inline constexpr int kDigitHeight = 32;

struct PageText {
    const cv::Mat& grey;  // the whole page, 8-bit grey
    OcrEngine& ocr;
    std::vector<std::string>& warnings;
    std::string legend_title;  // the legend tile's title as read; empty before or without one

    cv::Mat crop(const TextBox& line, int glyph_height = kNameHeight, bool binarise = false) const {
        return prepare_line_crop(grey, line, glyph_height, binarise);
    }
};

}  // namespace decklist::parse
