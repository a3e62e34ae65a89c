#include "layout/tile_text.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "layout/ink.hpp"

namespace decklist::layout {
namespace {

// Tile geometry as fractions of the tile: the round icon ends before kTextLeft; the badge
// sits in the bottom-right corner, below a centred single-line title.
constexpr double kTextLeft = 0.25;
constexpr double kBadgeMinX = 0.80;
constexpr double kBadgeMinY = 0.62;

struct Blob {
    cv::Rect box;
    int area;
};

std::vector<Blob> blobs(const cv::Mat& mask, int min_area) {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    std::vector<Blob> out;
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area < min_area) continue;
        out.push_back(
            {cv::Rect(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                      stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)),
             area});
    }
    return out;
}

}  // namespace

TileLayout find_tile_text(const cv::Mat& grey, cv::Rect tile) {
    TileLayout out;
    out.tile = tile;
    const int tw = tile.width, th = tile.height;
    // Leave the tile's anti-aliased edges out of the search area.
    const cv::Rect text_area(tile.x + static_cast<int>(kTextLeft * tw), tile.y + th / 25,
                             tw - static_cast<int>(kTextLeft * tw) - tw / 100, th - 2 * (th / 25));
    cv::Mat mask = light_ink_mask(grey(text_area), 60);
    const int min_area = std::max(2, th * th / 2000);

    // Badge first: blobs centred in the bottom-right corner. The "x" is lower than the
    // digits, so the digits are the blobs nearly as tall as the tallest one.
    std::vector<Blob> all = blobs(mask, min_area);
    std::vector<Blob> badge;
    for (const Blob& b : all) {
        const double cx = (b.box.x + b.box.width / 2.0 + text_area.x - tile.x) / tw;
        const double cy = (b.box.y + b.box.height / 2.0 + text_area.y - tile.y) / th;
        if (cx > kBadgeMinX && cy > kBadgeMinY) badge.push_back(b);
    }
    if (!badge.empty()) {
        int tallest = 0;
        for (const Blob& b : badge) tallest = std::max(tallest, b.box.height);
        cv::Rect digits;
        for (const Blob& b : badge) {
            if (b.box.height >= 0.75 * tallest) digits = digits.empty() ? b.box : (digits | b.box);
        }
        out.quantity = TextBox{digits + text_area.tl(), true};
    }
    // Lines are found on the blobs that are neither badge nor JPEG specks.
    cv::Mat text = cv::Mat::zeros(mask.size(), CV_8UC1);
    for (const Blob& b : all) {
        const bool in_badge =
            std::any_of(badge.begin(), badge.end(), [&](const Blob& o) { return o.box == b.box; });
        if (!in_badge) text(b.box).setTo(255);
    }
    mask = text;

    const auto lines = row_runs(mask, cv::Rect(0, 0, mask.cols, mask.rows),
                                std::max(2, static_cast<int>(0.07 * th)),
                                std::max(3, static_cast<int>(0.08 * th)));
    auto line_box = [&](const Span& rows) {
        const cv::Rect box =
            ink_box(mask, cv::Rect(0, rows.begin, mask.cols, rows.size())) + text_area.tl();
        return TextBox{box, true};
    };
    if (!lines.empty()) out.title = line_box(lines[0]);
    if (lines.size() > 1) out.subtitle = line_box(lines[1]);
    return out;
}

}  // namespace decklist::layout
