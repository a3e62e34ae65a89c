#pragma once
// One Tesseract engine set per worker thread (TessBaseAPI is not thread-safe), created
// once and reused for every crop that thread reads.

#include <memory>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

namespace decklist {

struct OcrOptions {
    std::string tessdata_dir;  // empty: Debian's default
    std::string name_charset;  // UTF-8 characters allowed in card names (from the card DB)
};

struct OcrLine {
    std::string text;  // UTF-8, trimmed; spaces next to CJK characters removed
    float confidence = 0;
};

class OcrEngine {
public:
    explicit OcrEngine(const OcrOptions& options);  // throws decklist::Error(internal)
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // Runs a few tiny recognitions so that the first real request is not slow.
    void warm_up();

    // The crops are prepared by the caller (see decklist/ocr/prepare_crop.hpp): dark text on
    // a light background, 8-bit grey, one line. These only recognise (page mode: one line).
    OcrLine read_name_line(const cv::Mat& crop);  // chi_sim restricted to the name charset
    OcrLine read_text_line(const cv::Mat& crop);  // chi_sim + eng, unrestricted (header)
    OcrLine read_digits(const cv::Mat& crop);     // digits only
    // chi_sim restricted to `charset` for this call only (e.g. the five panel titles).
    OcrLine read_line_restricted(const cv::Mat& crop, std::string_view charset);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace decklist
