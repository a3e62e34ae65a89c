#include "layout/panels.hpp"

#include <algorithm>
#include <cstdlib>

#include <opencv2/imgproc.hpp>

namespace decklist::layout {
namespace {

// The app's dark theme. A tolerance of 24 per channel absorbs JPEG q40 ringing and
// resampling while staying clear of the panel background (R 1) and the header (G 50).
const cv::Vec3b kTileColour{99, 78, 27};
const cv::Vec3b kBorderColour{121, 104, 61};
constexpr int kTolerance = 24;

cv::Mat colour_mask(const cv::Mat& bgr, cv::Vec3b colour, int tolerance) {
    cv::Mat lower, upper, mask;
    const cv::Scalar low(colour[0] - tolerance, colour[1] - tolerance, colour[2] - tolerance);
    const cv::Scalar high(colour[0] + tolerance, colour[1] + tolerance, colour[2] + tolerance);
    cv::inRange(bgr, low, high, mask);
    return mask;
}

std::vector<cv::Rect> components(const cv::Mat& mask, auto&& keep) {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 4, CV_32S);
    std::vector<cv::Rect> out;
    for (int i = 1; i < n; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH),
                           stats.at<int>(i, cv::CC_STAT_HEIGHT));
        if (keep(box, stats.at<int>(i, cv::CC_STAT_AREA))) out.push_back(box);
    }
    return out;
}

}  // namespace

cv::Mat open_slabs(const cv::Mat& mask) {
    // The panels' thin inner frame has the tile colour too; opening cuts tiles loose from it.
    const int k = std::max(3, mask.cols / 150);
    cv::Mat opened;
    cv::morphologyEx(mask, opened, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
    return opened;
}

std::vector<cv::Rect> find_tiles(const cv::Mat& bgr) {
    return tiles_in_mask(open_slabs(colour_mask(bgr, kTileColour, kTolerance)), 0.04);
}

std::vector<cv::Rect> tiles_in_mask(const cv::Mat& mask, double min_height) {
    const double w = mask.cols;
    auto is_tile = [&](const cv::Rect& box, int area) {
        const double aspect = static_cast<double>(box.width) / box.height;
        const double fill = static_cast<double>(area) / box.area();
        return box.width > 0.30 * w && box.width < 0.50 * w && box.height > min_height * w &&
               aspect > 2.3 && aspect < 6.0 && fill > 0.55;
    };
    // Heavy JPEG compression can bridge the narrow gap between the two tiles of a row; such
    // a pair is split at its emptiest column near the middle.
    auto is_pair = [&](const cv::Rect& box, int area) {
        const double fill = static_cast<double>(area) / box.area();
        return box.width > 0.70 * w && box.width < 0.98 * w && box.height > min_height * w &&
               box.height < 0.25 * w && fill > 0.55;
    };
    std::vector<cv::Rect> tiles;
    for (const cv::Rect& box : components(mask, [&](const cv::Rect&b, int area) {
             return is_tile(b, area) || is_pair(b, area);
         })) {
        const int area = cv::countNonZero(mask(box));
        if (is_tile(box, area)) {
            tiles.push_back(box);
            continue;
        }
        cv::Mat columns;
        cv::reduce(mask(box) / 255, columns, 0, cv::REDUCE_SUM, CV_32S);
        int split = box.width / 2;
        for (int x = box.width * 3 / 10; x < box.width * 7 / 10; ++x) {
            if (columns.at<int>(0, x) < columns.at<int>(0, split)) split = x;
        }
        for (cv::Rect half :
             {cv::Rect(box.x, box.y, split, box.height),
              cv::Rect(box.x + split + 1, box.y, box.width - split - 1, box.height)}) {
            // Trim the half to its own ink so the split column's neighbours do not count.
            const cv::Rect inked = cv::boundingRect(mask(half)) + half.tl();
            if (is_tile(inked, cv::countNonZero(mask(inked)))) tiles.push_back(inked);
        }
    }
    // Reading order: rows (tiles whose tops are within a fraction of a tile), then left to right.
    std::sort(tiles.begin(), tiles.end(), [&](const cv::Rect& a, const cv::Rect& b) {
        if (std::abs(a.y - b.y) > 0.03 * w) return a.y < b.y;
        return a.x < b.x;
    });
    return tiles;
}

std::vector<cv::Rect> find_title_bars(const cv::Mat& bgr) {
    const double w = bgr.cols;
    cv::Mat channels[3];
    cv::split(bgr, channels);
    // Saturated blue: B high, R near zero, B well above G.
    cv::Mat blue_minus_green;
    cv::subtract(channels[0], channels[1], blue_minus_green);
    const cv::Mat mask = (channels[0] > 108) & (channels[2] < 28) & (blue_minus_green > 28);
    auto bars = components(mask, [&](const cv::Rect& box, int area) {
        const double fill = static_cast<double>(area) / box.area();
        return box.width > 0.15 * w && box.height > 0.04 * w && box.height < 0.12 * w && fill > 0.4;
    });
    std::sort(bars.begin(), bars.end(),
              [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
    return bars;
}

bool has_panel_border(const cv::Mat& bgr, int top, int bottom) {
    top = std::max(top, 0);
    bottom = std::min(bottom, bgr.rows);
    if (top >= bottom) return false;
    const cv::Mat mask = colour_mask(bgr.rowRange(top, bottom), kBorderColour, kTolerance + 6);
    for (int y = 0; y < mask.rows; ++y) {
        if (cv::countNonZero(mask.row(y)) > 0.5 * bgr.cols) return true;
    }
    return false;
}

}  // namespace decklist::layout
