#pragma once
// Turns one located line of text into what Tesseract reads best: dark glyphs on white,
// a fixed glyph height whatever the screenshot's resolution, and a white margin.

#include <opencv2/core.hpp>

#include "decklist/layout/page_layout.hpp"

namespace decklist {

// `grey`: the whole page in 8-bit grey. `glyph_height`: the height, in pixels, that the
// box's ink is scaled to (about 36 for Chinese, 30 for digits). `binarise`: Otsu black and
// white instead of grey (digits read more reliably that way).
cv::Mat prepare_line_crop(const cv::Mat& grey, const TextBox& line, int glyph_height,
                          bool binarise = false);

}  // namespace decklist
