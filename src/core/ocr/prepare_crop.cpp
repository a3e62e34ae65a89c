#include "decklist/ocr/prepare_crop.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace decklist {

cv::Mat prepare_line_crop(const cv::Mat& grey, const TextBox& line, int glyph_height) {
    if (line.box.empty()) return {};
    const int pad = std::max(2, line.box.height / 5);
    cv::Rect area(line.box.x - pad, line.box.y - pad, line.box.width + 2 * pad,
                  line.box.height + 2 * pad);
    area &= cv::Rect(0, 0, grey.cols, grey.rows);
    cv::Mat crop = grey(area).clone();
    if (line.light_on_dark) cv::bitwise_not(crop, crop);

    const double scale = static_cast<double>(glyph_height) / line.box.height;
    cv::Mat scaled;
    cv::resize(crop, scaled, cv::Size(), scale, scale,
               scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    // Stretch so the ground is white and the strokes black whatever the theme's contrast.
    cv::normalize(scaled, scaled, 0, 255, cv::NORM_MINMAX);

    const int margin = glyph_height / 2;
    cv::Mat out;
    cv::copyMakeBorder(scaled, out, margin, margin, margin, margin, cv::BORDER_CONSTANT,
                       cv::Scalar(255));
    return out;
}

}  // namespace decklist
