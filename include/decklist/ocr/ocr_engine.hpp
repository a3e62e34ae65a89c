#pragma once
// The OCR facade: Tesseract set-ups and renderings of known texts, which recognise one
// prepared line at a time. It knows how to recognise, not what a line means: which
// recognition suits a deck name, a date or a badge is decided in decklist/parse.
//
// Threading: an OcrEngine is used by one thread at a time (TessBaseAPI is not thread-safe);
// each worker thread creates its own once and reuses it for every crop. Renderings of the
// card names are shared between the engines of a process and are immutable.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace decklist {

struct OcrOptions {
    std::string tessdata_dir;  // empty: Debian's default
    // Every text a tile can print: each distinct CardRecord::title and ::subtitle, rendered
    // once for match_card_name; empty: no card-name renderings.
    std::vector<std::string> name_lexicon;
    std::string font_path;  // CJK font for the renderings; empty: Debian's Noto Sans CJK
};

struct OcrLine {
    std::string text;  // UTF-8, trimmed; spaces next to CJK characters removed
    float confidence = 0;
};

// The Tesseract set-ups an engine holds, one per kind of script a line is printed in.
enum class OcrModel {
    names,   // chi_sim without word lists: card names are not dictionary words
    text,    // chi_sim with its word lists: free text (the header)
    latin,   // eng: the letter case of Latin text, which chi_sim gets wrong
    digits,  // eng restricted to 0-9
};

// How Tesseract finds the text in the crop: one line, one word, or a raw line without
// layout analysis (second opinions when line mode misses one or two glyphs).
enum class PageMode { line, word, raw_line };

struct Recognition {
    OcrModel model = OcrModel::text;
    std::string_view whitelist{};  // non-empty: only these characters, for this line only
    PageMode page = PageMode::line;
};

// A crop compared with renderings of known texts: the closest text and how close it is
// (normalised cross-correlation, -1..1).
struct RenderingMatch {
    std::string text;
    double score = 0;
};

// Whether the renderings of match_rendering's candidates are kept for the process (a fixed
// set, asked for on every page) or made for this call only (texts that depend on a reading).
enum class Renderings { kept, this_call };

class OcrEngine {
  public:
    explicit OcrEngine(const OcrOptions& options);  // throws decklist::Error(internal)
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // Runs a few tiny recognitions so that the first real request is not slow.
    void warm_up();

    // The crops are prepared by the caller (decklist/ocr/prepare_crop.hpp): dark text on a
    // light background, 8-bit grey, one line. An empty reading is retried with more white
    // around the crop, then as a raw line, before it is returned empty.
    OcrLine recognise(const cv::Mat& crop, const Recognition& how);

    // The card name (OcrOptions::name_lexicon) whose rendering is closest to the crop;
    // nullopt without a lexicon or when no rendering has the crop's proportions.
    std::optional<RenderingMatch> match_card_name(const cv::Mat& crop);
    // The same over `candidates`.
    std::optional<RenderingMatch> match_rendering(const cv::Mat& crop,
                                                  const std::vector<std::string>& candidates,
                                                  Renderings renderings);

    // `reading` of the crop with a space next to a Chinese character put back where the
    // line's own gaps, against a rendering of the reading, show one.
    std::string restore_spaces(const cv::Mat& crop, const std::string& reading);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace decklist
