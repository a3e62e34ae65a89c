#pragma once
// One Tesseract engine set per worker thread (TessBaseAPI is not thread-safe), created
// once and reused for every crop that thread reads.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace decklist {

struct OcrOptions {
    std::string tessdata_dir;  // empty: Debian's default
    // Every text a tile can print: each distinct CardRecord::title and ::subtitle. Lines that
    // match a rendering of one of these closely are read as it (exact where Tesseract's fast
    // chi_sim model confuses dense characters); empty: Tesseract only.
    std::vector<std::string> name_lexicon;
    std::string font_path;  // CJK font for the renderings; empty: Debian's Noto Sans CJK
};

struct OcrLine {
    std::string text;  // UTF-8, trimmed; spaces next to CJK characters removed (but see
                       // read_text_line)
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
    // A tile's title or subtitle: the lexicon when it matches, else chi_sim.
    OcrLine read_name_line(const cv::Mat& crop);
    // Free text (header lines): chi_sim, unrestricted. A space next to a Chinese character
    // is kept where the line's own gaps, against a rendering of the reading, show one.
    OcrLine read_text_line(const cv::Mat& crop);
    OcrLine read_digits(const cv::Mat& crop);  // digits only
    // Digits only, the crop read as one word (PSM 8) or as a raw line without layout
    // analysis (PSM 13): second opinions when the single-line reading fails on 1-2 glyphs.
    enum class DigitMode { line, word, raw_line };
    OcrLine read_digits(const cv::Mat& crop, DigitMode mode);
    OcrLine read_date(const cv::Mat& crop);  // digits and - . /
    // chi_sim restricted to `charset` for this call only.
    OcrLine read_line_restricted(const cv::Mat& crop, std::string_view charset);
    // A panel title bar: one of 传奇牌, 主牌组, 战场牌, 符文牌, 备牌 (empty when unreadable).
    OcrLine read_section_title(const cv::Mat& crop);
    // Which of `candidates` the crop shows, judged by renderings as tile names are: for free
    // text whose likely alternatives the caller knows. Empty when none could be compared.
    std::string closest_rendering(const cv::Mat& crop, const std::vector<std::string>& candidates);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace decklist
