#pragma once
// Header lines are free text: what the app prints is what comes back, full-width brackets
// and spaces between Chinese characters included, and Latin text keeps its letter case.

#include <opencv2/core.hpp>

#include "decklist/ocr/ocr_engine.hpp"

namespace decklist::parse {

// `crop`: one prepared header line (decklist/ocr/prepare_crop.hpp).
OcrLine read_free_text(OcrEngine& ocr, const cv::Mat& crop);

}  // namespace decklist::parse
