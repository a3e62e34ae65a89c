#include "layout/grey_panels.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include <opencv2/imgproc.hpp>

#include "layout/panels.hpp"

namespace decklist::layout {
namespace {

// Grey levels above the panel background, measured on the app's dark theme and holding for
// the usual conversions (BT.601 and Rec.709 luma, desaturation): tiles and title bars are
// flat slabs 20-25 levels lighter, the panel border about 50 lighter, text far brighter.
// Relative levels rather than absolute ones absorb the differences between converters.
constexpr int kSlabLow = 10, kSlabHigh = 36;
constexpr int kBorderLow = 36, kBorderHigh = 66;

// A tile is 0.13 of the width tall, a title bar 0.075: in grey the two are the same level,
// so their height is what tells them apart.
constexpr double kTileMinHeight = 0.10;
constexpr double kBarMinHeight = 0.045;

int commonest_level(const cv::Mat& grey) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < grey.rows; ++y) {
        const auto* row = grey.ptr<std::uint8_t>(y);
        for (int x = 0; x < grey.cols; ++x) ++histogram[row[x]];
    }
    return static_cast<int>(std::max_element(histogram.begin(), histogram.end()) -
                            histogram.begin());
}

cv::Mat level_mask(const cv::Mat& grey, int low, int high) {
    cv::Mat mask;
    cv::inRange(grey, cv::Scalar(low), cv::Scalar(high), mask);
    return mask;
}

}  // namespace

bool is_greyscale(const cv::Mat& bgr) {
    if (bgr.channels() == 1) return true;
    // Sampled on a sparse grid: a colour screenshot is tinted nearly everywhere.
    const int step = std::max(1, std::min(bgr.cols, bgr.rows) / 200);
    long coloured = 0, total = 0;
    for (int y = 0; y < bgr.rows; y += step) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; x += step) {
            const cv::Vec3b p = row[x];
            const int spread = std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
            coloured += spread > 20;
            ++total;
        }
    }
    // JPEG chroma ringing around sharp edges leaves a few tinted pixels on a grey page.
    return coloured * 50 < total;
}

GreyFurniture find_grey_furniture(const cv::Mat& grey) {
    GreyFurniture out;
    out.background = commonest_level(grey);
    const double w = grey.cols;
    const cv::Mat slabs =
        open_slabs(level_mask(grey, out.background + kSlabLow, out.background + kSlabHigh));
    // A tile cut by the image's edge may be as low as a bar: it is kept as a tile (for
    // find_page_layout to judge) and never taken for a bar.
    auto at_edge = [&](const cv::Rect& box) {
        return box.y <= 0 || box.y + box.height >= grey.rows;
    };
    out.tiles = tiles_in_mask(slabs, kBarMinHeight);
    std::erase_if(out.tiles,
                  [&](const cv::Rect& t) { return t.height < kTileMinHeight * w && !at_edge(t); });

    // Title bars: slabs of a bar's height whose left edge lines up with the tiles' column
    // (both start at the panel's inner margin); that rejects bands of the header.
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(slabs, labels, stats, centroids, 4, CV_32S);
    for (int i = 1; i < n; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH),
                           stats.at<int>(i, cv::CC_STAT_HEIGHT));
        const double fill = static_cast<double>(stats.at<int>(i, cv::CC_STAT_AREA)) / box.area();
        const bool bar_shaped = box.width > 0.15 * w && box.width < 0.9 * w &&
                                box.height > kBarMinHeight * w && box.height < kTileMinHeight * w &&
                                fill > 0.4;
        const bool aligned =
            std::any_of(out.tiles.begin(), out.tiles.end(),
                        [&](const cv::Rect& t) { return std::abs(t.x - box.x) < 0.02 * w; });
        if (bar_shaped && aligned && !at_edge(box)) out.bars.push_back(box);
    }
    std::sort(out.bars.begin(), out.bars.end(),
              [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
    return out;
}

bool has_grey_panel_border(const cv::Mat& grey, int background, int top, int bottom) {
    top = std::max(top, 0);
    bottom = std::min(bottom, grey.rows);
    if (top >= bottom) return false;
    const cv::Mat mask =
        level_mask(grey.rowRange(top, bottom), background + kBorderLow, background + kBorderHigh);
    for (int y = 0; y < mask.rows; ++y) {
        if (cv::countNonZero(mask.row(y)) > 0.5 * grey.cols) return true;
    }
    return false;
}

}  // namespace decklist::layout
