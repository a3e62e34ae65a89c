#pragma once
// Recognition by synthesis: every name the card database can print is rendered once in the
// app's typeface family (Noto Sans CJK, i.e. Source Han Sans) and a line crop is compared
// with the renderings of similar width. For names in the database this is exact where the
// fast chi_sim model confuses dense characters (蔑/茂, 翠/以, 锢/钢); for anything else the
// best score stays low and the caller falls back to Tesseract.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace decklist::ocr {

struct LexiconMatch {
    std::string text;
    double score = 0;   // normalised cross-correlation of the best rendering, -1..1
    double margin = 0;  // best score minus the best score of a different text
};

class LexiconMatcher {
  public:
    // `font_path`: a .ttc/.otf with CJK glyphs; empty: Debian's Noto Sans CJK (regular and
    // bold, Simplified Chinese face). Fonts that cannot be loaded leave the matcher empty.
    LexiconMatcher(const std::vector<std::string>& entries, const std::string& font_path);

    bool empty() const noexcept { return templates_.empty(); }

    // `line`: one line of dark text on a light ground (a prepared crop). Thread-safe.
    std::optional<LexiconMatch> best_match(const cv::Mat& line) const;

    // One matcher per (entries, font) for the whole process: rendering ~900 templates takes
    // a few hundred milliseconds, and every worker thread's OcrEngine needs the same ones.
    static std::shared_ptr<const LexiconMatcher> shared(const std::vector<std::string>& entries,
                                                        const std::string& font_path);

  private:
    struct Template {
        std::size_t entry;
        cv::Mat image;  // normalised: float, kHeight rows, ink-tight
        double aspect;
    };
    std::vector<std::string> entries_;
    std::vector<Template> templates_;
};

}  // namespace decklist::ocr
