#pragma once
// Noto Sans CJK SC through OpenCV's FreeType module. The app's tile titles are a medium
// weight that Debian does not ship, so it is made by mixing the Regular and Bold coverage
// (measured: the ink of a title lies 65% of the way from Regular to Bold).

#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>
#include <string>
#include <string_view>

namespace decklist::synth {

enum class Weight { regular, medium, bold };

class TextPainter {
  public:
    // Loads the Simplified Chinese face of each collection; throws std::runtime_error naming
    // the file when one cannot be loaded.
    TextPainter(const std::string& regular_ttc, const std::string& bold_ttc);

    // Draws `text` with its baseline starting at `origin`, blended over what is there.
    void draw(cv::Mat& image, std::string_view text, cv::Point origin, int px, Weight weight,
              const cv::Scalar& colour) const;
    // Advance width in pixels.
    int width(std::string_view text, int px, Weight weight) const;

  private:
    cv::Ptr<cv::freetype::FreeType2> regular_;
    cv::Ptr<cv::freetype::FreeType2> bold_;
};

}  // namespace decklist::synth
