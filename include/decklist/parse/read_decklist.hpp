#pragma once
// Layout + OCR: a decoded screenshot to the text it shows.

#include <opencv2/core.hpp>

#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/parse/parsed_decklist.hpp"

namespace decklist {

struct ReadTiming {
    double layout_ms = 0;
    double ocr_ms = 0;
};

// Throws decklist::Error(processing, "no decklist layout found") when the image is not a
// 卡组详情 page.
ParsedDecklist read_decklist(const cv::Mat& bgr, OcrEngine& ocr, ReadTiming* timing = nullptr);

}  // namespace decklist
