#include "decklist/ocr/prepare_crop.hpp"

#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

namespace decklist {
namespace {

double median(const cv::Mat& grey) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < grey.rows; ++y) {
        const auto* row = grey.ptr<std::uint8_t>(y);
        for (int x = 0; x < grey.cols; ++x) ++histogram[row[x]];
    }
    for (int v = 0, seen = 0; v < 256; ++v) {
        seen += histogram[v];
        if (2 * static_cast<std::size_t>(seen) >= grey.total()) return v;
    }
    return 255;
}

}  // namespace

cv::Mat prepare_line_crop(const cv::Mat& grey, const TextBox& line, int glyph_height,
                          bool binarise) {
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
    // Stretch so the ground (the median: a line crop is mostly ground) is pure white and the
    // darkest stroke black; a grey ground makes the LSTM models misread thin digits.
    double darkest = 0, unused = 0;
    cv::minMaxLoc(scaled, &darkest, &unused);
    const double ground = median(scaled);
    if (ground - darkest > 10) {
        const double gain = 255.0 / (ground - darkest);
        scaled.convertTo(scaled, CV_8U, gain, -darkest * gain);
    }
    if (binarise) cv::threshold(scaled, scaled, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);

    const int margin = glyph_height / 2;
    cv::Mat out;
    cv::copyMakeBorder(scaled, out, margin, margin, margin, margin, cv::BORDER_CONSTANT,
                       cv::Scalar(255));
    return out;
}

}  // namespace decklist
